import { londonDayEnd, type IsoDate } from '../calendar/index.ts';

/**
 * The moment an as-of question is answered at, for deadlines that are instants
 * (Awaab's Law's 24 hours): now when asOf is today, else the end of the asOf day
 * (London), which is also when a date deadline due that day stops being on time.
 */
export function asOfInstant(asOf: IsoDate, today: IsoDate, now: Date): string {
  return asOf === today ? now.toISOString() : londonDayEnd(asOf);
}

/** Hours from dueAt to `until` (the step, or the as-of moment), to the tenth. */
export function hoursBetween(dueAt: string, until: string): number {
  return Math.round((Date.parse(until) - Date.parse(dueAt)) / 360_000) / 10;
}
