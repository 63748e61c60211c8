import { sql, type Kysely } from 'kysely';

// Two report queries count a few complaints among many, and without an index naming
// those few they read every row of the period (bench:reports, 200,000-complaint
// landlord, one financial year): the informal resolutions and support requests of the
// performance report (informal-report-queries.ts, 250-300 ms), and the Ombudsman
// referrals and orders of the annual report (annual-report-queries.ts, about 600 ms,
// reading each state). Each index holds only the complaints its query counts, so the
// planner reads those alone; the queries repeat the index's condition word for word.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index complaints_informal_records on complaints (organisation_id, received_at) where rpt_informal is not null`.execute(db);
  await sql`create index complaints_with_ombudsman_case on complaints (organisation_id, received_at)
    where jsonb_typeof(state #> '{ombudsman,referral}') = 'object' or jsonb_typeof(state #> '{ombudsman,determination}') = 'object'`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index complaints_with_ombudsman_case`.execute(db);
  await sql`drop index complaints_informal_records`.execute(db);
}
