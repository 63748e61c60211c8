import { sql, type Kysely } from 'kysely';

// Informal resolutions and support-service requests (issue 14) are stored as complaint rows
// so that their deadlines share the SLA tables, but they are not complaints: the reports
// leave them out by this generated column (null for a complaint) and count them apart.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table complaints add column rpt_informal text generated always as (state #>> '{informal,kind}') stored`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table complaints drop column rpt_informal`.execute(db);
}
