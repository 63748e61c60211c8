import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // The public change feed. `sequence` is null until the writing transaction commits (see the
  // trigger below); nobody else can see the row before then, so every visible event has one.
  await db.schema
    .createTable('events')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('sequence', 'bigint')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('complaint_id', 'uuid')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .execute();
  await sql`create unique index events_feed_uq on events (organisation_id, sequence)`.execute(db);
  await sql`create index events_created_idx on events (organisation_id, created_at)`.execute(db);

  // One row per landlord: the last sequence handed out, and how far retention has pruned
  // (a cursor below it has lost events: 410).
  await db.schema
    .createTable('event_sequences')
    .addColumn('organisation_id', 'uuid', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('last_sequence', 'bigint', (c) => c.notNull())
    .addColumn('pruned_through', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  // Sequence numbers are assigned at commit time by a deferred constraint trigger, in the
  // order events were inserted. Why here and not at insert time: a number taken at insert
  // time by transaction A and a higher one by B, with B committing first, lets a reader hand
  // out B's cursor and then never see A. Taken at commit, the landlord's counter row is
  // locked from this trigger to the end of COMMIT only (not for the whole transaction, which
  // issue 16 objects to), so numbers follow commit order: a transaction waiting for the row
  // continues only after the holder committed and is visible, so once sequence N is visible,
  // every number below N is too. The alternative, xid8 columns filtered on
  // pg_snapshot_xmin(pg_current_snapshot()), needs no lock at all but stalls every
  // landlord's feed behind the oldest open write transaction in the whole database and gives
  // an order by transaction start, not commit; we chose the short lock.
  await sql`
    create function assign_event_sequence() returns trigger language plpgsql as $$
    declare assigned bigint;
    begin
      insert into event_sequences as s (organisation_id, last_sequence) values (new.organisation_id, 1)
      on conflict (organisation_id) do update set last_sequence = s.last_sequence + 1
      returning s.last_sequence into assigned;
      update events set sequence = assigned where id = new.id;
      return null;
    end $$`.execute(db);
  await sql`
    create constraint trigger events_assign_sequence after insert on events
    deferrable initially deferred for each row execute function assign_event_sequence()`.execute(db);

  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('event_types', sql`text[]`, (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('disabled_reason', 'text')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('previous_secret_ciphertext', 'text')
    .addColumn('previous_secret_expires_at', 'timestamptz')
    // The last feed sequence fanned out into deliveries for this subscription.
    .addColumn('cursor', 'bigint', (c) => c.notNull())
    .addColumn('failing_since', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index webhook_subscriptions_org_idx on webhook_subscriptions (organisation_id, created_at)`.execute(db);

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('subscription_id', 'uuid', (c) => c.notNull().references('webhook_subscriptions.id').onDelete('cascade'))
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('sequence', 'bigint')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('lease_token', 'uuid')
    .addColumn('redelivery_of', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  await sql`create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index webhook_deliveries_list_idx on webhook_deliveries (subscription_id, created_at)`.execute(db);
  // The fan-out may run twice over the same events (a crash between insert and cursor
  // update is impossible, both are one transaction, but a redelivery is not a duplicate).
  await sql`create unique index webhook_deliveries_once_uq on webhook_deliveries (subscription_id, event_id) where redelivery_of is null`.execute(db);

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('delivery_id', 'uuid', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('error', 'text')
    .execute();
  await sql`create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, number)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_subscriptions', 'event_sequences', 'events']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function assign_event_sequence()`.execute(db);
}
