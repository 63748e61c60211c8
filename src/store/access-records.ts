import { randomUUID } from 'node:crypto';
import type { Db } from './database.ts';
import { withPrivacyTables } from './privacy-tables.ts';

// The access record: who exported, erased or read which complaints, when. Its detail never
// holds the subject's data (a dump after an erasure must not find them here).

export type AccessAction = 'search' | 'export' | 'erasure' | 'anonymisation' | 'read_sensitive' | 'legal_hold_set' | 'legal_hold_released';

export interface AccessRecord {
  id: string;
  at: Date;
  actor: string;
  action: AccessAction;
  complaintIds: string[];
  detail: Record<string, unknown>;
}

export async function recordAccess(
  db: Db,
  r: { organisationId: string; at: Date; actor: string; action: AccessAction; complaintIds: readonly string[]; detail?: Record<string, unknown>; id?: string },
): Promise<string> {
  const id = r.id ?? randomUUID();
  await withPrivacyTables(db)
    .insertInto('access_records')
    .values({ id, organisation_id: r.organisationId, at: r.at, actor: r.actor, action: r.action, complaint_ids: [...r.complaintIds], detail: JSON.stringify(r.detail ?? {}) })
    .execute();
  return id;
}

/** Newest first; `before` is the last item of the previous page. */
export async function listAccessRecords(
  db: Db,
  q: { organisationId: string; limit: number; before?: { at: string; id: string } | undefined; action?: AccessAction | undefined; complaintId?: string | undefined },
): Promise<AccessRecord[]> {
  let query = withPrivacyTables(db)
    .selectFrom('access_records')
    .select(['id', 'at', 'actor', 'action', 'complaint_ids', 'detail'])
    .where('organisation_id', '=', q.organisationId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.complaintId) query = query.where((eb) => eb(eb.val(q.complaintId), '=', eb.fn.any('complaint_ids')));
  const before = q.before;
  if (before) query = query.where((eb) => eb.or([eb('at', '<', new Date(before.at)), eb.and([eb('at', '=', new Date(before.at)), eb('id', '<', before.id)])]));
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action as AccessAction, complaintIds: r.complaint_ids, detail: r.detail }));
}
