import { anonymiseStoredComplaint } from '../app/privacy/anonymise-complaint.ts';
import { londonDateOf } from '../domain/calendar/index.ts';
import { legalHoldsOn } from '../domain/privacy/legal-holds.ts';
import { recordAccess } from '../store/access-records.ts';
import { lockStoredComplaint } from '../store/data-subjects.ts';
import type { Db } from '../store/database.ts';
import { claimDueForAnonymisation } from '../store/retention.ts';

export const RETENTION_ACTOR = 'system:retention';

/**
 * Anonymises, one complaint per transaction, every complaint its landlord's retention
 * schedule makes due today, unless a legal hold applies (then it is left, and asked about
 * again on the next run). Rows are claimed with SKIP LOCKED: two instances sweeping at once
 * take different complaints, and a complaint anonymised once is never a candidate again.
 */
export async function anonymiseDue(db: Db, options: { now: Date }): Promise<{ anonymised: number; held: number }> {
  const today = londonDateOf(options.now);
  const held = new Set<string>();
  let anonymised = 0;
  for (;;) {
    const outcome = await db.transaction().execute(async (tx) => {
      const due = await claimDueForAnonymisation(tx, today, [...held]);
      if (!due) return 'none' as const;
      const stored = await lockStoredComplaint(tx, due.organisationId, due.id);
      if (!stored) throw new Error(`complaint ${due.id} vanished while locked`);
      if (legalHoldsOn(stored.complaint, stored.legalHold, today).length > 0) {
        held.add(due.id);
        return 'held' as const;
      }
      const done = await anonymiseStoredComplaint(tx, stored, { role: 'complainant', actor: RETENTION_ACTOR, reason: 'retention_schedule', requestId: due.id, now: options.now });
      await recordAccess(tx, {
        organisationId: due.organisationId, at: options.now, actor: RETENTION_ACTOR, action: 'anonymisation', complaintIds: [due.id],
        detail: { reference: done.reference, reason: 'retention_schedule', categories: done.categories, copies: done.copies },
      });
      return 'anonymised' as const;
    });
    if (outcome === 'none') return { anonymised, held: held.size };
    if (outcome === 'anonymised') anonymised++;
  }
}
