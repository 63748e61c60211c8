import { matchSubject, type SubjectCriteria, type SubjectMatch } from '../../domain/privacy/subject-match.ts';
import { findSubjectCandidates, type StoredComplaint } from '../../store/data-subjects.ts';
import type { Db } from '../../store/database.ts';

export interface Found extends StoredComplaint {
  match: SubjectMatch;
}

/** The complaints that mention the (normalised) subject, with how each matched; `lock` holds their rows to the transaction's end. */
export async function findSubject(db: Db, organisationId: string, criteria: SubjectCriteria, lock = false): Promise<Found[]> {
  const candidates = await findSubjectCandidates(db, organisationId, criteria, lock);
  return candidates.flatMap((stored) => {
    const match = matchSubject(stored.complaint, criteria);
    return match ? [{ ...stored, match }] : [];
  });
}
