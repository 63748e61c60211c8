import { recordAccess } from '../../store/access-records.ts';
import { setLegalHold } from '../../store/data-subjects.ts';
import type { Db } from '../../store/database.ts';
import type { AdminHold } from '../../domain/privacy/legal-holds.ts';

/** Puts a complaint on (or, with `reason` null, takes it off) an administrator's legal hold; false when there is no such complaint. */
export async function changeLegalHold(tx: Db, q: { organisationId: string; complaintId: string; actor: string; reason: string | null; now: Date }): Promise<AdminHold | null | false> {
  const hold = q.reason === null ? null : { reason: q.reason, setBy: q.actor, setAt: q.now.toISOString() };
  if (!(await setLegalHold(tx, q.organisationId, q.complaintId, hold))) return false;
  await recordAccess(tx, {
    organisationId: q.organisationId, at: q.now, actor: q.actor, action: hold ? 'legal_hold_set' : 'legal_hold_released', complaintIds: [q.complaintId],
    detail: hold ? { reason: hold.reason } : {},
  });
  return hold;
}
