import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // The aggregate's state as JSON, with the fields lists filter on as columns.
  await db.schema
    .createTable('complaints')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('external_ref', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'smallint', (c) => c.notNull())
    .addColumn('handler', 'text')
    .addColumn('category', 'text')
    .addColumn('service_area', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('receipt_date', 'date', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('complaints_reference_uq', ['organisation_id', 'reference'])
    .addUniqueConstraint('complaints_external_ref_uq', ['organisation_id', 'external_ref'])
    .execute();
  await db.schema.createIndex('complaints_list_idx').on('complaints').columns(['organisation_id', 'received_at', 'id']).execute();
  await db.schema.createIndex('complaints_status_idx').on('complaints').columns(['organisation_id', 'status', 'received_at']).execute();

  await db.schema
    .createTable('complaint_events')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('complaint_id', 'uuid', (c) => c.notNull().references('complaints.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_events_pk', ['complaint_id', 'version', 'type'])
    .execute();

  // Derived from the state on every save; kept as rows so SLA queries can index them.
  await db.schema
    .createTable('complaint_deadlines')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('complaint_id', 'uuid', (c) => c.notNull().references('complaints.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('stage', 'smallint')
    .addColumn('ref', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('counts_from_event', 'text', (c) => c.notNull())
    .addColumn('counts_from_date', 'date', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('original_due_date', 'date', (c) => c.notNull())
    .addColumn('provisional', 'boolean', (c) => c.notNull())
    .addColumn('met_at', 'timestamptz')
    .addColumn('met_on', 'date')
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_deadlines_pk', ['complaint_id', 'kind', 'ref'])
    .execute();
  await db.schema
    .createIndex('complaint_deadlines_due_idx')
    .on('complaint_deadlines')
    .columns(['organisation_id', 'status', 'due_date'])
    .execute();

  await db.schema
    .createTable('complaint_reference_counters')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_reference_counters_pk', ['organisation_id', 'year'])
    .execute();

  // A POST's Idempotency-Key, claimed in the same transaction as the write it guards.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response_body', 'jsonb', (c) => c.notNull())
    .addColumn('response_headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['organisation_id', 'key'])
    .execute();

  await db.schema
    .createTable('rate_limit_buckets')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_buckets_pk', ['organisation_id', 'bucket', 'window_start'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rate_limit_buckets', 'idempotency_keys', 'complaint_reference_counters', 'complaint_deadlines', 'complaint_events', 'complaints']) {
    await db.schema.dropTable(table).execute();
  }
}
