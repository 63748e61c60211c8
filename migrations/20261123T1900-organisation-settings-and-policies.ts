import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organisations')
    .addColumn('homes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('closure_days', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('complaints_contact', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"email":null,"phone":null,"address":null,"website":null}'::jsonb`))
    .addColumn('ombudsman', 'jsonb')
    .addColumn('intake_origins', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // Append-only: a policy change is a new version; complaints pin the version in force
  // when they were received, so a version is never updated once written.
  await db.schema
    .createTable('policy_versions')
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('preset', 'text')
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_versions_pk', ['organisation_id', 'version'])
    .execute();
  await db.schema
    .createIndex('policy_versions_effective_idx')
    .on('policy_versions')
    .columns(['organisation_id', 'effective_from'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('policy_versions').execute();
  for (const column of ['homes', 'closure_days', 'complaints_contact', 'ombudsman', 'intake_origins', 'version']) {
    await db.schema.alterTable('organisations').dropColumn(column).execute();
  }
}
