import { sql, type Kysely } from 'kysely';

// The performance report counts contact restrictions (restriction-report-queries.ts) from
// the state of the few complaints that have any. Without an index that names them, the
// query read every state of the landlord's complaints: 1.2 s of a 1.7 s report for the
// 200,000-complaint landlord (bench:reports), against 0.2 ms with it.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index complaints_with_contact_restrictions on complaints (organisation_id) where state ? 'contactRestrictions'`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index complaints_with_contact_restrictions`.execute(db);
}
