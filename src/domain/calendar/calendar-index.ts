import { CalendarError } from './calendar-error.ts';
import { fromEpochDay, isWeekend, parseIsoDate, type EpochDay, type IsoDate } from './iso-date.ts';

/** Why a day is not a working day; 0 means it is one. */
export const DAY_WORKING = 0;
export const DAY_WEEKEND = 1;
export const DAY_BANK_HOLIDAY = 2;
export const DAY_CLOSURE = 3;

export interface CalendarRange {
  start: IsoDate;
  end: IsoDate;
}

/** The days every calendar can answer for; outside it is `out_of_range`. */
export const DEFAULT_RANGE: CalendarRange = { start: '2000-01-01', end: '2100-12-31' };

/**
 * Precomputed over the whole range so that counting is two array reads:
 * `prefix[i]` is the number of working days in [start, start + i), and
 * `workingDays[k]` the epoch day of the (k+1)-th working day of the range.
 */
export interface CalendarIndex {
  start: EpochDay;
  end: EpochDay;
  kind: Uint8Array;
  prefix: Int32Array;
  workingDays: Int32Array;
}

export function buildCalendarIndex(
  range: CalendarRange,
  holidays: Iterable<EpochDay>,
  closureDays: Iterable<EpochDay>,
): CalendarIndex {
  const start = parseIsoDate(range.start);
  const end = parseIsoDate(range.end);
  if (end < start) {
    throw new CalendarError('out_of_range', `calendar range ends (${range.end}) before it starts (${range.start})`);
  }
  const length = end - start + 1;
  const kind = new Uint8Array(length);
  for (let i = 0; i < length; i++) if (isWeekend(start + i)) kind[i] = DAY_WEEKEND;
  for (const day of closureDays) {
    if (day >= start && day <= end && kind[day - start] === DAY_WORKING) kind[day - start] = DAY_CLOSURE;
  }
  for (const day of holidays) {
    if (day >= start && day <= end && kind[day - start] !== DAY_WEEKEND) kind[day - start] = DAY_BANK_HOLIDAY;
  }
  const prefix = new Int32Array(length + 1);
  let count = 0;
  for (let i = 0; i < length; i++) {
    if (kind[i] === DAY_WORKING) count++;
    prefix[i + 1] = count;
  }
  const workingDays = new Int32Array(count);
  for (let i = 0, k = 0; i < length; i++) if (kind[i] === DAY_WORKING) workingDays[k++] = start + i;
  return { start, end, kind, prefix, workingDays };
}

export function assertInRange(index: CalendarIndex, day: EpochDay): void {
  if (!(day >= index.start && day <= index.end)) {
    throw new CalendarError(
      'out_of_range',
      `${Number.isInteger(day) ? fromEpochDay(day) : String(day)} is outside the supported calendar ${fromEpochDay(index.start)} to ${fromEpochDay(index.end)}`,
    );
  }
}

/** The n-th working day strictly after `day` (n > 0) or strictly before it (n < 0); `day` itself for 0. */
export function addWorkingDaysIndexed(index: CalendarIndex, day: EpochDay, n: number): EpochDay {
  assertInRange(index, day);
  const total = index.workingDays.length;
  if (!Number.isInteger(n) || n > total || n < -total) {
    throw new CalendarError('invalid_day_count', `working-day count must be an integer between -${total} and ${total}, got ${n}`);
  }
  if (n === 0) return day;
  const k = n > 0 ? index.prefix[day - index.start + 1]! + n - 1 : index.prefix[day - index.start]! + n;
  if (k < 0 || k >= total) {
    throw new CalendarError('out_of_range', `${n} working days from ${fromEpochDay(day)} falls outside the supported calendar`);
  }
  return index.workingDays[k]!;
}

/** Working days d with a < d ≤ b; negative when b < a. */
export function workingDaysBetweenIndexed(index: CalendarIndex, a: EpochDay, b: EpochDay): number {
  assertInRange(index, a);
  assertInRange(index, b);
  return index.prefix[b - index.start + 1]! - index.prefix[a - index.start + 1]!;
}

export function nextWorkingDayIndexed(index: CalendarIndex, day: EpochDay): EpochDay {
  assertInRange(index, day);
  if (index.kind[day - index.start] === DAY_WORKING) return day;
  const k = index.prefix[day - index.start + 1]!;
  if (k >= index.workingDays.length) {
    throw new CalendarError('out_of_range', `no working day after ${fromEpochDay(day)} within the supported calendar`);
  }
  return index.workingDays[k]!;
}

/*
 * Domain §4: something that happens on a non-working day counts as happening on the next
 * working day, which is then day 0. These two count from that day, as the service's own
 * deadlines do, so the calendar API shows integrators the same dates.
 */

/** The n-th working day after the day-0 of an event on `day` (n < 0 counts back; n = 0 is day 0 itself). */
export function countFromIndexed(index: CalendarIndex, day: EpochDay, n: number): EpochDay {
  assertInRange(index, day);
  // Counting back gives the same day from `day` or from its day 0: every day between them is non-working.
  return addWorkingDaysIndexed(index, n < 0 ? day : nextWorkingDayIndexed(index, day), n);
}

/**
 * Working days d with (day 0 of `a`) < d <= `b`; 0 when `b` is from `a` up to its day 0;
 * negative when `b` is before `a`. countFromIndexed's inverse: workingDaysFrom(a, countFrom(a, n)) = n.
 */
export function workingDaysFromIndexed(index: CalendarIndex, a: EpochDay, b: EpochDay): number {
  assertInRange(index, a);
  assertInRange(index, b);
  if (b < a) return workingDaysBetweenIndexed(index, a, b) - (index.kind[a - index.start] === DAY_WORKING ? 0 : 1);
  const zero = nextWorkingDayIndexed(index, a);
  return b <= zero ? 0 : workingDaysBetweenIndexed(index, zero, b);
}
