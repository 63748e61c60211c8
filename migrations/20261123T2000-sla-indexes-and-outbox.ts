import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // The landlord's unmet deadlines in due-date order: breaches are the prefix before asOf,
  // the due list the range after it; keyset pages walk it. `stage` is included so the
  // summary's counts are an index-only scan.
  await sql`
    create index complaint_deadlines_unmet_idx on complaint_deadlines (organisation_id, due_date, complaint_id, kind, ref)
    include (stage) where owner = 'landlord' and status in ('pending', 'missed')`.execute(db);
  // Met deadlines by the day they were met: "unmet as of a past date" and met-late lists.
  await sql`
    create index complaint_deadlines_met_idx on complaint_deadlines (organisation_id, met_on)
    where owner = 'landlord' and status in ('met', 'met_late')`.execute(db);
  // The sweep's auto-close candidates across every landlord.
  await sql`create index complaint_deadlines_auto_close_idx on complaint_deadlines (due_date) where kind = 'auto_close' and status = 'pending'`.execute(db);

  // Integration events for later delivery (webhooks). The unique key makes each event
  // recorded once however many sweeps run: writers insert with ON CONFLICT DO NOTHING.
  await db.schema
    .createTable('outbox_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('complaint_id', 'uuid', (c) => c.notNull().references('complaints.id'))
    .addColumn('deadline_kind', 'text', (c) => c.notNull())
    .addColumn('deadline_ref', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .addUniqueConstraint('outbox_events_once_uq', ['type', 'complaint_id', 'deadline_kind', 'deadline_ref', 'due_date'])
    .execute();
  await sql`create index outbox_events_undelivered_idx on outbox_events (organisation_id, created_at) where delivered_at is null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox_events').execute();
  for (const index of ['complaint_deadlines_auto_close_idx', 'complaint_deadlines_met_idx', 'complaint_deadlines_unmet_idx']) {
    await db.schema.dropIndex(index).execute();
  }
}
