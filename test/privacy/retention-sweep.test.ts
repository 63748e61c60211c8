import t from 'tap';
import { runSweep } from '../../src/jobs/sweep.ts';
import { calendarCache } from '../../src/domain/calendar/index.ts';
import { createPostgresDb } from '../../src/store/database.ts';
import { aKey, buildTestApp, movableClock, ukCalendars } from '../helpers/test-app.ts';
import { realServerUrl } from '../helpers/test-database.ts';

// The retention schedule, applied by the sweep on two instances at once (each on its own
// pool, as two servers would): every due complaint is anonymised once, one held by an open
// Ombudsman case and one not yet due are left, and GET /v1/organisation says what comes next.
const skip = (await realServerUrl()) ? false : 'needs a real PostgreSQL server for two concurrent connections (TEST_DATABASE_URL or Docker); PGlite has one';

t.test('two sweeps anonymise each due complaint once, holds apply', { skip }, async (t) => {
  const clock = movableClock('2025-04-01T09:00:00Z');
  const { app, db, url } = await buildTestApp(t, { clock });
  if (!url) throw new Error('a real server database has a URL');
  const crm = await aKey(db, ['complaints:read', 'complaints:write', 'admin']);
  const send = async (method: 'GET' | 'POST' | 'PUT', path: string, at: string, payload?: object) => {
    clock.set(at);
    const res = await app.inject({ method, url: path, headers: crm.headers, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  t.match(await send('PUT', '/v1/organisation/retention', '2025-04-01T09:00:00Z', { anonymiseAfterYears: 1 }), { anonymiseAfterYears: 1, nextAnonymisationOn: null });
  const closed = async (n: number, day: string) => {
    const c = await send('POST', '/v1/complaints', `${day}T09:00:00Z`, {
      channel: 'email', receivedAt: `${day}T09:00:00Z`, complainant: { name: `Resident ${n}`, email: `resident${n}@example.org` }, description: `Leaking roof at number ${n}`,
    });
    await send('POST', `/v1/complaints/${c.id}/acknowledge`, `${day}T10:00:00Z`, { definition: 'The roof', outcomesSought: ['Fix it'], handler: 'alice' });
    await send('POST', `/v1/complaints/${c.id}/respond`, `${day}T11:00:00Z`, {
      stage: 1, definition: 'The roof', decisions: [{ matterId: 'm1', outcome: 'upheld', reasons: 'It leaks' }], remedies: [], outstandingActions: [], escalationExplained: true,
    });
    await send('POST', `/v1/complaints/${c.id}/close`, `${day}T12:00:00Z`, { reason: 'resolved_at_stage_1' });
    return c.id as string;
  };
  const due: string[] = [];
  for (let n = 1; n <= 6; n++) due.push(await closed(n, `2025-04-0${n}`));
  const atOmbudsman = await closed(7, '2025-04-07');
  await send('POST', `/v1/complaints/${atOmbudsman}/ombudsman`, '2025-05-01T09:00:00Z', { kind: 'referral' });
  const recent = await closed(8, '2026-06-01');

  const retention = async () => (await send('GET', '/v1/organisation', '2026-11-23T06:00:00Z')).retention;
  t.same(await retention(), { anonymiseAfterYears: 1, nextAnonymisationOn: '2026-04-01' }, 'the first is overdue: the sweep has not run');

  const instances = [createPostgresDb(url, 3), createPostgresDb(url, 3)];
  t.teardown(() => Promise.all(instances.map((d) => d.destroy())));
  const now = new Date('2026-11-23T07:00:00Z');
  const calendarFor = calendarCache(ukCalendars);
  const results = await Promise.all(instances.map((d) => runSweep(d, { now, calendarFor })));
  t.equal(results[0]!.anonymised + results[1]!.anonymised, 6, `six between the two: ${JSON.stringify(results.map((r) => r.anonymised))}`);
  t.ok(results[0]!.anonymisationHeld + results[1]!.anonymisationHeld >= 1, 'the open Ombudsman case is held');

  const erasures = await db
    .selectFrom('complaint_events')
    .select((eb) => ['complaint_id', 'actor', eb.fn.countAll<number>().as('n')])
    .where('type', '=', 'complaint.personal_data_erased')
    .groupBy(['complaint_id', 'actor'])
    .execute();
  t.same(erasures.map((e) => e.complaint_id).sort(), [...due].sort(), 'exactly the due complaints');
  t.same(erasures.map((e) => [e.actor, Number(e.n)]), due.map(() => ['system:retention', 1]), 'each once, by the schedule');
  for (const id of [atOmbudsman, recent]) t.equal((await send('GET', `/v1/complaints/${id}`, '2026-11-23T08:00:00Z')).complainant.email.endsWith('@example.org'), true, 'kept');
  t.match(await send('GET', `/v1/complaints/${due[0]}`, '2026-11-23T08:00:00Z'), { status: 'closed', complainant: { name: '[erased]', email: '[erased]' }, description: '[erased]' });
  const audit = await send('GET', '/v1/audit?action=anonymisation&limit=500', '2026-11-23T08:00:00Z');
  t.equal(audit.items.length, 6, 'each on the access record');

  const again = await Promise.all(instances.map((d) => runSweep(d, { now, calendarFor })));
  t.same(again.map((r) => r.anonymised), [0, 0], 'a second round at once finds nothing');
  t.same(await retention(), { anonymiseAfterYears: 1, nextAnonymisationOn: '2027-06-01' }, 'next: the complaint closed on 1 June 2026');
});
