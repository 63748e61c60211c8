import t from 'tap';
import { loadBankHolidayFeed } from '../../src/config.ts';
import { buildUkCalendars, calendarCache } from '../../src/domain/calendar/index.ts';
import { recomputeDeadlines } from '../../src/jobs/recompute-deadlines.ts';
import { findOrganisation, updateOrganisation } from '../../src/store/organisations.ts';
import { aKey, buildTestApp, movableClock, ukCalendars } from '../helpers/test-app.ts';

// After the calendar changes, open complaints' deadlines move, with the old and new dates
// recorded; ended complaints are left alone. Code 2024 preset, England and Wales.
//  A: received Wed 16 Dec 2026, acknowledged Mon 21 Dec. Ack due 17, 18, 21, 22, 23 Dec;
//     response due 22, 23, 24, 29, 30, 31 Dec, 4, 5, 6, 7 Jan → Thu 7 Jan 2027.
//  C: received Wed 16 Dec, not acknowledged: ack due Wed 23 Dec.
//  W: received Wed 16 Dec, withdrawn: ended, never recomputed.
t.test('npm run deadlines:recompute', async (t) => {
  const clock = movableClock('2026-12-16T10:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const send = async (method: 'GET' | 'POST', url: string, payload?: object) =>
    (await app.inject({ method, url, headers: crm.headers, ...(payload ? { payload } : {}) })).json();
  const log = async () => (await send('POST', '/v1/complaints', { channel: 'email', receivedAt: '2026-12-16T09:00:00Z', complainant: { name: 'Ada' }, description: 'Damp', outcomesSought: ['Fix'] })).id as string;
  const [a, c, w] = [await log(), await log(), await log()];
  await send('POST', `/v1/complaints/${w}/withdraw`, { reason: 'Sorted out' });
  clock.set('2026-12-21T10:00:00Z');
  await send('POST', `/v1/complaints/${a}/acknowledge`, { definition: 'Damp', outcomesSought: ['Fix'], handler: 'alice' });
  const dates = async (id: string) => (await send('GET', `/v1/complaints/${id}/deadlines`)).items.map((d: { kind: string; dueDate: string; status: string }) => [d.kind, d.dueDate, d.status]);
  const events = async (id: string) => (await send('GET', `/v1/complaints/${id}/events`)).items;
  const withdrawnBefore = await dates(w);

  await t.test('a bank holiday announced later, Tue 22 Dec 2026, moves open complaints’ dates', async (t) => {
    const feed = loadBankHolidayFeed();
    const extra = { ...feed, 'england-and-wales': { ...feed['england-and-wales'], events: [...feed['england-and-wales'].events, { title: 'Extra bank holiday', date: '2026-12-22', notes: '', bunting: true }] } };
    const calendarFor = calendarCache(buildUkCalendars(extra));
    const result = await recomputeDeadlines(db, { now: new Date('2026-12-21T18:00:00Z'), calendarFor, reason: 'calendar:update added 22 Dec 2026' });
    t.equal(result.checked, 2, 'the two open complaints');
    t.same(result.changed.map((x) => x.complaintId).sort(), [a, c].sort());
    // A: ack 17, 18, 21, 23, 24 Dec → Thu 24 Dec (still met: acknowledged on the 21st);
    // response 23, 24, 29, 30, 31 Dec, 4-8 Jan → Fri 8 Jan. C: ack Thu 24 Dec.
    t.same(await dates(a), [['stage_1_acknowledgement', '2026-12-24', 'met'], ['stage_1_response', '2027-01-08', 'pending']]);
    t.same(await dates(c), [['stage_1_acknowledgement', '2026-12-24', 'pending']]);
    const last = (await events(a)).at(-1);
    t.match(last, { type: 'complaint.deadlines_recomputed', actor: 'system:recompute', version: 3, data: { reason: 'calendar:update added 22 Dec 2026' } });
    t.same(last.data.changes, [
      { kind: 'stage_1_acknowledgement', stage: 1, ref: null, from: '2026-12-23', to: '2026-12-24' },
      { kind: 'stage_1_response', stage: 1, ref: null, from: '2027-01-07', to: '2027-01-08' },
    ]);
    t.equal((await send('GET', `/v1/complaints/${a}`)).version, 3, 'the version moves on: what the API shows changed');
    t.same(await dates(w), withdrawnBefore, 'the withdrawn complaint is untouched');
    t.notOk((await events(w)).some((e: { type: string }) => e.type === 'complaint.deadlines_recomputed'));

    const again = await recomputeDeadlines(db, { now: new Date('2026-12-21T19:00:00Z'), calendarFor });
    t.same({ changed: again.changed, refreshed: again.refreshed }, { changed: [], refreshed: 0 }, 'a second run changes nothing');
    t.equal((await events(a)).length, 3, 'and records nothing');
  });

  await t.test('a landlord’s new closure day, Tue 5 Jan 2027, on the shipped calendar', async (t) => {
    const organisation = (await findOrganisation(db, crm.organisationId))!;
    const { name, division, homes, complaintsContact, ombudsman, intakeOrigins } = organisation;
    const closureDays = [{ date: '2027-01-05', reason: 'Staff training' }];
    await updateOrganisation(db, organisation.id, { name, division, homes, closureDays, complaintsContact, ombudsman, intakeOrigins }, undefined, new Date());
    const result = await recomputeDeadlines(db, { now: new Date('2026-12-22T09:00:00Z'), calendarFor: calendarCache(ukCalendars) });
    t.equal(result.changed.length, 2);
    // Without the extra holiday, A's ack is back to Wed 23 Dec; its response counts 22, 23,
    // 24, 29, 30, 31 Dec, 4, (5 closed), 6, 7, 8 Jan → Fri 8 Jan, unchanged.
    t.same(await dates(a), [['stage_1_acknowledgement', '2026-12-23', 'met'], ['stage_1_response', '2027-01-08', 'pending']]);
    t.same((await events(a)).at(-1).data.changes, [{ kind: 'stage_1_acknowledgement', stage: 1, ref: null, from: '2026-12-24', to: '2026-12-23' }]);
    t.same(await dates(c), [['stage_1_acknowledgement', '2026-12-23', 'pending']]);
  });
});
