import { sql, type Kysely } from 'kysely';

// Awaab's Law (issue 13). A deadline counted in hours is an instant: due_at beside due_date
// (which holds its London date, so every date query still orders and ranges it), and the
// instant it counts from. Date deadlines leave both null and are untouched. The landlord's
// setting that it is a social landlord in England: null means the default for its division.
// The Ombudsman's orders as a report column (like migration 20261123T2030's), so the
// reports count orders complied with on time without reading the state.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('complaint_deadlines').addColumn('due_at', 'timestamptz').addColumn('counts_from_at', 'timestamptz').execute();
  await db.schema.alterTable('organisations').addColumn('awaabs_law', 'boolean').execute();
  // Orders and recommendations as [type, dueDate, completedOn]; null when none.
  await sql`create function complaint_report_orders(orders jsonb) returns jsonb language sql immutable parallel safe as $$
    select jsonb_agg(jsonb_build_array(o->>'type', o->>'dueDate', complaint_london_date(o->>'completedAt')))
    from jsonb_array_elements(case when jsonb_typeof(orders) = 'array' then orders else '[]'::jsonb end) o $$`.execute(db);
  await sql`alter table complaints add column rpt_ombudsman_orders jsonb generated always as (complaint_report_orders(state #> '{ombudsman,orders}')) stored`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('complaints').dropColumn('rpt_ombudsman_orders').execute();
  await sql`drop function complaint_report_orders(jsonb)`.execute(db);
  await db.schema.alterTable('organisations').dropColumn('awaabs_law').execute();
  await db.schema.alterTable('complaint_deadlines').dropColumn('counts_from_at').dropColumn('due_at').execute();
}
