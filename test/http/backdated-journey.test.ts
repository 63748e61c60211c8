import t from 'tap';
import { calendarCache } from '../../src/domain/calendar/index.ts';
import { runSweep } from '../../src/jobs/sweep.ts';
import { aKey, buildTestApp, movableClock, ukCalendars } from '../helpers/test-app.ts';

// The same journeys entered through the API live and a year late (with occurredAt), for
// two landlords on the same policy (seed 003, the housing trust: stage 1 from logging,
// stage 2 from the escalation's logging, here with a 25 working day auto-close): the
// complaints, their deadlines, the sweep's auto-close and every report figure must match.
t.test('live and back-dated by a year: the same complaints, deadlines and report figures', async (t) => {
  const clock = movableClock('2025-01-06T09:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const calendarFor = calendarCache(ukCalendars);
  const live = await aKey(db, ['complaints:read', 'complaints:write', 'reports:read', 'admin']);
  const late = await aKey(db, ['complaints:read', 'complaints:write', 'reports:read', 'admin']);
  for (const key of [live, late]) {
    const res = await app.inject({
      method: 'PUT',
      url: '/v1/policy',
      headers: key.headers,
      payload: { preset: 'seed-003-housing-trust', overrides: { autoCloseWindow: { amount: 25, unit: 'working_days', from: 'stage_1_response' } } },
    });
    t.equal(res.statusCode, 201, res.body);
  }
  const YEAR = 365 * 86_400_000;
  const send = async (key: typeof live, url: string, at: string, payload: object, method: 'POST' | 'GET' = 'POST') => {
    clock.set(key === live ? at : new Date(Date.parse(at) + YEAR).toISOString());
    const res = await app.inject({ method, url, headers: key.headers, ...(method === 'POST' ? { payload: { ...payload, occurredAt: at } } : {}) });
    if (res.statusCode >= 300) throw new Error(`${url} at ${at}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const sweep = (key: typeof live, at: string) => runSweep(db, { now: new Date(key === live ? at : Date.parse(at) + YEAR), calendarFor });
  const ack = { definition: 'The boiler', outcomesSought: ['Repair it'], handler: 'alice' };
  const answer = (c: { matters: { id: string }[] }, stage: 1 | 2) => ({
    stage,
    definition: 'The boiler',
    decisions: c.matters.map((m) => ({ matterId: m.id, outcome: 'upheld', reasons: 'Missed visits' })),
    remedies: [{ type: 'financial', description: 'Compensation', compensationPence: 5000, dueDate: '2025-09-30' }],
    outstandingActions: [],
    escalationExplained: true,
  });

  async function journeys(key: typeof live) {
    const log = (ref: string, receivedAt: string) =>
      send(key, '/v1/complaints', receivedAt, { channel: 'email', receivedAt, complainant: { name: 'Ada' }, description: 'Boiler', externalRef: ref });
    // A: both stages. Escalated Wed 2 Jul 2025; stage 2 due 20 wd from its logging.
    let a = await log('A', '2025-06-16T10:00:00+01:00');
    a = await send(key, `/v1/complaints/${a.id}/acknowledge`, '2025-06-17T10:00:00+01:00', ack);
    a = await send(key, `/v1/complaints/${a.id}/respond`, '2025-06-27T10:00:00+01:00', answer(a, 1));
    a = await send(key, `/v1/complaints/${a.id}/escalate`, '2025-07-02T10:00:00+01:00', {});
    a = await send(key, `/v1/complaints/${a.id}/acknowledge-stage-2`, '2025-07-04T10:00:00+01:00', { ...ack, handler: 'bob' });
    a = await send(key, `/v1/complaints/${a.id}/extend`, '2025-07-29T10:00:00+01:00', {
      reason: 'Survey', residentToldAt: '2025-07-29T10:00:00+01:00', ombudsmanDetailsGiven: true, newDueDate: '2025-08-12',
    });
    a = await send(key, `/v1/complaints/${a.id}/respond`, '2025-08-11T10:00:00+01:00', answer(a, 2));
    // B: answered, never escalated: the sweep closes it the morning after the window.
    let b = await log('B', '2025-09-01T10:00:00+01:00');
    b = await send(key, `/v1/complaints/${b.id}/acknowledge`, '2025-09-02T10:00:00+01:00', ack);
    b = await send(key, `/v1/complaints/${b.id}/respond`, '2025-09-12T10:00:00+01:00', answer(b, 1));
    const closes = b.deadlines.find((d: { kind: string }) => d.kind === 'auto_close').dueDate;
    await sweep(key, `${closes}T23:30:00Z`);
    // C: still open at the year's end, answered late.
    let c = await log('C', '2026-03-02T10:00:00Z');
    c = await send(key, `/v1/complaints/${c.id}/acknowledge`, '2026-03-10T10:00:00Z', ack);
    return { a: a.id as string, b: b.id as string, c: c.id as string, closes: closes as string };
  }
  const ids = { live: await journeys(live), late: await journeys(late) };
  t.equal(ids.live.closes, '2025-10-17', 'B: 25 wd after Fri 12 Sep 2025');

  clock.set('2027-01-04T09:00:00Z');
  const get = async (key: typeof live, url: string, accept = 'application/json') => {
    const res = await app.inject({ method: 'GET', url, headers: { ...key.headers, accept } });
    t.equal(res.statusCode, 200, res.body.slice(0, 200));
    return accept === 'application/json' ? res.json() : res.body;
  };
  const strip = (c: Record<string, unknown>) => ({ ...c, id: null, reference: null, organisationId: null, policyVersion: null, version: null });
  for (const name of ['a', 'b', 'c'] as const) {
    const [one, two] = [await get(live, `/v1/complaints/${ids.live[name]}`), await get(late, `/v1/complaints/${ids.late[name]}`)];
    t.same(strip(two), strip(one), `${name}: the same complaint, deadlines and statuses`);
  }
  const a = await get(late, `/v1/complaints/${ids.late.a}`);
  t.match(a.deadlines.find((d: { kind: string }) => d.kind === 'stage_2_response'), { countsFrom: { event: 'escalation_logging', date: '2025-07-02' }, originalDueDate: '2025-07-30', dueDate: '2025-08-12', status: 'met' });
  const b = await get(late, `/v1/complaints/${ids.late.b}`);
  t.match(b.closure, { reason: 'auto_close', at: '2025-10-17T23:00:00.000Z' }, 'auto-closed when the window ran out (00:00 BST on 18 Oct 2025)');
  const closed = (await get(late, `/v1/complaints/${ids.late.b}/events`)).items.at(-1);
  t.match(closed, { type: 'complaint.closed', occurredAt: '2025-10-17T23:00:00.000Z', recordedAt: '2026-10-17T23:30:00.000Z' });

  for (const url of ['/v1/reports/tsm?year=2025', '/v1/reports/performance?from=2025-04-01&to=2026-03-31', '/v1/reports/self-assessment?year=2025']) {
    // The complaints' ids differ between the two landlords; everything else must not.
    const named = (body: unknown, which: typeof ids.live) =>
      JSON.parse(Object.entries(which).reduce((text, [name, id]) => text.replaceAll(id, name), JSON.stringify(body))) as unknown;
    t.same(named(await get(late, url), ids.late), named(await get(live, url), ids.live), `${url}: the same figures`);
  }
});
