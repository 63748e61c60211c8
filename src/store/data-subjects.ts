import { sql } from 'kysely';
import type { Complaint } from '../domain/complaint/index.ts';
import type { AdminHold } from '../domain/privacy/legal-holds.ts';
import type { SubjectCriteria } from '../domain/privacy/subject-match.ts';
import type { Db } from './database.ts';

// The complaints that may mention a person, found in the landlord's complaints' state by
// the same normalisation the domain's matchSubject applies (which then says how each
// matched). No index: a subject access request is rare, and an expression index on the
// state would cost every complaint write.

export interface StoredComplaint {
  complaint: Complaint;
  anonymisedAt: Date | null;
  legalHold: AdminHold | null;
}

const field = (path: string) => sql.raw(`(c.state #>> '{${path}}')`);
const ref = (path: string) => sql`upper(regexp_replace(${field(path)}, '\\s', '', 'g'))`;
const name = (path: string) => sql`lower(regexp_replace(btrim(${field(path)}), '\\s+', ' ', 'g'))`;

export async function findSubjectCandidates(db: Db, organisationId: string, criteria: SubjectCriteria, forUpdate = false): Promise<StoredComplaint[]> {
  const any = [
    ...(criteria.email ? [sql`lower(btrim(${field('complainant,email')})) = ${criteria.email}`] : []),
    ...(criteria.phone ? [sql`regexp_replace(regexp_replace(${field('complainant,phone')}, '\\D', '', 'g'), '^44', '0') = ${criteria.phone}`] : []),
    ...(criteria.tenancyRef ? [sql`${ref('complainant,tenancyRef')} = ${criteria.tenancyRef}`] : []),
    ...(criteria.name && criteria.postcode
      ? [sql`(strpos(${ref('complainant,address')}, ${criteria.postcode}) > 0 and (${name('complainant,name')} = ${criteria.name} or ${name('representative,name')} = ${criteria.name}))`]
      : []),
  ];
  if (any.length === 0) return [];
  const { rows } = await sql<{ state: Complaint; anonymised_at: Date | null; legal_hold: AdminHold | null }>`
    select c.state, c.anonymised_at, c.legal_hold from complaints c
    where c.organisation_id = ${organisationId} and (${sql.join(any, sql` or `)})
    order by c.received_at, c.id ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return rows.map((r) => ({ complaint: r.state, anonymisedAt: r.anonymised_at, legalHold: r.legal_hold }));
}

/** The complaint with its privacy columns; its row locked to the transaction's end unless `lock` is false. */
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
