import { parseDivision, type CalendarFor } from '../domain/calendar/index.ts';
import { deadlinesOf, ENDED_STATUSES } from '../domain/complaint/index.ts';
import { deadlineChanges, recordDeadlinesRecomputed, sameDeadlines } from '../domain/sla/index.ts';
import { deadlinesOfComplaints } from '../store/complaint-queries.ts';
import { lockComplaint, updateComplaint } from '../store/complaints.ts';
import type { Db } from '../store/database.ts';
import { findOrganisation } from '../store/organisations.ts';
import { findPolicyVersion } from '../store/policy-versions.ts';

export const RECOMPUTE_ACTOR = 'system:recompute';

export interface RecomputeResult {
  checked: number;
  /** Due dates moved: saved with a complaint.deadlines_recomputed event. */
  changed: { complaintId: string; reference: string; changes: number }[];
  /** Only flags moved (e.g. a date is no longer provisional): rows saved, no event. */
  refreshed: number;
}

type Outcome = { kind: 'same' | 'refreshed' | 'gone' } | { kind: 'changed'; reference: string; changes: number };

/** One complaint, in its own transaction, locked like any command. */
async function recomputeOne(db: Db, organisationId: string, id: string, options: { now: Date; calendarFor: CalendarFor; reason: string }): Promise<Outcome> {
  return db.transaction().execute(async (tx): Promise<Outcome> => {
    const complaint = await lockComplaint(tx, organisationId, id);
    if (!complaint || ENDED_STATUSES.includes(complaint.status)) return { kind: 'gone' };
    const policy = await findPolicyVersion(tx, organisationId, complaint.policyVersion);
    const organisation = await findOrganisation(tx, organisationId);
    if (!policy || !organisation) throw new Error(`complaint ${id}: its policy version or organisation is missing`);
    const calendar = options.calendarFor(parseDivision(organisation.division), organisation.closureDays.map((c) => c.date));
    const stored = (await deadlinesOfComplaints(tx, organisationId, [id])).get(id) ?? [];
    const fresh = deadlinesOf(complaint, policy.policy, calendar);
    if (sameDeadlines(stored, fresh)) return { kind: 'same' };
    const changes = deadlineChanges(stored, fresh);
    if (changes.length === 0) {
      await updateComplaint(tx, complaint, complaint.version, [], fresh, options.now);
      return { kind: 'refreshed' };
    }
    const next = recordDeadlinesRecomputed(complaint, changes, { recordedAt: options.now, actor: RECOMPUTE_ACTOR, reason: options.reason });
    if (!(await updateComplaint(tx, next.complaint, complaint.version, [next.event], fresh, options.now))) throw new Error(`complaint ${id} changed while locked`);
    return { kind: 'changed', reference: complaint.reference, changes: changes.length };
  });
}

/**
 * Re-derives the deadlines of every open complaint (of one landlord, or all) from the
 * calendar as it is now: after `calendar:update` added or removed a bank holiday, or a
 * landlord changed its closure days (domain §4). Safe to run again: unchanged complaints
 * are left alone.
 */
export async function recomputeDeadlines(
  db: Db,
  options: { now: Date; calendarFor: CalendarFor; organisationId?: string; reason?: string; batchSize?: number },
): Promise<RecomputeResult> {
  const result: RecomputeResult = { checked: 0, changed: [], refreshed: 0 };
  const reason = options.reason ?? 'calendar changed';
  let after: { organisationId: string; id: string } | undefined;
  for (;;) {
    let query = db.selectFrom('complaints').select(['organisation_id', 'id']).where('status', 'not in', [...ENDED_STATUSES]);
    if (options.organisationId) query = query.where('organisation_id', '=', options.organisationId);
    if (after) {
      const { organisationId, id } = after;
      query = query.where((eb) => eb(eb.refTuple('organisation_id', 'id'), '>', eb.tuple(organisationId, id)));
    }
    const batch = await query.orderBy('organisation_id').orderBy('id').limit(options.batchSize ?? 500).execute();
    if (batch.length === 0) return result;
    for (const row of batch) {
      const outcome = await recomputeOne(db, row.organisation_id, row.id, { ...options, reason });
      if (outcome.kind !== 'gone') result.checked++;
      if (outcome.kind === 'refreshed') result.refreshed++;
      if (outcome.kind === 'changed') result.changed.push({ complaintId: row.id, reference: outcome.reference, changes: outcome.changes });
    }
    const last = batch.at(-1)!;
    after = { organisationId: last.organisation_id, id: last.id };
  }
}
