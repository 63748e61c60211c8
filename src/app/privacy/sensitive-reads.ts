import type { Complaint } from '../../domain/complaint/index.ts';
import { isSensitive } from '../../domain/privacy/personal-data.ts';
import { recordAccess } from '../../store/access-records.ts';
import type { Db } from '../../store/database.ts';

/** Every read of a complaint that records a vulnerability or is flagged safeguarding goes on the access record (one row per read). */
export async function recordSensitiveReads(db: Db, q: { organisationId: string; actor: string; now: Date; complaints: readonly Complaint[]; via: string }): Promise<void> {
  const sensitive = q.complaints.filter(isSensitive).map((c) => c.id);
  if (sensitive.length === 0) return;
  await recordAccess(db, { organisationId: q.organisationId, at: q.now, actor: q.actor, action: 'read_sensitive', complaintIds: sensitive, detail: { via: q.via } });
}
