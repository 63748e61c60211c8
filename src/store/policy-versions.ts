import { sql } from 'kysely';
import type { Policy } from '../domain/policy/index.ts';
import type { Db } from './database.ts';

export interface PolicyVersion {
  version: number;
  effectiveFrom: string;
  preset: string | null;
  policy: Policy;
  createdAt: Date;
  createdBy: string;
}

const columns = ['version', 'effective_from', 'preset', 'policy', 'created_at', 'created_by'] as const;

function toVersion(row: {
  version: number;
  effective_from: string;
  preset: string | null;
  policy: unknown;
  created_at: Date;
  created_by: string;
}): PolicyVersion {
  return {
    version: row.version,
    effectiveFrom: row.effective_from,
    preset: row.preset,
    policy: row.policy as Policy,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export async function listPolicyVersions(db: Db, organisationId: string): Promise<PolicyVersion[]> {
  const rows = await db
    .selectFrom('policy_versions')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .orderBy('version', 'asc')
    .execute();
  return rows.map(toVersion);
}

export async function findPolicyVersion(db: Db, organisationId: string, version: number): Promise<PolicyVersion | undefined> {
  const row = await db
    .selectFrom('policy_versions')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && toVersion(row);
}

/** Serialises writers of one organisation's versions (call inside a transaction). */
export async function lockPolicyVersions(db: Db, organisationId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('policy:' || ${organisationId}))`.execute(db);
}

export async function insertPolicyVersion(
  db: Db,
  organisationId: string,
  version: Omit<PolicyVersion, 'createdAt'>,
  now: Date,
): Promise<PolicyVersion> {
  const row = await db
    .insertInto('policy_versions')
    .values({
      organisation_id: organisationId,
      version: version.version,
      effective_from: version.effectiveFrom,
      preset: version.preset,
      policy: JSON.stringify(version.policy),
      created_at: now,
      created_by: version.createdBy,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toVersion(row);
}
