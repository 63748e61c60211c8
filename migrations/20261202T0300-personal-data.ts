import { sql, type Kysely } from 'kysely';

// Personal data under UK GDPR (issue 15): each landlord's retention schedule, when a
// complaint's personal data was anonymised, an administrator's legal hold, the date the
// schedule counts from, and the access record (exports, erasures, reads of vulnerable
// residents' complaints).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organisations')
    .addColumn('retention_years', 'integer', (c) => c.notNull().defaultTo(6).check(sql`retention_years between 1 and 100`))
    .execute();

  // The day the complaint ended (closed, declined or withdrawn), from its state, as the
  // report columns are: null while it is open, so a reopened complaint leaves the schedule.
  await sql`alter table complaints
    add column anonymised_at timestamptz,
    add column legal_hold jsonb,
    add column privacy_ended_on date generated always as (case when status in ('closed', 'declined', 'withdrawn')
      then complaint_london_date(coalesce(state #>> '{closure,at}', state #>> '{withdrawal,at}', state #>> '{decline,at}')) end) stored`.execute(db);
  // The retention sweep's candidates: ended and not yet anonymised, oldest first.
  await sql`create index complaints_retention_idx on complaints (privacy_ended_on, id) where anonymised_at is null and privacy_ended_on is not null`.execute(db);

  await db.schema
    .createTable('access_records')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('complaint_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    // Never the subject's details: what was matched on, counts, hold codes.
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await sql`create index access_records_page_idx on access_records (organisation_id, at desc, id desc)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_records').execute();
  await sql`alter table complaints drop column privacy_ended_on, drop column legal_hold, drop column anonymised_at`.execute(db);
  await db.schema.alterTable('organisations').dropColumn('retention_years').execute();
}
