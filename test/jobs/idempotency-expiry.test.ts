import t from 'tap';
import { calendarCache } from '../../src/domain/calendar/index.ts';
import { runSweep } from '../../src/jobs/sweep.ts';
import { aKey, buildTestApp, movableClock, ukCalendars } from '../helpers/test-app.ts';

// An Idempotency-Key's answer is replayed for 30 days; then the sweep forgets it.
t.test('idempotency keys are kept 30 days, then forgotten by the sweep', async (t) => {
  const clock = movableClock('2026-11-02T10:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const post = (description: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/complaints',
      headers: { ...crm.headers, 'idempotency-key': 'crm-77' },
      payload: { channel: 'email', receivedAt: '2026-11-02T09:00:00Z', complainant: { name: 'Resident' }, description },
    });
  const sweep = (at: string) => runSweep(db, { now: new Date(at), calendarFor: calendarCache(ukCalendars) });

  t.equal((await post('Repairs')).statusCode, 201);
  t.match(await sweep('2026-12-01T10:00:00Z'), { idempotencyKeysExpired: 0 }, 'day 29: kept');
  clock.set('2026-12-01T10:00:00Z');
  const replay = await post('Repairs');
  t.equal(replay.headers['idempotent-replayed'], 'true', 'still replayed on day 29');
  t.equal((await post('Something else')).statusCode, 422, 'and still guarded');

  t.match(await sweep('2026-12-02T10:00:01Z'), { idempotencyKeysExpired: 1 }, 'past 30 days: forgotten');
  t.match(await sweep('2026-12-02T10:00:01Z'), { idempotencyKeysExpired: 0 }, 'once');
  clock.set('2026-12-02T10:05:00Z');
  const reused = await post('Something else');
  t.equal(reused.statusCode, 201, 'the key can be used afresh');
  t.equal(reused.headers['idempotent-replayed'], undefined);
});
