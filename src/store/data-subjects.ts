import { sql } from 'kysely';
import type { Complaint } from '../domain/complaint/index.ts';
import type { AdminHold } from '../domain/privacy/legal-holds.ts';
import type { SubjectCriteria } from '../domain/privacy/subject-match.ts';
import type { Db } from './database.ts';

// The complaints that may mention a person, found by the normalised keys PostgreSQL keeps
// beside each complaint's state (the same normalisation as the domain's matchSubject, which
// then confirms and says how each matched).

export interface StoredComplaint {
  complaint: Complaint;
  anonymisedAt: Date | null;
  legalHold: AdminHold | null;
}

/** The keys the generated `subject_keys` column holds (migration 20261202T0300-subject-keys), for normalised criteria. */
function keysOf(criteria: SubjectCriteria): string[] {
  return [
    ...(criteria.email ? [`e:${criteria.email}`] : []),
    ...(criteria.phone ? [`p:${criteria.phone}`] : []),
    ...(criteria.tenancyRef ? [`t:${criteria.tenancyRef}`] : []),
    ...(criteria.name && criteria.postcode ? [`n:${criteria.name}|${criteria.postcode}`] : []),
  ];
}

export async function findSubjectCandidates(db: Db, organisationId: string, criteria: SubjectCriteria, forUpdate = false): Promise<StoredComplaint[]> {
  const keys = keysOf(criteria);
  if (keys.length === 0) return [];
  const { rows } = await sql<{ state: Complaint; anonymised_at: Date | null; legal_hold: AdminHold | null }>`
    select c.state, c.anonymised_at, c.legal_hold from complaints c
    where c.organisation_id = ${organisationId} and c.subject_keys && ${sql.val(keys)}::text[]
    order by c.received_at, c.id ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return rows.map((r) => ({ complaint: r.state, anonymisedAt: r.anonymised_at, legalHold: r.legal_hold }));
}

export async function lockStoredComplaint(tx: Db, organisationId: string, id: string, lock = true): Promise<StoredComplaint | undefined> {
  const { rows } = await sql<{ state: Complaint; anonymised_at: Date | null; legal_hold: AdminHold | null }>`
    select c.state, c.anonymised_at, c.legal_hold from complaints c where c.organisation_id = ${organisationId} and c.id = ${id} ${lock ? sql`for update` : sql``}`.execute(tx);
  const r = rows[0];
  return r && { complaint: r.state, anonymisedAt: r.anonymised_at, legalHold: r.legal_hold };
}

/** Saves the anonymised state. `updated_at` is left alone on purpose: reports select by it, and the figures must not move. */
export async function saveAnonymisedState(tx: Db, complaint: Complaint, previousVersion: number, wholeComplaint: boolean, now: Date): Promise<void> {
  const result = await sql`
    update complaints set state = ${JSON.stringify(complaint)}::jsonb, version = ${complaint.version}
      ${wholeComplaint ? sql`, anonymised_at = ${now}` : sql``}
    where organisation_id = ${complaint.organisationId} and id = ${complaint.id} and version = ${previousVersion}`.execute(tx);
  if (Number(result.numAffectedRows ?? 0) !== 1) throw new Error(`complaint ${complaint.id} changed while locked`);
}

export async function setLegalHold(tx: Db, organisationId: string, id: string, hold: AdminHold | null): Promise<boolean> {
  const result = await sql`update complaints set legal_hold = ${hold ? JSON.stringify(hold) : null}::jsonb where organisation_id = ${organisationId} and id = ${id}`.execute(tx);
  return Number(result.numAffectedRows ?? 0) === 1;
}
