import { readFileSync } from 'node:fs';
import t from 'tap';
import { buildUkCalendars, validateBankHolidayFeed } from '../../../src/domain/calendar/index.ts';

const feed = validateBankHolidayFeed(
  JSON.parse(readFileSync(new URL('../../../config/bank-holidays/bank-holidays.json', import.meta.url), 'utf8')),
);
const calendars = buildUkCalendars(feed);
const ni = calendars['northern-ireland'];
const ew = calendars['england-and-wales'];

// [from, n, Northern Ireland, England and Wales, how]
const ADD: Array<[string, number, string, string, string]> = [
  ['2025-03-14', 1, '2025-03-18', '2025-03-17', 'Fri: 15-16 weekend, Mon 17 St Patrick’s Day, 18'],
  ['2024-03-15', 1, '2024-03-19', '2024-03-18', 'Fri: 16-17 weekend (St Patrick on Sunday), Mon 18 substitute, 19'],
  ['2018-03-16', 1, '2018-03-20', '2018-03-19', 'Fri: 17 Sat St Patrick, 18 Sun, Mon 19 substitute, 20'],
  ['2027-07-09', 1, '2027-07-13', '2027-07-12', 'Fri: weekend, Mon 12 July Battle of the Boyne, 13'],
  ['2025-07-11', 1, '2025-07-15', '2025-07-14', 'Fri: 12 Sat Boyne, 13 Sun, Mon 14 substitute, 15'],
  ['2026-07-10', 1, '2026-07-14', '2026-07-13', 'Fri: 11 Sat, 12 Sun Boyne, Mon 13 substitute, 14'],
  ['2020-07-10', 1, '2020-07-14', '2020-07-13', 'Fri: weekend (12 Sunday), Mon 13 substitute, 14'],
  ['2024-07-11', 1, '2024-07-15', '2024-07-12', 'Thu: Fri 12 Boyne, weekend, 15'],
  ['2025-04-17', 1, '2025-04-22', '2025-04-22', 'Thu: Good Friday, weekend, Easter Monday, 22'],
  ['2025-08-22', 1, '2025-08-26', '2025-08-26', 'Fri: weekend, last Monday of August, 26'],
  ['2020-12-18', 5, '2020-12-29', '2020-12-29', 'Fri: 21-24 (4), 25 Christmas, weekend, 28 Boxing sub, 29'],
  ['2022-09-15', 3, '2022-09-21', '2022-09-21', 'Thu: 16, weekend, 19 state funeral, 20, 21'],
  ['2023-05-05', 1, '2023-05-09', '2023-05-09', 'Fri: weekend, 8 coronation, 9'],
  ['2012-03-16', 1, '2012-03-20', '2012-03-19', 'Fri: 17 Sat St Patrick 2012, 18 Sun, Mon 19 substitute, 20'],
  ['2025-03-18', -1, '2025-03-14', '2025-03-17', 'Tue back: 17 St Patrick, weekend, Fri 14'],
  ['2025-07-10', 5, '2025-07-18', '2025-07-17', 'Thu: 11 (1), weekend, 14 Boyne sub, 15,16,17 (4), 18 (5)'],
];

t.test('addWorkingDays in Northern Ireland, against England and Wales', async (t) => {
  for (const [from, n, irl, eng, how] of ADD) {
    t.equal(ni.addWorkingDays(from, n), irl, `Northern Ireland ${from} ${n}: ${how}`);
    t.equal(ew.addWorkingDays(from, n), eng, `England and Wales ${from} ${n}`);
  }
});

t.test('Northern Irish holidays', async (t) => {
  const days: Array<[string, boolean, string]> = [
    ['2025-03-17', false, 'St Patrick’s Day'],
    ['2024-03-18', false, 'St Patrick’s Day substitute'],
    ['2025-07-14', false, 'Battle of the Boyne substitute'],
    ['2025-07-12', false, 'Saturday'],
    ['2025-04-21', false, 'Easter Monday'],
    ['2025-08-04', true, 'first Monday of August is Scotland only'],
    ['2025-01-02', true, '2 January is Scotland only'],
    ['2026-06-15', true, 'World Cup day is Scotland only'],
    ['2025-12-01', true, 'St Andrew’s Day is Scotland only'],
  ];
  for (const [date, working, why] of days) t.equal(ni.isWorkingDay(date), working, `${date}: ${why}`);
  // 261 weekdays in 2025 less England and Wales' 8 and Northern Ireland's 17 March and 14 July
  t.equal(ni.workingDaysBetween('2025-01-01', '2025-12-31'), 251);
  const e = ni.explain('2025-07-11', 1);
  t.equal(e.steps.find((s) => s.date === '2025-07-14')?.holiday, 'Battle of the Boyne (Orangemen’s Day)');
});
