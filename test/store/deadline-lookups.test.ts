import { sql } from 'kysely';
import pg from 'pg';
import t from 'tap';
import { buildApp } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import { createPostgresDb, type Db } from '../../src/store/database.ts';
import { aKey, buildTestApp, movableClock, policyPresets, ukCalendars } from '../helpers/test-app.ts';

// Reading a complaint and saving a command find its deadlines by complaint id, through the
// primary key. When the statements also named the landlord, a planner without statistics
// (a table just filled, not yet analysed) combined the landlord's index on
// complaint_deadlines, every deadline of the landlord, with the key: on the bench, four
// times the work of the whole read. Checked on a real PostgreSQL, from its own index counters.
t.test('a complaint read and a command save its deadlines without scanning all of the landlord’s', async (t) => {
  const clock = movableClock('2026-11-23T10:00:00Z');
  const { app, db, kind, url } = await buildTestApp(t, { clock });
  if (kind !== 'postgres' || !url) {
    t.pass('needs a PostgreSQL server (TEST_DATABASE_URL): PGlite has no index statistics to check');
    return;
  }
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const created = await app.inject({
    method: 'POST', url: '/v1/complaints', headers: crm.headers,
    payload: { channel: 'phone', receivedAt: '2026-11-23T09:00:00Z', complainant: { name: 'R' }, description: 'Damp' },
  });
  t.equal(created.statusCode, 201, created.body);
  const { id } = created.json<{ id: string }>();

  // 5,000 more deadlines of the landlord, of complaints that are not there (foreign keys off
  // for this session only), in a table with no statistics yet.
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  t.teardown(() => admin.end());
  await admin.query('set session_replication_role = replica');
  await admin.query(
    `insert into complaint_deadlines (organisation_id, complaint_id, kind, stage, ref, owner, counts_from_event, counts_from_date, rule, due_date, original_due_date, provisional, status)
     select $1, gen_random_uuid(), 'stage_1_acknowledgement', 1, '', 'landlord', 'receipt', '2026-11-23', 'stage1.acknowledge', '2026-11-30', '2026-11-30', false, 'pending'
     from generate_series(1, 5000)`,
    [crm.organisationId],
  );
  const analysed = await admin.query(`select coalesce(last_analyze, last_autoanalyze) as at from pg_stat_user_tables where relname = 'complaint_deadlines'`);
  t.equal(analysed.rows[0]?.at ?? null, null, 'complaint_deadlines has not been analysed');

  // The reads and the command on one connection of their own, whose index use is counted.
  const own: Db = createPostgresDb(url, 1);
  t.teardown(() => own.destroy());
  const ownApp = await buildApp({ db: own, clock, calendars: ukCalendars, presets: policyPresets, logger: createLogger('silent') });
  t.teardown(() => ownApp.close());
  const scans = async () => {
    await sql`select pg_stat_force_next_flush()`.execute(own);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await admin.query('select pg_stat_clear_snapshot()');
    const { rows } = await admin.query<{ indexrelname: string; idx_scan: string }>(`select indexrelname, idx_scan from pg_stat_user_indexes where relname = 'complaint_deadlines'`);
    return Object.fromEntries(rows.map((r) => [r.indexrelname, Number(r.idx_scan)]));
  };
  const before = await scans();
  const read = await ownApp.inject({ method: 'GET', url: `/v1/complaints/${id}`, headers: crm.headers });
  t.equal(read.statusCode, 200);
  t.equal(read.json<{ deadlines: unknown[] }>().deadlines.length, 1, 'its own deadline, none of the 5,000');
  clock.set('2026-11-24T10:00:00Z');
  const acked = await ownApp.inject({
    method: 'POST', url: `/v1/complaints/${id}/acknowledge`, headers: crm.headers,
    payload: { definition: 'Damp', outcomesSought: ['Fix it'], handler: 'carol' },
  });
  t.equal(acked.statusCode, 200, acked.body);
  const after = await scans();
  t.ok(after.complaint_deadlines_pk! > before.complaint_deadlines_pk!, 'the primary key was used');
  t.equal(after.complaint_deadlines_due_idx, before.complaint_deadlines_due_idx, 'the landlord’s index of due deadlines was not');
});
