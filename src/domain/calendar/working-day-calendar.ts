import { CalendarError } from './calendar-error.ts';
import { calendarFingerprint } from './calendar-fingerprint.ts';
import {
  addWorkingDaysIndexed,
  assertInRange,
  buildCalendarIndex,
  countFromIndexed,
  DAY_WORKING,
  DEFAULT_RANGE,
  nextWorkingDayIndexed,
  workingDaysBetweenIndexed,
  workingDaysFromIndexed,
  type CalendarRange,
} from './calendar-index.ts';
import { explainCount, type Explanation } from './explain.ts';
import type { Division } from './divisions.ts';
import { epochDayFromCivil, fromEpochDay, parseIsoDate, type EpochDay, type IsoDate } from './iso-date.ts';

export interface Holiday {
  date: IsoDate;
  title: string;
  /** Projected from the rules rather than announced by GOV.UK. */
  provisional: boolean;
}

export interface WorkingDayCalendarOptions {
  division: Division;
  holidays: readonly Holiday[];
  closureDays?: readonly IsoDate[];
  range?: CalendarRange;
  /** Last day of announced data; later days are provisional. Defaults to the range end. */
  dataEndsOn?: IsoDate;
  /** First day of announced data; earlier days are provisional. Defaults to the range start. */
  dataStartsOn?: IsoDate;
}

export interface DatedResult {
  date: IsoDate;
  provisional: boolean;
}

export interface WorkingDayCalendar {
  readonly division: Division;
  readonly range: CalendarRange;
  readonly dataStartsOn: IsoDate;
  readonly dataEndsOn: IsoDate;
  readonly closureDays: readonly IsoDate[];
  /** Changes whenever any day's working status or provisional flag could. */
  readonly fingerprint: string;
  isWorkingDay(date: IsoDate): boolean;
  /** The n-th working day strictly after `date` (before it when n < 0); `date` itself for 0. */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working days d with a < d <= b; negative when b < a. */
  workingDaysBetween(a: IsoDate, b: IsoDate): number;
  /** `date` when it is a working day, else the first working day after it. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /**
   * Domain §4's count for something that happened on `date`: day 0 is `date`, or the next
   * working day when `date` is not one; the result is the n-th working day after day 0
   * (before it when n < 0), with the provisional flag of the counted span.
   */
  dueDate(date: IsoDate, n: number): DatedResult;
  /** dueDate's inverse: working days from day 0 of an event on `a` to `b` (0 up to day 0, negative before `a`). */
  workingDaysFrom(a: IsoDate, b: IsoDate): number;
  /** dueDate day by day: each day counted or skipped, and why. */
  explain(from: IsoDate, n: number): Explanation;
  holidaysInYear(year: number): Holiday[];
  isProvisional(date: IsoDate): boolean;
  isProvisionalBetween(a: IsoDate, b: IsoDate): boolean;
  withClosureDays(dates: readonly IsoDate[]): WorkingDayCalendar;
  /** The division's calendar alone (statutory working days, e.g. Awaab's Law): built once per calendar. */
  withoutClosureDays(): WorkingDayCalendar;
  isWorkingDayEpoch(day: EpochDay): boolean;
  addWorkingDaysEpoch(day: EpochDay, n: number): EpochDay;
  workingDaysBetweenEpoch(a: EpochDay, b: EpochDay): number;
  nextWorkingDayEpoch(day: EpochDay): EpochDay;
}

export function buildWorkingDayCalendar(options: WorkingDayCalendarOptions): WorkingDayCalendar {
  const range = options.range ?? DEFAULT_RANGE;
  const holidayByDay = new Map<EpochDay, Holiday>();
  for (const holiday of options.holidays) holidayByDay.set(parseIsoDate(holiday.date), holiday);
  const closureDays = [...new Set(options.closureDays ?? [])].sort();
  const closureEpochs = closureDays.map(parseIsoDate);
  const index = buildCalendarIndex(range, holidayByDay.keys(), closureEpochs);
  for (const day of closureEpochs) assertInRange(index, day);
  const dataStart = parseIsoDate(options.dataStartsOn ?? range.start);
  const dataEnd = parseIsoDate(options.dataEndsOn ?? range.end);
  const provisionalBetween = (a: EpochDay, b: EpochDay): boolean => Math.min(a, b) < dataStart || Math.max(a, b) > dataEnd;
  const rangeStartYear = Number(range.start.slice(0, 4));
  const rangeEndYear = Number(range.end.slice(0, 4));

  const calendar: WorkingDayCalendar = {
    division: options.division,
    range,
    dataStartsOn: fromEpochDay(dataStart),
    dataEndsOn: fromEpochDay(dataEnd),
    closureDays,
    fingerprint: calendarFingerprint({
      division: options.division,
      holidays: [...holidayByDay.keys()],
      closureDays,
      dataStartsOn: fromEpochDay(dataStart),
      dataEndsOn: fromEpochDay(dataEnd),
    }),
    isWorkingDayEpoch(day) {
      assertInRange(index, day);
      return index.kind[day - index.start] === DAY_WORKING;
    },
    addWorkingDaysEpoch: (day, n) => addWorkingDaysIndexed(index, day, n),
    workingDaysBetweenEpoch: (a, b) => workingDaysBetweenIndexed(index, a, b),
    nextWorkingDayEpoch: (day) => nextWorkingDayIndexed(index, day),
    isWorkingDay: (date) => calendar.isWorkingDayEpoch(parseIsoDate(date)),
    addWorkingDays: (date, n) => fromEpochDay(addWorkingDaysIndexed(index, parseIsoDate(date), n)),
    dueDate(date, n) {
      const from = parseIsoDate(date);
      const result = countFromIndexed(index, from, n);
      return { date: fromEpochDay(result), provisional: provisionalBetween(from, result) };
    },
    workingDaysFrom: (a, b) => workingDaysFromIndexed(index, parseIsoDate(a), parseIsoDate(b)),
    workingDaysBetween: (a, b) => workingDaysBetweenIndexed(index, parseIsoDate(a), parseIsoDate(b)),
    nextWorkingDay: (date) => fromEpochDay(nextWorkingDayIndexed(index, parseIsoDate(date))),
    explain(from, n) {
      const start = parseIsoDate(from);
      const result = countFromIndexed(index, start, n);
      const dayZero = nextWorkingDayIndexed(index, start);
      return explainCount({ index, holidayByDay, start, dayZero, n, result, provisional: provisionalBetween(start, result) });
    },
    holidaysInYear(year) {
      if (!Number.isInteger(year)) throw new CalendarError('invalid_year', `year must be an integer, got ${year}`);
      if (year < rangeStartYear || year > rangeEndYear) {
        throw new CalendarError('out_of_range', `${year} is outside the supported calendar ${range.start} to ${range.end}`);
      }
      const first = epochDayFromCivil(year, 1, 1);
      const last = epochDayFromCivil(year, 12, 31);
      return [...holidayByDay.entries()]
        .filter(([day]) => day >= first && day <= last)
        .sort((a, b) => a[0] - b[0])
        .map(([, h]) => ({ date: h.date, title: h.title, provisional: h.provisional }));
    },
    isProvisional(date) {
      const day = parseIsoDate(date);
      assertInRange(index, day);
      return provisionalBetween(day, day);
    },
    isProvisionalBetween: (a, b) => provisionalBetween(parseIsoDate(a), parseIsoDate(b)),
    withClosureDays: (dates) =>
      buildWorkingDayCalendar({ ...options, range, closureDays: [...closureDays, ...dates] }),
    withoutClosureDays() {
      if (closureDays.length === 0) return calendar;
      statutory ??= buildWorkingDayCalendar({ ...options, range, closureDays: [] });
      return statutory;
    },
  };
  let statutory: WorkingDayCalendar | undefined;
  return Object.freeze(calendar);
}
