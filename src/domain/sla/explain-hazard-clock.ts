import { DateTime } from 'luxon';
import { fromEpochDay, isWeekend, parseIsoDate, type IsoDate, type WorkingDayCalendar } from '../calendar/index.ts';
import type { Deadline } from '../complaint/index.ts';
import { EMERGENCY_HOURS } from '../hazards/awaabs-law.ts';
import type { DeadlineCount, SkippedDay } from './explain-deadline.ts';

/** How a deadline in hours was counted: elapsed hours, and what the wall clock shows across a clock change. */
export interface HoursCount {
  from: string;
  hours: number;
  dueAt: string;
  /** Hours on a London wall clock from `from` to dueAt: 23 across the October change, 25 across March's. */
  wallClockHours: number;
}

const offsetMinutes = (instant: string) => DateTime.fromISO(instant, { zone: 'Europe/London' }).offset;

export function hoursCount(deadline: Deadline): HoursCount | null {
  const from = deadline.countsFrom.at;
  if (deadline.dueAt === null || from === undefined) return null;
  const wallClockHours = EMERGENCY_HOURS + (offsetMinutes(deadline.dueAt) - offsetMinutes(from)) / 60;
  return { from, hours: EMERGENCY_HOURS, dueAt: deadline.dueAt, wallClockHours };
}

/**
 * The statutory count of a working-day hazard clock: every day after the day it counts
 * from up to the due date, counted or skipped with why. The day itself is never day 1,
 * and there are no closure days (awaabs-law.ts).
 */
export function statutoryCount(deadline: Deadline, calendar: WorkingDayCalendar, amount: number): DeadlineCount {
  const from = deadline.countsFrom.date;
  const counted: IsoDate[] = [];
  const skipped: SkippedDay[] = [];
  const names = new Map<IsoDate, string>();
  for (let day = parseIsoDate(from) + 1; day <= parseIsoDate(deadline.dueDate); day++) {
    const date = fromEpochDay(day);
    if (calendar.isWorkingDay(date)) {
      counted.push(date);
    } else if (isWeekend(day)) {
      skipped.push({ date, reason: 'weekend' });
    } else {
      if (!names.has(date)) for (const h of calendar.holidaysInYear(Number(date.slice(0, 4)))) names.set(h.date, h.title);
      skipped.push({ date, reason: 'bank_holiday', holiday: names.get(date) ?? 'Bank holiday' });
    }
  }
  return { from, amount, unit: 'working_days', result: deadline.dueDate, counted, skipped };
}
