import type { Division } from './divisions.ts';
import { easterSunday } from './easter.ts';
import { daysInMonth, epochDayFromCivil, fromEpochDay, isWeekend, weekdayOf, type EpochDay, type IsoDate } from './iso-date.ts';

/** A holiday worked out from the rules, not announced: always provisional. */
export interface ProjectedHoliday {
  date: IsoDate;
  title: string;
  notes: '' | 'Substitute day';
  provisional: true;
}

const NEW_YEAR = 'New Year’s Day';
const SECOND_JANUARY = '2nd January';
const ST_PATRICK = 'St Patrick’s Day';
const BOYNE = 'Battle of the Boyne (Orangemen’s Day)';
const ST_ANDREW = 'St Andrew’s Day';
const CHRISTMAS = 'Christmas Day';
const BOXING = 'Boxing Day';

interface Fixed {
  title: string;
  month: number;
  day: number;
}

/** Holidays with a fixed date, which get a substitute weekday when they fall at a weekend. */
const FIXED: Record<Division, readonly Fixed[]> = {
  'england-and-wales': [
    { title: NEW_YEAR, month: 1, day: 1 },
    { title: CHRISTMAS, month: 12, day: 25 },
    { title: BOXING, month: 12, day: 26 },
  ],
  scotland: [
    { title: NEW_YEAR, month: 1, day: 1 },
    { title: SECOND_JANUARY, month: 1, day: 2 },
    { title: ST_ANDREW, month: 11, day: 30 },
    { title: CHRISTMAS, month: 12, day: 25 },
    { title: BOXING, month: 12, day: 26 },
  ],
  'northern-ireland': [
    { title: NEW_YEAR, month: 1, day: 1 },
    { title: ST_PATRICK, month: 3, day: 17 },
    { title: BOYNE, month: 7, day: 12 },
    { title: CHRISTMAS, month: 12, day: 25 },
    { title: BOXING, month: 12, day: 26 },
  ],
};

/** Monday on or after the 1st of the month. */
function firstMonday(year: number, month: number): EpochDay {
  const first = epochDayFromCivil(year, month, 1);
  return first + ((8 - weekdayOf(first)) % 7);
}

/** Monday on or before the last day of the month. */
function lastMonday(year: number, month: number): EpochDay {
  const last = epochDayFromCivil(year, month, daysInMonth(year, month));
  return last - ((weekdayOf(last) + 6) % 7);
}

function movable(division: Division, year: number): Array<[EpochDay, string]> {
  const easter = easterSunday(year);
  const days: Array<[EpochDay, string]> = [
    [easter - 2, 'Good Friday'],
    [firstMonday(year, 5), 'Early May bank holiday'],
    [lastMonday(year, 5), 'Spring bank holiday'],
  ];
  if (division === 'scotland') {
    days.push([firstMonday(year, 8), 'Summer bank holiday']);
  } else {
    days.push([easter + 1, 'Easter Monday'], [lastMonday(year, 8), 'Summer bank holiday']);
  }
  return days;
}

/**
 * A division's usual bank holidays for a year, from the standing rules. A
 * fixed-date holiday at a weekend moves to the next weekday not already a
 * holiday; weekday holidays are placed first, so when Christmas Day is a
 * Sunday, Boxing Day keeps Monday 26th and Christmas moves to Tuesday 27th,
 * as GOV.UK lists it. One-off proclamations (jubilees, funerals, moved May
 * holidays) cannot be projected: that is why projected years are provisional.
 */
export function projectHolidays(division: Division, year: number): ProjectedHoliday[] {
  const taken = new Map<EpochDay, ProjectedHoliday>();
  const put = (day: EpochDay, title: string, notes: '' | 'Substitute day'): void => {
    taken.set(day, { date: fromEpochDay(day), title, notes, provisional: true });
  };
  for (const [day, title] of movable(division, year)) put(day, title, '');
  const weekendFixed: Array<[EpochDay, string]> = [];
  for (const { title, month, day } of FIXED[division]) {
    const date = epochDayFromCivil(year, month, day);
    if (isWeekend(date)) weekendFixed.push([date, title]);
    else put(date, title, '');
  }
  for (const [date, title] of weekendFixed) {
    let substitute = date + 1;
    while (isWeekend(substitute) || taken.has(substitute)) substitute += 1;
    put(substitute, title, 'Substitute day');
  }
  return [...taken.entries()].sort((a, b) => a[0] - b[0]).map(([, holiday]) => holiday);
}
