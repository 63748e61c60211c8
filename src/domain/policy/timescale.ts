import {
  civilFromEpochDay,
  epochDayFromCivil,
  fromEpochDay,
  parseIsoDate,
  receiptDate,
  type DatedResult,
  type IsoDate,
  type WorkingDayCalendar,
} from '../calendar/index.ts';
import { DomainError } from '../domain-error.ts';
import type { ClockStart, CountingConvention, EscalationWindow, ExtensionCap, Timescale } from './policy.ts';

/** The dates on which a complaint's clock-starting events happened, as known so far. */
export type EventDates = Partial<Record<ClockStart, IsoDate>>;

function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = civilFromEpochDay(parseIsoDate(date));
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  // A month after 31 January is the last day of February: clamp to the target month's length.
  const lastDay = epochDayFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - epochDayFromCivil(y, m, 1);
  return fromEpochDay(epochDayFromCivil(y, m, Math.min(day, lastDay)));
}

function assertAmount(amount: number, min: number): void {
  if (!Number.isInteger(amount) || amount < min) {
    throw new DomainError('invalid_input', 'invalid_timescale', `a timescale amount must be a whole number of at least ${min}, got ${amount}`);
  }
}

/**
 * When a timescale that started on `fromDate` runs out (domain §4).
 *
 * The event counts as happening on the next working day when `fromDate` is not
 * one. With the default convention that day is day 0 and "within N" ends on the
 * N-th day after it; with `event_day_is_day_1` it is day 1, one day earlier.
 *
 * A calendar-day or month deadline that lands on a weekend, bank holiday or
 * closure day moves to the next working day: nobody can send a response or an
 * escalation request to a closed office, and it matches §4's rule that events
 * on non-working days count from the next working day.
 */
export function dueDateFor(
  timescale: Pick<Timescale, 'amount' | 'unit'>,
  fromDate: IsoDate,
  calendar: WorkingDayCalendar,
  convention: CountingConvention = 'day_after_is_day_1',
): DatedResult {
  assertAmount(timescale.amount, 1);
  const start = calendar.nextWorkingDay(fromDate);
  const n = convention === 'event_day_is_day_1' ? timescale.amount - 1 : timescale.amount;
  let date: IsoDate;
  switch (timescale.unit) {
    case 'working_days':
      date = calendar.addWorkingDays(start, n);
      break;
    case 'calendar_days':
      date = calendar.nextWorkingDay(fromEpochDay(parseIsoDate(start) + n));
      break;
    case 'months': {
      const end = addMonths(start, timescale.amount);
      const shifted = convention === 'event_day_is_day_1' ? fromEpochDay(parseIsoDate(end) - 1) : end;
      date = calendar.nextWorkingDay(shifted);
      break;
    }
    default:
      throw new DomainError('invalid_input', 'invalid_timescale', `unknown unit ${JSON.stringify(timescale.unit)}`);
  }
  return { date, provisional: calendar.isProvisionalBetween(fromDate, date) };
}

/**
 * A response due date moved on by an extension. The original due date is day 0
 * whatever the policy's convention: it is the end of a count, not an event.
 * An extension of 0 leaves the date where it is.
 */
export function addExtension(dueDate: IsoDate, extension: ExtensionCap, calendar: WorkingDayCalendar): DatedResult {
  assertAmount(extension.amount, 0);
  if (extension.amount === 0) return { date: dueDate, provisional: calendar.isProvisional(dueDate) };
  return dueDateFor(extension, dueDate, calendar, 'day_after_is_day_1');
}

/** The deadline of a timescale once the event it counts from has happened; undefined before. */
export function deadlineFor(
  timescale: Timescale,
  events: EventDates,
  calendar: WorkingDayCalendar,
  convention: CountingConvention = 'day_after_is_day_1',
): DatedResult | undefined {
  const from = events[timescale.from];
  return from === undefined ? undefined : dueDateFor(timescale, from, calendar, convention);
}

/** The last day to ask for stage 2: the later of the window and its `orIfLater` alternative, once both are known. */
export function escalationWindowCloses(
  window: EscalationWindow,
  events: EventDates,
  calendar: WorkingDayCalendar,
  convention: CountingConvention = 'day_after_is_day_1',
): DatedResult | undefined {
  const main = deadlineFor(window, events, calendar, convention);
  if (main === undefined || window.orIfLater === null) return main;
  // Until both events are known the later deadline is not known either.
  const alternative = deadlineFor(window.orIfLater, events, calendar, convention);
  if (alternative === undefined) return undefined;
  return alternative.date > main.date ? alternative : main;
}

/**
 * Day 0 of the stage 1 clocks for a complaint received at `instant`: its London
 * date, moved to the next working day when it is not one or when the London time
 * is at or after the policy's cut-off.
 */
export function effectiveReceiptDate(instant: Date | string, calendar: WorkingDayCalendar, cutOff: string | null): IsoDate {
  return receiptDate(instant, calendar, cutOff ?? undefined);
}
