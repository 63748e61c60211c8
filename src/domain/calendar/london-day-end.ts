import { DateTime } from 'luxon';
import type { IsoDate } from './iso-date.ts';

/** The instant a London date ends (midnight before the next day), as UTC ISO 8601: 23 or 25 hours after its start on clock-change days. */
export function londonDayEnd(date: IsoDate): string {
  return DateTime.fromISO(date, { zone: 'Europe/London' }).plus({ days: 1 }).toUTC().toISO({ suppressMilliseconds: false })!;
}
