import type { Division } from './divisions.ts';
import type { IsoDate } from './iso-date.ts';
import type { UkCalendars } from './uk-calendars.ts';
import type { WorkingDayCalendar } from './working-day-calendar.ts';

/**
 * A landlord's calendar is its division's plus its closure days. Building one costs a
 * millisecond or two, so each distinct set is built once and kept (a few hundred at most:
 * landlords share divisions and many set no closure days).
 */
export function calendarCache(calendars: UkCalendars, maxEntries = 500) {
  const cache = new Map<string, WorkingDayCalendar>();
  return (division: Division, closureDays: readonly IsoDate[]): WorkingDayCalendar => {
    if (closureDays.length === 0) return calendars[division];
    const key = `${division}|${[...closureDays].sort().join(',')}`;
    let calendar = cache.get(key);
    if (!calendar) {
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      calendar = calendars[division].withClosureDays(closureDays);
      cache.set(key, calendar);
    }
    return calendar;
  };
}

export type CalendarFor = ReturnType<typeof calendarCache>;
