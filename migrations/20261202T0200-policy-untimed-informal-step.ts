import { sql, type Kysely } from 'kysely';

// Policies gained `untimedInformalStep` (issue 14): an informal step with no time limit, which
// the compliance check reports. Versions stored before it had no way to say so: false.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update policy_versions
    set policy = policy || '{"untimedInformalStep": false}'::jsonb
    where not policy ? 'untimedInformalStep'
  `.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`update policy_versions set policy = policy - 'untimedInformalStep'`.execute(db);
}
