import { parseIsoDate, type IsoDate, type WorkingDayCalendar } from '../calendar/index.ts';

/**
 * For each day from `first` to `last`, the working days in [first, day]: working days
 * between two days of the span are then a subtraction, which lets the database order
 * rows by "working days late" on the landlord's own calendar without knowing it.
 */
export function workingDayOrdinals(calendar: WorkingDayCalendar, first: IsoDate, last: IsoDate): number[] {
  const a = parseIsoDate(first);
  const b = parseIsoDate(last);
  const out: number[] = [];
  for (let day = a; day <= b; day++) out.push(calendar.workingDaysBetweenEpoch(a - 1, day));
  return out;
}
