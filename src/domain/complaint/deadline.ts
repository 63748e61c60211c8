import { londonDateOf, type IsoDate, type WorkingDayCalendar } from '../calendar/index.ts';
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

export interface Deadline {
  kind: DeadlineKind;
  stage: Stage | null;
  /** The remedy, action or evidence request id for those kinds; else null. */
  ref: string | null;
  /** Whose step it is: a resident's window passing is never a landlord's breach. */
  owner: 'landlord' | 'resident';
  countsFrom: { event: ClockStart | 'remedy_offered' | 'action_agreed'; date: IsoDate };
  /** Where the timescale comes from: a policy field path, or the item's own due date. */
  rule: string;
  dueDate: IsoDate;
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

/** A deadline is breached the day after its due date when still unmet. */
export function deadlineStatusAsOf(deadline: Pick<Deadline, 'dueDate' | 'status' | 'owner'>, asOf: IsoDate): DeadlineStatus {
  const { status } = deadline;
  if (status === 'met' || status === 'met_late' || status === 'cancelled') return status;
  if (asOf <= deadline.dueDate) return 'pending';
  return deadline.owner === 'resident' ? 'expired' : 'breached';
}

/** A deadline as seen on a given date: its status is the status as of that date. */
export type DeadlineAsOf = Omit<Deadline, 'status'> & { status: DeadlineStatus };

export function deadlineAsOf(deadline: Deadline, asOf: IsoDate): DeadlineAsOf {
  return { ...deadline, status: deadlineStatusAsOf(deadline, asOf) };
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
  return { kind, stage, ref: extra.ref ?? null, owner: extra.owner ?? 'landlord', ...timing, ...stateOf(timing.dueDate, metAt, endedOn) };
}

