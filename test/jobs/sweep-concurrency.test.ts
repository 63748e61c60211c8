import t from 'tap';
import { runSweep } from '../../src/jobs/sweep.ts';
import { createPostgresDb } from '../../src/store/database.ts';
import { realServerUrl } from '../helpers/test-database.ts';
import { lumenLandlord } from './sweep-fixtures.ts';

// Two sweeps at once, as two server instances on one database would run them: each on
// its own connection pool. Every complaint is closed once and every event recorded once.
const skip = (await realServerUrl()) ? false : 'needs a real PostgreSQL server for two concurrent connections (TEST_DATABASE_URL or Docker); PGlite has one';
t.test('two sweeps at once do each thing exactly once', { skip }, async (t) => {
  const l = await lumenLandlord(t);
  if (!l.url) throw new Error('a real server database has a URL');
  // Six complaints responded Wed 4 Nov (auto-close window ends Wed 9 Dec) and six never
  // acknowledged, received Mon 30 Nov (acknowledgement due Mon 7 Dec: breached on the 10th).
  const responded: string[] = [];
  for (let i = 0; i < 6; i++) {
    const id = await l.log('2026-11-02');
    await l.acknowledge(id, '2026-11-03');
    await l.respond(id, '2026-11-04');
    responded.push(id);
  }
  for (let i = 0; i < 6; i++) await l.log('2026-11-30');

  const instances = [createPostgresDb(l.url, 3), createPostgresDb(l.url, 3)];
  t.teardown(() => Promise.all(instances.map((db) => db.destroy())));
  const now = new Date('2026-12-10T07:00:00Z');
  const results = await Promise.all(instances.map((db) => runSweep(db, { now, calendarFor: l.calendarFor })));
  const total = (f: 'autoClosed' | 'breached' | 'dueSoon') => results.reduce((n, r) => n + r[f], 0);
  t.equal(total('autoClosed'), 6, `six closed between the two: ${JSON.stringify(results)}`);
  t.equal(total('breached'), 6, 'six breaches recorded between the two');

  const closedEvents = await l.db
    .selectFrom('complaint_events')
    .select((eb) => ['complaint_id', eb.fn.countAll<number>().as('n')])
    .where('type', '=', 'complaint.closed')
    .groupBy('complaint_id')
    .execute();
  t.same(closedEvents.map((e) => Number(e.n)), [1, 1, 1, 1, 1, 1], 'one complaint.closed event per complaint');
  t.same(closedEvents.map((e) => e.complaint_id).sort(), [...responded].sort());
  const outbox = await l.db.selectFrom('outbox_events').select((eb) => ['type', eb.fn.countAll<number>().as('n')]).groupBy('type').orderBy('type').execute();
  t.same(outbox.map((o) => [o.type, Number(o.n)]), [['complaint.auto_closed', 6], ['deadline.breached', 6]]);

  const again = await Promise.all(instances.map((db) => runSweep(db, { now, calendarFor: l.calendarFor })));
  t.same(again.map((r) => r.autoClosed + r.breached + r.dueSoon), [0, 0], 'and a second round at once finds nothing');
});
