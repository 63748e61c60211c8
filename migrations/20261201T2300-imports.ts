import { sql, type Kysely } from 'kysely';

// Bulk imports of a landlord's past complaints (issue 12): the uploaded lines are kept as
// they stream in, then a job replays them; every step is a row, so a crash loses nothing
// and any number of instances share the work through row locks and leases.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'boolean', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lines_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('lease_until', 'timestamptz')
    .execute();
  await db.schema.createIndex('imports_org_idx').on('imports').columns(['organisation_id', 'created_at']).execute();
  await db.schema.createIndex('imports_work_idx').on('imports').columns(['status', 'lease_until']).execute();

  await db.schema
    .createTable('import_lines')
    .addColumn('import_id', 'uuid', (c) => c.notNull().references('imports.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addPrimaryKeyConstraint('import_lines_pk', ['import_id', 'line_no'])
    .execute();
  await sql`create index import_lines_pending_idx on import_lines (import_id, line_no) where state = 'pending'`.execute(db);

  await db.schema
    .createTable('import_rejections')
    .addColumn('import_id', 'uuid', (c) => c.notNull().references('imports.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('external_ref', 'text')
    .addColumn('problem', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_rejections_pk', ['import_id', 'line_no'])
    .execute();

  // What each externalRef was imported from: the same line again is unchanged, a different one a conflict.
  await db.schema
    .createTable('imported_complaints')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('external_ref', 'text', (c) => c.notNull())
    .addColumn('complaint_id', 'uuid', (c) => c.notNull().references('complaints.id'))
    .addColumn('line_hash', 'text', (c) => c.notNull())
    .addColumn('import_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('imported_complaints_pk', ['organisation_id', 'external_ref'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['imported_complaints', 'import_rejections', 'import_lines', 'imports']) await db.schema.dropTable(table).execute();
}
