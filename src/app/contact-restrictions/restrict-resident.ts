import { restrictContact, type ContactRestrictionInput } from '../../domain/complaint/index.ts';
import { runComplaintCommand, type Actor, type Saved } from '../../store/complaint-commands.ts';
import type { Db } from '../../store/database.ts';
import { complaintIdsOfResident } from '../../store/resident-complaints.ts';

/**
 * One contact restriction for a resident, recorded on every complaint of theirs in one
 * transaction (each complaint locked in turn, oldest first, so two such requests cannot
 * deadlock): all of them or none. 'not_found' when the resident has no complaint.
 */
export async function restrictResident(tx: Db, who: Actor, residentRef: string, input: ContactRestrictionInput, occurredAt: Date | undefined): Promise<Saved[] | 'not_found'> {
  const ids = await complaintIdsOfResident(tx, who.organisationId, residentRef);
  if (ids.length === 0) return 'not_found';
  const saved: Saved[] = [];
  for (const complaintId of ids) {
    const result = await runComplaintCommand(tx, who, { complaintId, expectedVersions: undefined, occurredAt }, (c, ctx) => restrictContact(c, input, ctx));
    if (result === 'not_found' || result === 'stale') throw new Error(`complaint ${complaintId} changed while locked`);
    saved.push(result);
  }
  return saved;
}
