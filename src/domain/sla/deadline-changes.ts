import type { IsoDate } from '../calendar/index.ts';
import type { Complaint, ComplaintEvent, Deadline } from '../complaint/index.ts';

export interface DeadlineChange {
  kind: Deadline['kind'];
  stage: Deadline['stage'];
  ref: string | null;
  /** null: the deadline did not exist before (or no longer exists). */
  from: IsoDate | null;
  to: IsoDate | null;
}

const keyOf = (d: Pick<Deadline, 'kind' | 'stage' | 'ref'>) => `${d.kind}|${d.stage ?? ''}|${d.ref ?? ''}`;

/** The deadlines whose due date moved (or that appeared or went) between two derivations. */
export function deadlineChanges(before: readonly Deadline[], after: readonly Deadline[]): DeadlineChange[] {
  const old = new Map(before.map((d) => [keyOf(d), d]));
  const changes: DeadlineChange[] = [];
  for (const d of after) {
    const was = old.get(keyOf(d));
    old.delete(keyOf(d));
    if (was?.dueDate !== d.dueDate) changes.push({ kind: d.kind, stage: d.stage, ref: d.ref, from: was?.dueDate ?? null, to: d.dueDate });
  }
  for (const was of old.values()) changes.push({ kind: was.kind, stage: was.stage, ref: was.ref, from: was.dueDate, to: null });
  return changes;
}

const FIELDS = ['dueDate', 'originalDueDate', 'provisional', 'status', 'metOn'] as const;

/** True when nothing stored would change: same deadlines, same dates, flags and states. */
export function sameDeadlines(before: readonly Deadline[], after: readonly Deadline[]): boolean {
  if (before.length !== after.length) return false;
  const old = new Map(before.map((d) => [keyOf(d), d]));
  return after.every((d) => {
    const was = old.get(keyOf(d));
    return was !== undefined && FIELDS.every((f) => was[f] === d[f]) && was.countsFrom.date === d.countsFrom.date;
  });
}

/**
 * Records that the calendar moved a complaint's deadlines (domain §4: a bank holiday
 * announced later must move the deadlines of open complaints, with an audit record).
 * The version moves on, since what the API shows changed, but `lastEventAt` does not:
 * this is no business event, and must not stop a CRM back-dating the next real one.
 */
export function recordDeadlinesRecomputed(
  complaint: Complaint,
  changes: readonly DeadlineChange[],
  at: { recordedAt: Date; actor: string; reason: string },
): { complaint: Complaint; event: ComplaintEvent } {
  const next: Complaint = { ...complaint, version: complaint.version + 1 };
  const recordedAt = at.recordedAt.toISOString();
  const event: ComplaintEvent = {
    type: 'complaint.deadlines_recomputed',
    complaintId: complaint.id,
    version: next.version,
    occurredAt: recordedAt,
    recordedAt,
    actor: at.actor,
    data: { reason: at.reason, changes: changes.map((c) => ({ kind: c.kind, stage: c.stage, ref: c.ref, from: c.from, to: c.to })) },
  };
  return { complaint: next, event };
}
