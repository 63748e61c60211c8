import { DateTime } from 'luxon';
import { CalendarError } from './calendar-error.ts';
import { londonPartsFast } from './london-fast.ts';
import type { IsoDate } from './iso-date.ts';
import type { WorkingDayCalendar } from './working-day-calendar.ts';

const LONDON = 'Europe/London';
const HAS_OFFSET = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const CUT_OFF = /^([01]\d|2[0-3]):([0-5]\d)$/;

function inLondon(instant: Date | string): DateTime {
  let dt: DateTime;
  if (instant instanceof Date) {
    dt = DateTime.fromJSDate(instant, { zone: LONDON });
  } else if (typeof instant === 'string' && HAS_OFFSET.test(instant)) {
    // An instant must say its offset: a bare local time would be ambiguous around clock changes.
    dt = DateTime.fromISO(instant, { zone: LONDON, setZone: false });
  } else {
    throw new CalendarError('invalid_time', `expected an ISO 8601 instant with an offset or Z, got ${JSON.stringify(instant)}`);
  }
  if (!dt.isValid) throw new CalendarError('invalid_time', `${String(instant)} is not a valid instant`);
  return dt;
}

/** The calendar date in Europe/London at that instant (GMT in winter, BST in summer). */
export function londonDateOf(instant: Date | string): IsoDate {
  return londonPartsFast(instant)?.date ?? inLondon(instant).toISODate()!;
}

function cutOffMinutes(cutOff: string): number {
  const match = CUT_OFF.exec(cutOff);
  if (match === null) throw new CalendarError('invalid_time', `cut-off must be HH:MM (00:00 to 23:59), got ${JSON.stringify(cutOff)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Day 0 of a clock started by something received at `instant`: its London
 * date, or the next working day when that date is not a working day or the
 * London time is at or after the policy's cut-off (domain §4).
 */
export function receiptDate(instant: Date | string, calendar: WorkingDayCalendar, cutOff?: string): IsoDate {
  const fast = londonPartsFast(instant);
  const local = fast ?? { date: inLondon(instant).toISODate()!, minuteOfDay: inLondon(instant).hour * 60 + inLondon(instant).minute };
  const date = local.date;
  if (cutOff !== undefined && local.minuteOfDay >= cutOffMinutes(cutOff)) {
    return calendar.addWorkingDays(date, 1);
  }
  return calendar.nextWorkingDay(date);
}
