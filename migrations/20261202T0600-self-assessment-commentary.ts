import { sql, type Kysely } from 'kysely';

// The landlord's own commentary on each Code provision of its self-assessment, per
// financial year (issue 17): shown beside the figures in the published annual report.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table self_assessment_commentary (
      organisation_id uuid not null references organisations (id) on delete cascade,
      financial_year integer not null,
      provision text not null,
      commentary text not null,
      updated_at timestamptz not null,
      updated_by text not null,
      primary key (organisation_id, financial_year, provision)
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table self_assessment_commentary`.execute(db);
}
