import { randomUUID } from 'node:crypto';
import { londonDateOf } from '../../domain/calendar/index.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { legalHoldsOn } from '../../domain/privacy/legal-holds.ts';
import { subjectCriteria, type SubjectCriteria } from '../../domain/privacy/subject-match.ts';
import { recordAccess } from '../../store/access-records.ts';
import type { Db } from '../../store/database.ts';
import { anonymiseStoredComplaint, type Anonymised } from './anonymise-complaint.ts';
import { findSubject } from './find-subject.ts';

export interface Erasure {
  id: string;
  erasedAt: Date;
  erasedBy: string;
  complaints: Anonymised[];
}

/**
 * Erases a person's data from every complaint that mentions them (or the ones named), all
 * or nothing: refused with each reason when a legal hold applies to any of them.
 */
export async function eraseSubject(
  tx: Db,
  q: { organisationId: string; actor: string; criteria: SubjectCriteria; complaintIds: readonly string[] | undefined; now: Date },
): Promise<Erasure> {
  const criteria = subjectCriteria(q.criteria);
  const found = (await findSubject(tx, q.organisationId, criteria, true)).filter((f) => q.complaintIds === undefined || q.complaintIds.includes(f.complaint.id));
  const pending = found.filter((f) => f.anonymisedAt === null);
  if (pending.length === 0) {
    throw new DomainError('unprocessable', 'no_personal_data_found', found.length > 0 ? 'Every matching complaint is already anonymised' : 'No complaint of this landlord mentions this person');
  }
  const today = londonDateOf(q.now);
  const held = pending.flatMap((f) => legalHoldsOn(f.complaint, f.legalHold, today).map((h) => ({ field: `complaints.${f.complaint.reference}`, message: `${h.code}: ${h.detail}` })));
  if (held.length > 0) {
    throw new DomainError('conflict', 'legal_hold', `A legal hold applies to ${new Set(held.map((h) => h.field)).size} of the complaints; nothing was erased`, held);
  }
  const id = randomUUID();
  const complaints: Anonymised[] = [];
  for (const f of pending) {
    complaints.push(await anonymiseStoredComplaint(tx, f, { role: f.match.role, actor: q.actor, reason: 'erasure_request', requestId: id, now: q.now }));
  }
  await recordAccess(tx, {
    id, organisationId: q.organisationId, at: q.now, actor: q.actor, action: 'erasure', complaintIds: complaints.map((c) => c.complaintId),
    detail: { matchedBy: Object.keys(criteria), complaints: complaints.map((c) => ({ reference: c.reference, subject: c.role, categories: c.categories, copies: c.copies })) },
  });
  return { id, erasedAt: q.now, erasedBy: q.actor, complaints };
}
