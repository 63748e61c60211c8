import { londonDateOf, type IsoDate } from '../calendar/index.ts';
import { declineLetterDeadlines } from './decline-deadlines.ts';
import { restrictionReviewDeadlines } from './restriction-deadlines.ts';
import { deadline, timed, type Clocks, type Deadline } from './deadline.ts';

function ownDueDate(clocks: Clocks, from: IsoDate, due: IsoDate, rule: string, event: 'remedy_offered' | 'action_agreed' | 'ombudsman_order_made') {
  return { countsFrom: { event, date: from }, rule, dueDate: due, originalDueDate: due, provisional: clocks.calendar.isProvisionalBetween(from, due) };
}

/**
 * Decline letters, remedies, actions, Ombudsman evidence and orders. Remedies, actions,
 * evidence and orders are promises that outlive the complaint's closure (Code §7), so
 * closing never cancels them.
 */
export function sideDeadlines(clocks: Clocks): Deadline[] {
  const { complaint, policy } = clocks;
  const out: Deadline[] = [];
  out.push(...declineLetterDeadlines(clocks));
  out.push(...restrictionReviewDeadlines(clocks));
  for (const r of complaint.remedies) {
    if (r.dueDate === null) continue;
    const timing = ownDueDate(clocks, londonDateOf(r.offeredAt), r.dueDate, 'remedy.dueDate', 'remedy_offered');
    out.push(deadline('remedy', r.stage, timing, r.completedAt, null, { ref: r.id }));
  }
  for (const a of complaint.actions) {
    const timing = ownDueDate(clocks, londonDateOf(a.agreedAt), a.dueDate, 'action.dueDate', 'action_agreed');
    out.push(deadline('action', a.stage, timing, a.completedAt, null, { ref: a.id }));
  }
  for (const e of complaint.ombudsman.evidenceRequests) {
    const from = londonDateOf(e.requestedAt);
    const timing =
      e.dueDate !== null
        ? { countsFrom: { event: 'evidence_request' as const, date: from }, rule: 'ombudsman.evidenceRequests.dueDate', dueDate: e.dueDate, originalDueDate: e.dueDate, provisional: clocks.calendar.isProvisionalBetween(from, e.dueDate) }
        : timed({ ...clocks, dates: { evidence_request: from } }, policy.ombudsmanEvidence, 'ombudsmanEvidence');
    if (timing !== undefined) out.push(deadline('ombudsman_evidence', null, timing, e.providedAt, null, { ref: e.id }));
  }
  // Orders bind the landlord (recommendations do not): one past its date unmet is a breach like any deadline.
  for (const o of complaint.ombudsman.orders) {
    if (o.type !== 'order' || o.dueDate === null) continue;
    const timing = ownDueDate(clocks, londonDateOf(o.madeAt), o.dueDate, 'ombudsman.orders.dueDate', 'ombudsman_order_made');
    out.push(deadline('ombudsman_order', null, timing, o.completedAt, null, { ref: o.id }));
  }
  return out;
}
