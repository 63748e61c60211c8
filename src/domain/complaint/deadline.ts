import { londonDateOf, londonDayEnd, type IsoDate, type WorkingDayCalendar } from '../calendar/index.ts';
import { dueDateFor, type ClockStart, type EventDates, type Policy, type Timescale } from '../policy/index.ts';
import type { Instant, Stage } from './complaint-parts.ts';
import type { Complaint } from './complaint.ts';

export const DEADLINE_KINDS = [
  'stage_1_acknowledgement',
  'stage_1_response',
  'escalation_window',
  'auto_close',
  'stage_2_acknowledgement',
  'stage_2_response',
  'decline_letter',
  'remedy',
  'action',
  'ombudsman_evidence',
  // Informal records (informal.ts): Longhurst's first time fix, seed 003's support requests.
  'informal_resolution',
  'support_request_contact',
  // A contact restriction's review date (ref: the restriction's id).
  'contact_restriction_review',
  'ombudsman_order',
  // Awaab's Law (src/domain/hazards/awaabs-law.ts): ref is the hazard's id.
  'hazard_investigation',
  'hazard_emergency_action',
  'hazard_summary',
  'hazard_safety_work',
  'hazard_works_begun',
  'hazard_works_on_site',
  'hazard_works_completion',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * State-derived status: `missed` means the complaint ended (closed, declined,
 * withdrawn) after the due date without the step being taken; `cancelled` that
 * it ended on or before the due date, so the clock stopped in time.
 */
export type DeadlineState = 'pending' | 'met' | 'met_late' | 'missed' | 'cancelled';

/** As of a date. `expired` is a resident's window (escalation, auto-close) that ran out: not a landlord breach. */
export type DeadlineStatus = 'pending' | 'met' | 'met_late' | 'breached' | 'expired' | 'cancelled';

export type CountsFromEvent = ClockStart | 'remedy_offered' | 'action_agreed' | 'ombudsman_order_made' | 'hazard_aware' | 'hazard_investigated' | 'contact_restriction_started';

export interface Deadline {
  kind: DeadlineKind;
  stage: Stage | null;
  /** The remedy, action, evidence request, Ombudsman order or hazard id for those kinds; else null. */
  ref: string | null;
  /** Whose step it is: a resident's window passing is never a landlord's breach. */
  owner: 'landlord' | 'resident';
  /** `at`: the instant it counts from, for the hazard clocks (an instant deadline counts hours from it). */
  countsFrom: { event: CountsFromEvent; date: IsoDate; at?: Instant };
  /** Where the timescale comes from: a policy field path, or the item's own due date. */
  rule: string;
  /** For an instant deadline (Awaab's Law's 24 hours), the London date of dueAt. */
  dueDate: IsoDate;
  /** The instant it falls due, for a deadline counted in hours; null for a date deadline. */
  dueAt: Instant | null;
  /** Before any extension; equals dueDate when there was none. */
  originalDueDate: IsoDate;
  /** The count relies on projected (not yet announced) bank holidays. */
  provisional: boolean;
  metAt: Instant | null;
  metOn: IsoDate | null;
  status: DeadlineState;
}

/** Met when the action's London date is on or before the due date (domain §4). */
export function stateOf(dueDate: IsoDate, metAt: Instant | null, endedAt: Instant | null): Pick<Deadline, 'metAt' | 'metOn' | 'status'> {
  if (metAt !== null) {
    const metOn = londonDateOf(metAt);
    return { metAt, metOn, status: metOn <= dueDate ? 'met' : 'met_late' };
  }
  if (endedAt !== null) return { metAt, metOn: null, status: londonDateOf(endedAt) <= dueDate ? 'cancelled' : 'missed' };
  return { metAt, metOn: null, status: 'pending' };
}

/**
 * A date deadline is breached the day after its due date when still unmet; an instant
 * one as soon as its dueAt has passed, as of `at` (default: the end of the asOf day).
 */
export function deadlineStatusAsOf(deadline: Pick<Deadline, 'dueDate' | 'status' | 'owner'> & { dueAt?: Instant | null }, asOf: IsoDate, at?: Instant): DeadlineStatus {
  const { status } = deadline;
  if (status === 'met' || status === 'met_late' || status === 'cancelled') return status;
  if (deadline.dueAt != null) return Date.parse(deadline.dueAt) < Date.parse(at ?? londonDayEnd(asOf)) ? 'breached' : 'pending';
  if (asOf <= deadline.dueDate) return 'pending';
  return deadline.owner === 'resident' ? 'expired' : 'breached';
}

/** A deadline as seen on a given date: its status is the status as of that date. */
export type DeadlineAsOf = Omit<Deadline, 'status'> & { status: DeadlineStatus };

export function deadlineAsOf(deadline: Deadline, asOf: IsoDate, at?: Instant): DeadlineAsOf {
  return { ...deadline, status: deadlineStatusAsOf(deadline, asOf, at) };
}

export type Timed = Pick<Deadline, 'countsFrom' | 'rule' | 'dueDate' | 'originalDueDate' | 'provisional'>;

export interface Clocks {
  complaint: Complaint;
  policy: Policy;
  calendar: WorkingDayCalendar;
  dates: EventDates;
}

export function timed(clocks: Clocks, timescale: Timescale | null, rule: string): Timed | undefined {
  if (timescale === null) return undefined;
  const from = clocks.dates[timescale.from];
  if (from === undefined) return undefined;
  const due = dueDateFor(timescale, from, clocks.calendar, clocks.policy.counting.convention);
  return { countsFrom: { event: timescale.from, date: from }, rule, dueDate: due.date, originalDueDate: due.date, provisional: due.provisional };
}

export function deadline(
  kind: DeadlineKind,
  stage: Stage | null,
  timing: Timed,
  metAt: Instant | null,
  endedOn: Instant | null,
  extra: Partial<Pick<Deadline, 'ref' | 'owner'>> = {},
): Deadline {
  return { kind, stage, ref: extra.ref ?? null, owner: extra.owner ?? 'landlord', ...timing, dueAt: null, ...stateOf(timing.dueDate, metAt, endedOn) };
}

