import { CalendarError } from './calendar-error.ts';

/** A calendar date, `YYYY-MM-DD`, with no time and no zone. */
export type IsoDate = string;
/** Days since 1970-01-01 (day 0, a Thursday); negative before it. */
export type EpochDay = number;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}


export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Howard Hinnant's days_from_civil: integer arithmetic only, so no JS Date,
 * no time zone and no DST can shift a calendar date.
 */
export function epochDayFromCivil(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromEpochDay(epochDay: EpochDay): CivilDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function digit(value: string, at: number): number {
  const d = value.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

/** Strictly parses `YYYY-MM-DD`; rejects impossible dates such as 2025-02-30. */
export function parseIsoDate(value: unknown): EpochDay {
  if (typeof value !== 'string') {
    throw new CalendarError('invalid_date', `expected a date as YYYY-MM-DD, got ${typeof value}`);
  }
  // Character codes rather than a regex or Date: this sits on the hot path of every ISO operation.
  const year = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const month = digit(value, 5) * 10 + digit(value, 6);
  const day = digit(value, 8) * 10 + digit(value, 9);
  if (value.length !== 10 || value[4] !== '-' || value[7] !== '-' || Number.isNaN(year + month + day)) {
    throw new CalendarError('invalid_date', `"${value}" is not a date in the form YYYY-MM-DD`);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new CalendarError('invalid_date', `"${value}" is not a real calendar date`);
  }
  return epochDayFromCivil(year, month, day);
}

export function isIsoDate(value: unknown): value is IsoDate {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

export const toEpochDay = parseIsoDate;

export function fromEpochDay(epochDay: EpochDay): IsoDate {
  const { year, month, day } = civilFromEpochDay(epochDay);
  const yyyy = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${yyyy}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function weekdayOf(epochDay: EpochDay): Weekday {
  return ((((epochDay + 3) % 7) + 7) % 7 + 1) as Weekday;
}

export function isWeekend(epochDay: EpochDay): boolean {
  return weekdayOf(epochDay) >= 6;
}

export function yearOf(epochDay: EpochDay): number {
  return civilFromEpochDay(epochDay).year;
}
