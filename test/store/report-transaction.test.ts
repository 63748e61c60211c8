import { sql } from 'kysely';
import t from 'tap';
import { createPgliteDb, createPostgresDb, type Db } from '../../src/store/database.ts';
import { inParallel, withReportTransaction } from '../../src/store/report-transaction.ts';
import { testDatabase } from '../helpers/test-database.ts';

// What a task sees: the backend that ran it, its statement limit, and how many rows the scratch table had.
const look = async (db: Db) => {
  await sql`select pg_sleep(0.2)`.execute(db);
  const { rows } = await sql<{ pid: number; limit: string; n: number }>`
    select pg_backend_pid() as pid, current_setting('statement_timeout') as limit, (select count(*)::int from report_scratch) as n`.execute(db);
  return rows[0]!;
};

t.test('on PostgreSQL a report transaction reads on two connections that see one snapshot', async (t) => {
  const { db, kind, url } = await testDatabase(t);
  if (kind !== 'postgres' || !url) {
    t.comment('skipped: needs a real PostgreSQL server (TEST_DATABASE_URL)');
    return;
  }
  await sql`create table report_scratch (n int)`.execute(db);
  await sql`insert into report_scratch values (1)`.execute(db);

  const seen = await withReportTransaction(db, 60_000, async (trx) => {
    const before = await look(trx);
    // Committed by another session after the transaction's snapshot was taken.
    await sql`insert into report_scratch values (2)`.execute(db);
    const started = performance.now();
    const parts = await inParallel(trx, [look, look, look, look]);
    return { before, parts, ms: performance.now() - started };
  });
  const pids = new Set(seen.parts.map((p) => p.pid));
  t.equal(pids.size, 2, 'two backends did the work');
  t.ok(pids.has(seen.before.pid), 'one of them is the transaction’s own');
  t.same(seen.parts.map((p) => p.n), [1, 1, 1, 1], 'every part sees the snapshot, not the row committed since');
  t.same(new Set(seen.parts.map((p) => p.limit)), new Set(['1min']), 'and has the report’s statement limit');
  t.ok(seen.ms < 700, `four 0.2 s parts took ${seen.ms.toFixed(0)} ms, about half of one after another`);
  t.equal((await look(db)).n, 2, 'outside, the new row is there');

  let ran = 0;
  const counted = async (on: Db) => (ran++, look(on));
  const failing = withReportTransaction(db, 60_000, (trx) =>
    inParallel(trx, [async (on: Db) => (await sql`select 1 / 0`.execute(on), look(on)), counted, counted, counted, counted]),
  );
  await t.rejects(failing, /division by zero/, 'a part that fails fails the report');
  t.ok(ran <= 1, `and the parts after it are not started (${ran} of 4 were)`);
});

t.test('with no connection to spare, or outside a report transaction, the parts run one after another', async (t) => {
  const { db, kind, url } = await testDatabase(t);
  if (kind !== 'postgres' || !url) {
    t.comment('skipped: needs a real PostgreSQL server (TEST_DATABASE_URL)');
    return;
  }
  await sql`create table report_scratch (n int)`.execute(db);
  const single = createPostgresDb(url, 1);
  t.teardown(() => single.destroy());
  const onOne = await withReportTransaction(single, 60_000, (trx) => inParallel(trx, [look, look, look]));
  t.equal(new Set(onOne.map((p) => p.pid)).size, 1, 'a pool of one: the transaction’s own connection does every part, without waiting for another');

  const outside = await inParallel(db, [look, look]);
  t.equal(outside.length, 2, 'outside a report transaction the parts still run');
});

t.test('on the embedded database the parts run on its one connection', async (t) => {
  const db = await createPgliteDb(undefined);
  t.teardown(() => db.destroy());
  await sql`create table report_scratch (n int)`.execute(db);
  await sql`insert into report_scratch values (7)`.execute(db);
  const parts = await withReportTransaction(db, 60_000, (trx) => inParallel(trx, [look, look]));
  t.same(parts.map((p) => p.n), [1, 1]);
  t.equal(new Set(parts.map((p) => p.pid)).size, 1);
});
