import { DateTime } from 'luxon';
import type { IsoDate } from '../calendar/index.ts';

export interface Period {
  /** First and last London dates, both included. */
  from: IsoDate;
  to: IsoDate;
}

export interface FinancialYear extends Period {
  year: number;
  /** As the regulator writes it, e.g. 2025/26. */
  label: string;
}

/** The TSM reporting year: 1 April to 31 March (TSM Technical Requirements, "Reporting year and year end dates"). */
export function financialYear(year: number): FinancialYear {
  return { year, from: `${year}-04-01`, to: `${year + 1}-03-31`, label: `${year}/${String((year + 1) % 100).padStart(2, '0')}` };
}

export function within(date: IsoDate | null | undefined, period: Period): date is IsoDate {
  return date != null && date >= period.from && date <= period.to;
}

/** The instant a London date starts, for index-friendly filters on timestamptz columns. */
export function londonStartOf(date: IsoDate): Date {
  return DateTime.fromISO(date, { zone: 'Europe/London' }).startOf('day').toJSDate();
}

/** The instant just after a London date ends. */
export function londonEndOf(date: IsoDate): Date {
  return DateTime.fromISO(date, { zone: 'Europe/London' }).plus({ days: 1 }).startOf('day').toJSDate();
}

/** Each month of the period as YYYY-MM, in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let cursor = DateTime.fromISO(period.from.slice(0, 7) + '-01', { zone: 'UTC' });
  const last = period.to.slice(0, 7);
  while (cursor.toFormat('yyyy-MM') <= last) {
    months.push(cursor.toFormat('yyyy-MM'));
    cursor = cursor.plus({ months: 1 });
  }
  return months;
}
