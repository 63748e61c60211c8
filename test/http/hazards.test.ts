import t from 'tap';
import { calendarCache } from '../../src/domain/calendar/index.ts';
import { recordDeadlineEventsForAll } from '../../src/jobs/deadline-events.ts';
import { aKey, buildTestApp, movableClock, ukCalendars } from '../helpers/test-app.ts';

// Awaab's Law over HTTP, on the real England and Wales calendar and a movable clock: a
// complaint logged on Sat 24 Oct 2026 with an emergency hazard the landlord learnt of at
// 12:00 BST (11:00Z). The clocks go back at 02:00 BST on Sun 25 Oct, so the 24 elapsed
// hours end at 11:00 GMT on Sunday (11:00Z), 23 hours later on the wall clock.
t.test("Awaab's Law hazard clocks beside the complaint's own deadlines", async (t) => {
  const clock = movableClock('2026-10-24T11:30:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const crm = await aKey(db, ['complaints:read', 'complaints:write', 'admin']);
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: crm.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() };
  };
  const created = await call('POST', '/v1/complaints', {
    channel: 'phone',
    receivedAt: '2026-10-24T11:30:00Z',
    complainant: { name: 'Ada Resident' },
    description: 'No heating and a gas smell',
    hazard: { kind: 'emergency', description: 'Gas smell in the kitchen', awareAt: '2026-10-24T12:00:00+01:00' },
  });
  t.equal(created.status, 201, JSON.stringify(created.body).slice(0, 300));
  const id = created.body.id as string;
  t.same(created.body.hazard, { kind: 'emergency', description: 'Gas smell in the kitchen' }, 'the hazard as given, as before');
  t.match(created.body.hazards, [{ id: 'h1', kind: 'emergency', awareAt: '2026-10-24T11:00:00.000Z', awaabsLaw: true, noClocksReason: null, investigation: null }]);
  const hazardClock = (body: { deadlines: { kind: string; ref: string | null }[] }, kind: string, ref = 'h1') => body.deadlines.find((d) => d.kind === kind && d.ref === ref);
  t.match(hazardClock(created.body, 'hazard_emergency_action'), { dueAt: '2026-10-25T11:00:00.000Z', dueDate: '2026-10-25', status: 'pending', rule: 'awaabsLaw.emergencyAction' });
  t.match(hazardClock(created.body, 'stage_1_acknowledgement', null as never), { dueAt: null }, 'date deadlines keep dueAt null');

  await t.test('before the 24 hours end: due, with hours left; counted as due today', async (t) => {
    clock.set('2026-10-25T10:00:00Z');
    const due = await call('GET', '/v1/sla/due?withinWorkingDays=5');
    const items = due.body.items.filter((i: { kind: string }) => i.kind.startsWith('hazard_'));
    t.same(items.map((i: { kind: string; dueAt: string; hoursLeft: number }) => [i.kind, i.dueAt, i.hoursLeft]), [
      ['hazard_emergency_action', '2026-10-25T11:00:00.000Z', 1],
      ['hazard_investigation', '2026-10-25T11:00:00.000Z', 1],
    ]);
    const summary = await call('GET', '/v1/sla/summary');
    t.match(summary.body.items.find((i: { kind: string }) => i.kind === 'hazard_emergency_action'), { dueToday: 1, breached: 0 });
    t.equal((await call('GET', '/v1/sla/breaches?kind=hazard_emergency_action')).body.items.length, 0);
    t.equal((await call('GET', `/v1/complaints/${id}`)).body.deadlines.find((d: { kind: string }) => d.kind === 'hazard_investigation').status, 'pending');
  });

  await t.test('once they end: breached the same day, with hours late; no longer due', async (t) => {
    clock.set('2026-10-25T13:30:00Z');
    const breaches = await call('GET', '/v1/sla/breaches');
    const items = breaches.body.items.filter((i: { kind: string }) => i.kind.startsWith('hazard_'));
    t.same(items.map((i: { kind: string; hoursLate: number; workingDaysLate: number; status: string }) => [i.kind, i.hoursLate, i.workingDaysLate, i.status]), [
      ['hazard_emergency_action', 2.5, 0, 'breached'],
      ['hazard_investigation', 2.5, 0, 'breached'],
    ]);
    t.notOk((await call('GET', '/v1/sla/due')).body.items.some((i: { kind: string }) => i.kind.startsWith('hazard_')));
    t.match((await call('GET', '/v1/sla/summary')).body.items.find((i: { kind: string }) => i.kind === 'hazard_investigation'), { dueToday: 0, breached: 1 });
    t.equal((await call('GET', `/v1/complaints/${id}`)).body.deadlines.find((d: { kind: string }) => d.kind === 'hazard_investigation').status, 'breached');
    t.equal((await call('GET', '/v1/complaints?breached=true')).body.items.length, 1, 'the complaint list’s breached filter sees it');
    const before = await call('GET', '/v1/sla/breaches?asOf=2026-10-24');
    t.notOk(before.body.items.some((i: { kind: string }) => i.kind.startsWith('hazard_')), 'not breached as of the Saturday');
  });

  await t.test('the sweep records each hazard breach once, the day it happens', async (t) => {
    const sweep = () => recordDeadlineEventsForAll(db, { now: clock(), calendarFor: calendarCache(ukCalendars) });
    t.equal((await sweep()).breached, 2);
    t.equal((await sweep()).breached, 0, 'again: nothing new');
    const feed = (await call('GET', '/v1/events?types=deadline.breached')).body.items;
    t.same(feed.map((e: { data: { change: { kind: string; dueAt: string } } }) => [e.data.change.kind, e.data.change.dueAt]).sort(), [
      ['hazard_emergency_action', '2026-10-25T11:00:00+00:00'],
      ['hazard_investigation', '2026-10-25T11:00:00+00:00'],
    ]);
  });

  await t.test('a step dated with occurredAt: made safe an hour late is met late', async (t) => {
    const safe = await call('POST', `/v1/complaints/${id}/hazards/h1/steps`, { step: 'made_safe', occurredAt: '2026-10-25T12:00:00Z' });
    t.equal(safe.status, 200, JSON.stringify(safe.body).slice(0, 300));
    t.match(hazardClock(safe.body, 'hazard_emergency_action'), { status: 'met_late', metAt: '2026-10-25T12:00:00.000Z' });
    const late = await call('GET', '/v1/sla/breaches?includeLate=true&kind=hazard_emergency_action');
    t.match(late.body.items, [{ status: 'met_late', hoursLate: 1, metOn: '2026-10-25' }]);
    const repeat = await call('POST', `/v1/complaints/${id}/hazards/h1/steps`, { step: 'made_safe' });
    t.match(repeat, { status: 409, body: { code: 'hazard_step_already_recorded' } });
    t.match(await call('POST', `/v1/complaints/${id}/hazards/h9/steps`, { step: 'made_safe' }), { status: 404, body: { code: 'hazard_not_found' } });
    t.match(await call('POST', `/v1/complaints/${id}/hazards/h1/steps`, { step: 'summary_sent' }), { status: 409, body: { code: 'hazard_not_investigated' } });
    t.equal((await call('POST', `/v1/complaints/${id}/hazards/h1/steps`, { step: 'tidied_up' })).status, 400);
  });

  await t.test('a second hazard reported later: significant, counted in working days', async (t) => {
    // Aware Fri 23 Oct: Mon 26 to Fri 30 (5), Mon 2 to Fri 6 Nov (10).
    const second = await call('POST', `/v1/complaints/${id}/hazards`, { kind: 'damp_and_mould', description: 'Mould behind the wardrobe', awareAt: '2026-10-23T09:00:00Z' });
    t.equal(second.status, 200, JSON.stringify(second.body).slice(0, 300));
    t.match(hazardClock(second.body, 'hazard_investigation', 'h2'), { dueDate: '2026-11-06', dueAt: null, rule: 'awaabsLaw.investigation' });
    const explained = await call('GET', `/v1/complaints/${id}/deadlines?explain=true`);
    const byKind = (kind: string, ref: string) => explained.body.items.find((d: { kind: string; ref: string }) => d.kind === kind && d.ref === ref);
    t.match(byKind('hazard_emergency_action', 'h1').explanation, {
      hours: { from: '2026-10-24T11:00:00.000Z', hours: 24, dueAt: '2026-10-25T11:00:00.000Z', wallClockHours: 23 },
      count: null,
      source: { text: /emergency hazard safe/ },
    });
    const count = byKind('hazard_investigation', 'h2').explanation.count;
    t.equal(count.counted.length, 10);
    t.same(count.skipped.map((s: { date: string }) => s.date), ['2026-10-24', '2026-10-25', '2026-10-31', '2026-11-01']);
    t.equal(byKind('hazard_investigation', 'h2').explanation.hours, null);
    const events = await call('GET', `/v1/complaints/${id}/events`);
    const types = events.body.items.map((e: { type: string }) => e.type);
    t.ok(types.includes('complaint.hazard_reported') && types.includes('complaint.hazard_step_recorded'), types.join(', '));
  });

  await t.test("a landlord that says it is not a social landlord in England: hazards recorded with no clock, and why", async (t) => {
    const organisation = (await call('GET', '/v1/organisation')).body;
    const { name, division, homes, closureDays, complaintsContact, ombudsman, intakeOrigins } = organisation;
    const settings = { name, division, homes, closureDays, complaintsContact, ombudsman, intakeOrigins };
    t.equal(organisation.awaabsLaw, null, 'null: the division’s default');
    const put = await call('PUT', '/v1/organisation', { ...settings, awaabsLaw: false });
    t.equal(put.status, 200, JSON.stringify(put.body).slice(0, 300));
    t.equal(put.body.awaabsLaw, false);
    const off = await call('POST', '/v1/complaints', {
      channel: 'phone',
      receivedAt: '2026-10-25T13:00:00Z',
      complainant: { name: 'Ben Resident' },
      description: 'Damp',
      hazard: { kind: 'damp_and_mould', description: 'Damp in the hall' },
    });
    t.equal(off.status, 201);
    t.match(off.body.hazards, [{ awaabsLaw: false, noClocksReason: /social landlords in England/ }]);
    t.notOk(off.body.deadlines.some((d: { kind: string }) => d.kind.startsWith('hazard_')));
    t.ok((await call('GET', `/v1/complaints/${id}`)).body.deadlines.some((d: { kind: string }) => d.kind.startsWith('hazard_')), 'hazards reported before keep their clocks');
  });
});
