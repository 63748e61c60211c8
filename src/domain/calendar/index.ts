export { blameField, CalendarError, isCalendarError, type CalendarErrorCode } from './calendar-error.ts';
export {
  civilFromEpochDay,
  epochDayFromCivil,
  fromEpochDay,
  isIsoDate,
  isLeapYear,
  isWeekend,
  parseIsoDate,
  toEpochDay,
  weekdayOf,
  type CivilDate,
  type EpochDay,
  type IsoDate,
  type Weekday,
} from './iso-date.ts';
export { DIVISIONS, isDivision, parseDivision, type Division } from './divisions.ts';
export { easterSunday } from './easter.ts';
export { projectHolidays, type ProjectedHoliday } from './holiday-rules.ts';
export {
  feedCoverage,
  serializeFeed,
  validateBankHolidayFeed,
  type BankHolidayFeed,
  type FeedCoverage,
  type FeedDivision,
  type FeedEvent,
} from './bank-holiday-feed.ts';
export { diffFeeds, formatFeedDiff, mergeFeeds, planFeedUpdate, type FeedChange, type FeedDiff, type UpdateDecision } from './feed-update.ts';
export { DEFAULT_RANGE, type CalendarRange } from './calendar-index.ts';
export type { Explanation, ExplanationStep, NonWorkingReason } from './explain.ts';
export {
  buildWorkingDayCalendar,
  type DatedResult,
  type Holiday,
  type WorkingDayCalendar,
  type WorkingDayCalendarOptions,
} from './working-day-calendar.ts';
export { buildUkCalendars, calendarDataWarning, feedDataEndsOn, type UkCalendars } from './uk-calendars.ts';
export { londonDateOf, receiptDate } from './london-date.ts';
export { londonDayEnd } from './london-day-end.ts';
export { calendarCache, type CalendarFor } from './calendar-cache.ts';
