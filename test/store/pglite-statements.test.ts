import { sql } from 'kysely';
import t from 'tap';
import { createPgliteDb, type Db } from '../../src/store/database.ts';

// The embedded database's statements go as extended-protocol messages, data statements
// as named prepared statements (src/store/pglite-dialect.ts).

t.test('a data statement is parsed once and run again from its prepared statement', async (t) => {
  const db = await createPgliteDb(undefined);
  t.teardown(() => db.destroy());
  await sql`create table things (id int primary key, name text, tags text[], data jsonb, at timestamptz)`.execute(db);
  const insert = (id: number, name: string) =>
    sql`insert into things (id, name, tags, data, at) values (${id}, ${name}, ${['a', 'b,c']}, ${JSON.stringify({ n: id })}, ${new Date('2026-12-03T10:00:00Z')})`.execute(db);
  await insert(1, 'one');
  await insert(2, 'two');
  const prepared = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(db);
  const inserts = prepared.rows.filter((r) => r.statement.includes('insert into things'));
  t.equal(inserts.length, 1, 'one prepared statement for both inserts');
  t.match(inserts[0]?.name, /^k/);

  const rows = await db.selectFrom('things' as never).selectAll().orderBy('id' as never).execute();
  t.same(rows, [
    { id: 1, name: 'one', tags: ['a', 'b,c'], data: { n: 1 }, at: new Date('2026-12-03T10:00:00Z') },
    { id: 2, name: 'two', tags: ['a', 'b,c'], data: { n: 2 }, at: new Date('2026-12-03T10:00:00Z') },
  ], 'values go as pg sends them (arrays, JSON, instants) and come back parsed');
  const updated = await sql`update things set name = 'x' where id > ${0}`.execute(db);
  t.equal(updated.numAffectedRows, 2n, 'a write reports the rows it changed');
});

t.test('a statement that failed is sent again whole, and errors are the database’s own', async (t) => {
  const db = await createPgliteDb(undefined);
  t.teardown(() => db.destroy());
  const read = () => sql<{ n: number }>`select count(*)::int as n from later`.execute(db);
  await t.rejects(read(), { code: '42P01' }, 'the table does not exist yet: the Parse failed');
  await sql`create table later (id uuid primary key)`.execute(db);
  t.same((await read()).rows, [{ n: 0 }], 'the same text is parsed again, not run from a statement that never was');

  const insert = (id: string, on: Db = db) => sql`insert into later (id) values (${id})`.execute(on);
  await t.rejects(insert('not-a-uuid'), { code: '22P02' }, 'a value the statement cannot take fails at Bind');
  await insert('6f1c7a3e-8a53-4c55-9b3a-0e0a4c1b2d3e');
  await t.rejects(insert('6f1c7a3e-8a53-4c55-9b3a-0e0a4c1b2d3e'), { code: '23505', constraint: 'later_pkey' });
  t.same((await read()).rows, [{ n: 1 }], 'the connection goes on after each error');

  await t.rejects(
    db.transaction().execute(async (trx) => {
      await insert('11111111-1111-4111-8111-111111111111', trx);
      await sql`select 1 / 0`.execute(trx);
    }),
    { code: '22012' },
  );
  t.same((await read()).rows, [{ n: 1 }], 'the transaction whose statement failed was rolled back');
});
