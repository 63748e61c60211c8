import { randomUUID } from 'node:crypto';
import { policyChangedData } from '../domain/events/admin-events.ts';
import type { Db } from './database.ts';
import { insertPublicEvents } from './events.ts';

/** `policy.changed`, in the transaction that added the version. */
export async function recordPolicyChanged(
  tx: Db,
  organisationId: string,
  version: { version: number; effectiveFrom: string; preset: string | null },
  actor: string,
  now: Date,
): Promise<void> {
  await insertPublicEvents(tx, [
    { id: randomUUID(), type: 'policy.changed', organisationId, complaintId: null, occurredAt: now, createdAt: now, data: policyChangedData(version, actor) },
  ]);
}
