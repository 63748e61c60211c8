import type { ComplaintEvent } from '../../domain/complaint/index.ts';
import { anonymiseComplaint, ERASED_CATEGORIES, personalValuesOf, type SubjectRole } from '../../domain/privacy/personal-data.ts';
import { scrubberFor, searchableValues } from '../../domain/privacy/scrub.ts';
import { recordComplaintPublicEvents } from '../../store/complaint-public-events.ts';
import { eventRow } from '../../store/complaints.ts';
import type { StoredComplaint } from '../../store/data-subjects.ts';
import { saveAnonymisedState } from '../../store/data-subjects.ts';
import type { Db } from '../../store/database.ts';
import { scrubCopies } from '../../store/personal-data-copies.ts';

export type ErasureReason = 'erasure_request' | 'retention_schedule';

export interface Anonymised {
  complaintId: string;
  reference: string;
  role: SubjectRole;
  categories: readonly string[];
  /** Rows rewritten outside the complaint's own row, by table. */
  copies: Record<string, number>;
}

/**
 * Replaces the subject's personal data in a locked complaint and in every copy of it, in the
 * caller's transaction, and records a `complaint.personal_data_erased` event that says what
 * kind of data went, when and by whom: never the data.
 */
export async function anonymiseStoredComplaint(
  tx: Db,
  stored: StoredComplaint,
  e: { role: SubjectRole; actor: string; reason: ErasureReason; requestId: string; now: Date },
): Promise<Anonymised> {
  const before = stored.complaint;
  const values = personalValuesOf(before, e.role);
  const scrub = scrubberFor(values);
  // The structural replacement first, then the values wherever else in the state they were copied (hazards, orders…).
  const complaint = { ...scrub.json(anonymiseComplaint(before, e.role)), version: before.version + 1 };
  const categories = ERASED_CATEGORIES[e.role];
  const event: ComplaintEvent = {
    type: 'complaint.personal_data_erased',
    complaintId: before.id,
    version: complaint.version,
    occurredAt: e.now.toISOString(),
    recordedAt: e.now.toISOString(),
    actor: e.actor,
    data: { reason: e.reason, subject: e.role, categories: [...categories], requestId: e.requestId },
  };
  const copies = await scrubCopies(tx, { organisationId: before.organisationId, complaintId: before.id, scrub, needles: searchableValues(values) });
  await saveAnonymisedState(tx, complaint, before.version, e.role === 'complainant', e.now);
  await tx.insertInto('complaint_events').values(eventRow(before.organisationId, event)).execute();
  await recordComplaintPublicEvents(tx, complaint, [event], e.now);
  return { complaintId: before.id, reference: before.reference, role: e.role, categories, copies };
}
