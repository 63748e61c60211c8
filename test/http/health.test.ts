import t from 'tap';
import { buildApp } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import { createPostgresDb } from '../../src/store/database.ts';
import { buildTestApp, fixedClock, policyPresets, ukCalendars } from '../helpers/test-app.ts';

t.test('healthz answers while the process is up; readyz checks the database and migrations', async (t) => {
  const { app, db } = await buildTestApp(t);
  const health = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(health.statusCode, 200);
  t.same(health.json(), { status: 'ok' });

  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 200);
  t.same(ready.json(), { status: 'ready' });

  // Forget the newest migration, as a database from an older release would look.
  const newest = await db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never, 'desc').executeTakeFirstOrThrow();
  await db.deleteFrom('kysely_migration' as never).where('name' as never, '=', (newest as { name: string }).name as never).execute();
  const pending = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(pending.statusCode, 503);
  t.equal(pending.json().code, 'migrations_pending');
  t.match(pending.json().detail, (newest as { name: string }).name);
});

t.test('readyz answers 503 when the database is unreachable', async (t) => {
  const db = createPostgresDb('postgres://postgres@127.0.0.1:1/nowhere', 1);
  const app = await buildApp({ db, clock: fixedClock('2026-11-23T10:00:00Z'), calendars: ukCalendars, presets: policyPresets, logger: createLogger('silent') });
  t.teardown(async () => {
    await app.close();
    await db.destroy();
  });
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(res.statusCode, 503);
  t.equal(res.json().code, 'database_unavailable');
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
});
