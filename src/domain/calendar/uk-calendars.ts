import { feedCoverage, type BankHolidayFeed } from './bank-holiday-feed.ts';
import { DEFAULT_RANGE, type CalendarRange } from './calendar-index.ts';
import { DIVISIONS, type Division } from './divisions.ts';
import { projectHolidays } from './holiday-rules.ts';
import { civilFromEpochDay, daysInMonth, epochDayFromCivil, parseIsoDate, type IsoDate } from './iso-date.ts';
import { buildWorkingDayCalendar, type Holiday, type WorkingDayCalendar } from './working-day-calendar.ts';

export type UkCalendars = Readonly<Record<Division, WorkingDayCalendar>>;

/**
 * One calendar per division: the feed's years as announced, every other
 * year of the range projected from the rules and flagged provisional.
 */
export function buildUkCalendars(feed: BankHolidayFeed, range: CalendarRange = DEFAULT_RANGE): UkCalendars {
  const { firstYear, lastYear } = feedCoverage(feed);
  const startYear = Number(range.start.slice(0, 4));
  const endYear = Number(range.end.slice(0, 4));
  const calendars = {} as Record<Division, WorkingDayCalendar>;
  for (const division of DIVISIONS) {
    const holidays: Holiday[] = feed[division].events.map((e) => ({ date: e.date, title: e.title, provisional: false }));
    for (let year = startYear; year <= endYear; year++) {
      if (year >= firstYear && year <= lastYear) continue;
      for (const h of projectHolidays(division, year)) holidays.push({ date: h.date, title: h.title, provisional: true });
    }
    calendars[division] = buildWorkingDayCalendar({
      division,
      holidays,
      range,
      dataStartsOn: `${firstYear}-01-01`,
      dataEndsOn: `${lastYear}-12-31`,
    });
  }
  return Object.freeze(calendars);
}

/** 31 December of the feed's last year. */
export function feedDataEndsOn(feed: BankHolidayFeed): IsoDate {
  return `${feedCoverage(feed).lastYear}-12-31`;
}

/**
 * A warning for operators when the announced data ends within 12 months of
 * `today` (deadlines past it rest on projected holidays); null otherwise.
 */
export function calendarDataWarning(feed: BankHolidayFeed, today: IsoDate): string | null {
  const now = parseIsoDate(today);
  const endsOn = feedDataEndsOn(feed);
  const end = parseIsoDate(endsOn);
  const { year, month, day } = civilFromEpochDay(now);
  const inTwelveMonths = epochDayFromCivil(year + 1, month, Math.min(day, daysInMonth(year + 1, month)));
  if (end < now) {
    return `bank holiday data ended on ${endsOn}: deadlines use projected holidays; run npm run calendar:update with the current GOV.UK feed`;
  }
  if (end < inTwelveMonths) {
    return `bank holiday data ends on ${endsOn}, within 12 months: later deadlines use projected holidays; refresh with npm run calendar:update`;
  }
  return null;
}
