import { sql } from 'kysely';
import type { IsoDate, WorkingDayCalendar } from '../domain/calendar/index.ts';
import type { Policy } from '../domain/policy/index.ts';
import type { Db } from '../store/database.ts';
import { at, iso, met, outcome, workingDayTable } from './seed-bench-sql.ts';
import { insertStage2Deadlines, planStage2, stage2State } from './seed-bench-stage-2.ts';
import { stateTemplates } from './seed-bench-templates.ts';

export interface SeedOptions {
  organisationId: string;
  complaints: number;
  /** The day the data ends: receipts are spread over the working days before it. */
  today: IsoDate;
  policy: Policy;
  /** The landlord's calendar; deadlines are counted on it as the domain would. */
  calendar: WorkingDayCalendar;
  /** Working days of history (default 750, about three years). */
  historyWorkingDays?: number;
  /** Seed for random() so runs are repeatable. */
  seed?: number;
}

// Rows are derived in bulk in SQL, in the shape the domain gives the common states on a
// policy with working-day acknowledgement and response clocks counted from receipt and
// from the acknowledgement (Code 2024): received; stage 1 in progress; responded; closed
// as resolved at stage 1; escalated and on through stage 2 (seed-bench-stage-2.ts). A few
// are stuck unacknowledged or unanswered: the breaches. Receipts fall on working days, so
// day 0 is the receipt date itself. Each response's outcome is drawn per complaint.

/** Inserts `complaints` complaints with their deadlines for one landlord, fast; returns how many. */
export async function seedComplaints(db: Db, o: SeedOptions): Promise<number> {
  const history = o.historyWorkingDays ?? 750;
  const today = o.calendar.nextWorkingDay(o.today) === o.today ? o.today : o.calendar.addWorkingDays(o.today, -1);
  const first = o.calendar.addWorkingDays(today, -(history + 30));
  const t = stateTemplates(o.policy, o.calendar);
  return db.connection().execute(async (conn) => {
    const todayOrd = await workingDayTable(conn, o.calendar, first, o.calendar.addWorkingDays(today, 60)) - 60;
    await sql`select setseed(${o.seed ?? 0.42})`.execute(conn);
    await sql`drop table if exists bench_seed`.execute(conn);
    await sql`
      create temp table bench_seed as
      select g as n, gen_random_uuid() as id, r, a, case when a is not null and rd is not null and a + rd <= ${todayOrd} then a + rd end as p, closes, o1
      from (
        select g, r,
          case when random() < 0.004 or r + ad > ${todayOrd} then null else r + ad end as a,
          case when random() < 0.006 then null when random() < 0.8 then 2 + floor(random() * 9)::int else 10 + floor(random() * 12)::int end as rd,
          random() < 0.9 as closes, ${outcome()} as o1
        from (select g, ${todayOrd} - floor(random() * ${history})::int as r,
                case when random() < 0.85 then 1 + floor(random() * 5)::int else 5 + floor(random() * 6)::int end as ad
              from generate_series(1, ${o.complaints}) g) x
      ) y`.execute(conn);
    await planStage2(conn, todayOrd);
    // Each row's dates, looked up once: receipt, acknowledgement, response, closure and the due dates; stage 2's from bench_stage2.
    await sql`
      create temp table bench_rows as
      select s.n, s.id, 'BEN-' || lpad(s.n::text, 7, '0') as reference, r.day as r_day, a.day as a_day, p.day as p_day, c.day as c_day,
        ack_due.day as ack_due, resp_due.day as resp_due, s.o1, s2.e_day, s2.a2_day, s2.p2_day, s2.c2_day, s2.ack2_due, s2.resp2_due, s2.handler2, s2.o2,
        case when s.a is null then 'received' when s.p is null then 'stage_1_in_progress' when c.day is not null or s2.c2_day is not null then 'closed'
          when s2.p2_day is not null then 'stage_2_responded' when s2.a2_day is not null then 'stage_2_in_progress'
          when s2.e_day is not null then 'escalation_requested' else 'stage_1_responded' end as status,
        case when s2.e_day is not null then 2 else 1 end as stage,
        1 + num_nonnulls(a.day, p.day, c.day, s2.e_day, s2.a2_day, s2.p2_day, s2.c2_day) as version,
        case when s.a is not null then 'handler-' || (s.n % 40) end as handler,
        (array['repairs', 'estate services', 'anti-social behaviour', 'rents', 'lettings', 'customer service'])[1 + s.n % 6] as area
      from bench_seed s
      join bench_wd r on r.ord = s.r
      join bench_wd ack_due on ack_due.ord = s.r + 5
      left join bench_wd a on a.ord = s.a
      left join bench_wd resp_due on resp_due.ord = s.a + 10
      left join bench_wd p on p.ord = s.p
      left join bench_stage2 s2 on s2.n = s.n
      left join bench_wd c on c.ord = s.p + 3 and s.closes and s.p + 3 <= ${todayOrd} and s2.n is null`.execute(conn);
    // lastEventAt: the last step's time (a just-logged complaint's is its receipt, as logComplaint sets it).
    const last = sql.raw(`case when s.c2_day is not null then (s.c2_day + time '15:00') when s.p2_day is not null then (s.p2_day + time '14:00')
      when s.a2_day is not null then (s.a2_day + time '10:30') when s.e_day is not null then (s.e_day + time '11:00')
      when s.c_day is not null then (s.c_day + time '15:00') when s.p_day is not null then (s.p_day + time '14:00')
      when s.a_day is not null then (s.a_day + time '10:00') else (s.r_day + time '09:00') end at time zone 'Europe/London'`);
    const s2 = stage2State(t);
    const state = sql`${JSON.stringify(t.complaint)}::jsonb || jsonb_build_object(
      'id', s.id, 'reference', s.reference, 'organisationId', ${o.organisationId}::text, 'status', s.status, 'stage', s.stage,
      'receivedAt', ${iso(at('s.r_day', '09:00'))}, 'receiptDate', s.r_day, 'loggedAt', ${iso(at('s.r_day', '09:30'))}, 'serviceArea', s.area,
      'matters', jsonb_build_array(${JSON.stringify(t.complaint.matters[0])}::jsonb || jsonb_build_object('addedAt', ${iso(at('s.r_day', '09:00'))})),
      'definition', case when s.a2_day is not null then ${t.acknowledgement2.definition}::text when s.a_day is not null then ${t.acknowledgement.definition}::text end,
      'handlers', jsonb_build_object('stage1', s.handler, 'stage2', s.handler2),
      'acknowledgements', jsonb_build_object('stage1', case when s.a_day is not null then
        ${JSON.stringify(t.acknowledgement)}::jsonb || jsonb_build_object('at', ${iso(at('s.a_day', '10:00'))}, 'handler', s.handler) end, 'stage2', ${s2.acknowledgement}),
      'responses', jsonb_build_object('stage1', case when s.p_day is not null then
        (${JSON.stringify(t.response)}::jsonb -> s.o1) || jsonb_build_object('sentAt', ${iso(at('s.p_day', '14:00'))}) end, 'stage2', ${s2.response}),
      'escalation', ${s2.escalation},
      'closure', case when s.c2_day is not null then ${s2.closure}
        when s.c_day is not null then ${JSON.stringify(t.closure)}::jsonb || jsonb_build_object('at', ${iso(at('s.c_day', '15:00'))}) end,
      'version', s.version, 'lastEventAt', ${iso(last)})`;
    await sql`
      insert into complaints (id, organisation_id, reference, external_ref, status, stage, handler, category, service_area, channel,
        received_at, receipt_date, policy_version, version, state, created_at, updated_at)
      select s.id, ${o.organisationId}, s.reference, null, s.status, s.stage, case when s.stage = 2 then s.handler2 else s.handler end, null, s.area, 'phone',
        ${at('s.r_day', '09:00')}, s.r_day, 1, s.version, ${state}, now(), now()
      from bench_rows s`.execute(conn);
    await sql`
      insert into complaint_deadlines (organisation_id, complaint_id, kind, stage, ref, owner, counts_from_event, counts_from_date, rule,
        due_date, original_due_date, provisional, met_at, met_on, status)
      select ${o.organisationId}::uuid, s.id, 'stage_1_acknowledgement', 1, '', 'landlord', 'receipt', s.r_day, 'stage1.acknowledge', s.ack_due, s.ack_due, false,
        ${at('s.a_day', '10:00')}, s.a_day, ${met('s.a_day', 's.ack_due')}
      from bench_rows s
      union all
      select ${o.organisationId}::uuid, s.id, 'stage_1_response', 1, '', 'landlord', 'stage_1_acknowledgement', s.a_day, 'stage1.respond', s.resp_due, s.resp_due, false,
        ${at('s.p_day', '14:00')}, s.p_day, ${met('s.p_day', 's.resp_due')}
      from bench_rows s where s.a_day is not null`.execute(conn);
    await insertStage2Deadlines(conn, o.organisationId);
    for (const table of ['bench_rows', 'bench_stage2', 'bench_seed']) await sql`drop table ${sql.table(table)}`.execute(conn);
    return o.complaints;
  });
}

/** The bench landlords: one with 200,000 complaints and five with 160,000, a million in all (scaled by --scale). */
export const BENCH_LANDLORDS = [200_000, 160_000, 160_000, 160_000, 160_000, 160_000].map((complaints, i) => ({ name: `Bench Landlord ${i + 1}`, complaints }));

async function ensureDatabase(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (found.rowCount === 0) await admin.query(`create database "${name.replace(/"/g, '""')}"`);
  await admin.end();
}

/** Empties the bench database and fills it with the bench landlords, printing progress; returns the complaints seeded. */
export async function seedBenchDatabase(db: Db, options: { scale: number; today: IsoDate; out?: (line: string) => void }): Promise<number> {
  const { loadBankHolidayFeed, loadPolicyPresets } = await import('../config.ts');
  const { buildUkCalendars } = await import('../domain/calendar/index.ts');
  const { createOrganisation } = await import('../store/create-organisation.ts');
  const { findPreset } = await import('../domain/policy/index.ts');
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const started = Date.now();
  // The bench database is the benchmark's own: it starts empty every time.
  await sql`truncate outbox_events, complaint_deadlines, complaint_events, complaints, complaint_reference_counters, idempotency_keys,
    rate_limit_buckets, api_keys, policy_versions, organisations cascade`.execute(db);
  const presets = loadPolicyPresets();
  const calendar = buildUkCalendars(loadBankHolidayFeed())['england-and-wales'];
  const policy = findPreset(presets, 'code-2024')!.policy;
  let total = 0;
  for (const [i, landlord] of BENCH_LANDLORDS.entries()) {
    const t0 = Date.now();
    const organisation = await createOrganisation(db, { name: landlord.name, division: 'england-and-wales', now: new Date(), presets });
    const complaints = Math.max(1, Math.round(landlord.complaints * options.scale));
    total += await seedComplaints(db, { organisationId: organisation.id, complaints, today: options.today, policy, calendar, seed: (i + 1) / 10 });
    out(`${landlord.name} (${organisation.id}): ${complaints} complaints in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const t1 = Date.now();
  await sql`vacuum analyze complaints, complaint_deadlines`.execute(db);
  out(`vacuum analyze: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  out(`seeded ${total} complaints as of ${options.today} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return total;
}

async function main(): Promise<void> {
  const { parseArgs } = await import('node:util');
  const { londonDateOf } = await import('../domain/calendar/index.ts');
  const { createPostgresDb, DEFAULT_DATABASE_TIMEOUTS } = await import('../store/database.ts');
  const { migrateToLatest } = await import('../store/migrator.ts');
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, today: { type: 'string' } } });
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith('postgres')) throw new Error('set DATABASE_URL to a PostgreSQL database for the benchmark, e.g. postgres://postgres@127.0.0.1:5432/complaints_bench');
  await ensureDatabase(url);
  // A landlord's rows are each one statement of up to a minute: the service's 15 s limit is not for this.
  const db = createPostgresDb(url, 2, undefined, { ...DEFAULT_DATABASE_TIMEOUTS, statementMs: 600_000, idleInTransactionMs: 600_000 });
  try {
    await migrateToLatest(db);
    await seedBenchDatabase(db, { scale: Number(values.scale), today: values.today ?? londonDateOf(new Date()) });
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
