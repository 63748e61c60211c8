import type { SubjectCriteria, SubjectMatch } from '../../domain/privacy/subject-match.ts';
import { subjectCriteria } from '../../domain/privacy/subject-match.ts';
import { recordAccess } from '../../store/access-records.ts';
import type { Db } from '../../store/database.ts';
import { findSubject } from './find-subject.ts';

export interface SearchHit {
  complaintId: string;
  reference: string;
  status: string;
  receivedAt: string;
  role: SubjectMatch['role'];
  matchedOn: SubjectMatch['matchedOn'];
  anonymised: boolean;
}

/** Which complaints mention a person, and how; the search itself is on the access record (without the details searched for). */
export async function searchSubjects(tx: Db, q: { organisationId: string; actor: string; criteria: SubjectCriteria; now: Date }): Promise<SearchHit[]> {
  const criteria = subjectCriteria(q.criteria);
  const found = await findSubject(tx, q.organisationId, criteria);
  await recordAccess(tx, {
    organisationId: q.organisationId, at: q.now, actor: q.actor, action: 'search', complaintIds: found.map((f) => f.complaint.id),
    detail: { searchedBy: Object.keys(criteria), found: found.length },
  });
  return found.map((f) => ({
    complaintId: f.complaint.id, reference: f.complaint.reference, status: f.complaint.status, receivedAt: f.complaint.receivedAt, role: f.match.role,
    matchedOn: f.match.matchedOn, anonymised: f.anonymisedAt !== null,
  }));
}
