import t from 'tap';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import { createPgliteDb } from '../../src/store/database.ts';
import { withReportTransaction } from '../../src/store/report-transaction.ts';
import { migrateToLatest } from '../../src/store/migrator.ts';
import { databaseFaultOf } from '../../src/store/database-unavailable.ts';
import { aKey, buildTestApp, fixedClock, policyPresets, ukCalendars } from '../helpers/test-app.ts';

// A database error on a connection lent to a request must not end the process: the
// request answers 503 and the next one works on a fresh connection.

t.test('an administrator terminating the app’s backends: idle and busy, no crash, 503, then recovery', async (t) => {
  const { app, db, kind, url } = await buildTestApp(t);
  if (kind !== 'postgres' || !url) {
    t.comment('skipped: needs a real PostgreSQL server (TEST_DATABASE_URL)');
    return;
  }
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const list = () => app.inject({ method: 'GET', url: '/v1/complaints', headers: crm.headers });
  t.equal((await list()).statusCode, 200);

  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  t.teardown(() => admin.end());
  const terminateApp = () =>
    admin.query('select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');

  // Idle connections: the pool hears of it and opens new ones.
  t.ok(((await terminateApp()).rows[0] as { n: number }).n >= 1, 'the app had connections to terminate');
  await new Promise((r) => setTimeout(r, 100));
  t.equal((await list()).statusCode, 200, 'answers after its idle connections were terminated');

  // A connection busy with a query (waiting on a lock the administrator holds).
  await admin.query('begin');
  await admin.query('lock table complaints in access exclusive mode');
  const blocked = list();
  await new Promise((r) => setTimeout(r, 300));
  await terminateApp();
  await admin.query('rollback');
  const res = await blocked;
  t.equal(res.statusCode, 503, 'the request whose connection was terminated answers 503');
  t.equal(res.json().code, 'database_unavailable');
  t.match(res.headers['retry-after'], /^\d+$/, 'with Retry-After');
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  t.ok(res.headers['x-request-id']);
  t.equal((await list()).statusCode, 200, 'the next request works on a new connection');

  // A query of the store itself, terminated mid-statement, fails as 'unreachable'.
  const sleeping = sql`select pg_sleep(5)`.execute(db).then(
    () => undefined,
    (err: unknown) => err,
  );
  await new Promise((r) => setTimeout(r, 300));
  await terminateApp();
  t.equal(databaseFaultOf(await sleeping), 'unreachable');
  t.equal((await list()).statusCode, 200);
});

t.test('the classification of database errors', async (t) => {
  const unreachable = [
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
    new Error('Connection terminated unexpectedly'),
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
    Object.assign(new Error('connection failure'), { code: '08006' }),
  ];
  for (const err of unreachable) t.equal(databaseFaultOf(err), 'unreachable', err.message);
  t.equal(databaseFaultOf(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })), 'timeout');
  t.equal(databaseFaultOf(new Error('timeout exceeded when trying to connect')), 'timeout');
  for (const err of [new Error('boom'), Object.assign(new Error('duplicate key'), { code: '23505' }), Object.assign(new Error('syntax'), { code: '42601' }), null, 'text']) {
    t.equal(databaseFaultOf(err), undefined, 'not a database fault: stays a 500');
  }
});

t.test('statement limits: the pool default, and a longer one for a report transaction only', async (t) => {
  const { db, kind } = await buildTestApp(t);
  if (kind !== 'postgres') {
    t.comment('skipped: needs a real PostgreSQL server (TEST_DATABASE_URL)');
    return;
  }
  const shown = async () => (await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db)).rows[0]?.statement_timeout;
  t.equal(await shown(), '15s', 'every pooled connection has the default statement_timeout');
  const inside = await withReportTransaction(db, 60000, async (trx) => (await sql<{ statement_timeout: string }>`show statement_timeout`.execute(trx)).rows[0]?.statement_timeout);
  t.equal(inside, '1min', 'a report transaction has its own');
  const slow = await withReportTransaction(db, 100, (trx) => sql`select pg_sleep(2)`.execute(trx)).then(
    () => undefined,
    (err: unknown) => err,
  );
  t.equal(databaseFaultOf(slow), 'timeout', 'a statement over the limit is a timeout (503)');
  t.equal(await shown(), '15s', 'the connection keeps the default afterwards');
});

t.test('PGlite gone (closed): requests answer 503, the process carries on', async (t) => {
  const db = await createPgliteDb(undefined);
  await migrateToLatest(db);
  const { headers } = await aKey(db, ['complaints:read']);
  const app = await buildApp({ db, clock: fixedClock('2026-11-23T10:00:00Z'), calendars: ukCalendars, presets: policyPresets, logger: createLogger('silent') });
  t.teardown(() => app.close());
  t.equal((await app.inject({ method: 'GET', url: '/v1/complaints', headers })).statusCode, 200);
  await db.destroy();
  for (const url of ['/readyz', '/v1/complaints']) {
    const res = await app.inject({ method: 'GET', url, headers });
    t.equal(res.statusCode, 503, `${url} answers 503`);
    t.equal(res.json().code, 'database_unavailable');
    t.ok(res.headers['retry-after']);
  }
});
