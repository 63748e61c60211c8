import { readFileSync } from 'node:fs';
import t from 'tap';
import { buildUkCalendars, validateBankHolidayFeed } from '../../../src/domain/calendar/index.ts';

const feed = validateBankHolidayFeed(
  JSON.parse(readFileSync(new URL('../../../config/bank-holidays/bank-holidays.json', import.meta.url), 'utf8')),
);
const calendars = buildUkCalendars(feed);
const scotland = calendars.scotland;
const ew = calendars['england-and-wales'];

// [from, n, Scotland, England and Wales, how]
const ADD: Array<[string, number, string, string, string]> = [
  ['2024-12-31', 1, '2025-01-03', '2025-01-02', 'Tue: 1 Jan New Year, 2 Jan (Scotland only), Fri 3'],
  ['2020-12-31', 1, '2021-01-05', '2021-01-04', 'Thu: 1 Fri New Year, 2-3 weekend, Mon 4 = 2 January substitute in Scotland, 5'],
  ['2021-12-31', 1, '2022-01-05', '2022-01-04', 'Fri: 1-2 weekend, 3 New Year sub, 4 2 January sub (Scotland), 5'],
  ['2022-12-30', 1, '2023-01-04', '2023-01-03', 'Fri: 31-1 weekend, Mon 2 New Year sub, Tue 3 2 January sub (Scotland), 4'],
  ['2026-12-31', 1, '2027-01-05', '2027-01-04', 'Thu: 1 Fri New Year, 2-3 weekend, Mon 4 = 2 January sub in Scotland, 5'],
  ['2016-12-30', 1, '2017-01-04', '2017-01-03', 'Fri: 31-1 weekend, Mon 2 (2 January / E&W New Year sub), Tue 3 (New Year sub, Scotland), 4'],
  ['2025-04-17', 1, '2025-04-21', '2025-04-22', 'Thu: 18 Good Friday, 19-20 weekend; Easter Monday is a working day in Scotland'],
  ['2025-08-01', 1, '2025-08-05', '2025-08-04', 'Fri: 2-3 weekend, Mon 4 = first Monday of August (Scotland summer), 5'],
  ['2025-08-22', 1, '2025-08-25', '2025-08-26', 'Fri: 23-24 weekend; last Monday of August is a working day in Scotland'],
  ['2025-11-28', 1, '2025-12-02', '2025-12-01', 'Fri: 29-30 weekend (St Andrew on Sunday), Mon 1 Dec substitute, 2'],
  ['2024-11-29', 1, '2024-12-03', '2024-12-02', 'Fri: 30 Sat St Andrew, 1 Sun, Mon 2 substitute, 3'],
  ['2023-11-29', 1, '2023-12-01', '2023-11-30', 'Wed: Thu 30 Nov St Andrew, Fri 1 Dec'],
  ['2026-06-12', 2, '2026-06-17', '2026-06-16', 'Fri: 13-14 weekend, Mon 15 June World Cup bank holiday (Scotland), 16 (1), 17 (2)'],
  ['2022-12-23', 1, '2022-12-28', '2022-12-28', 'Fri: 24-25 weekend, 26 Boxing, 27 Christmas sub, 28'],
  ['2022-06-01', 1, '2022-06-06', '2022-06-06', 'Wed: 2 spring (moved), 3 Platinum Jubilee, weekend, 6'],
  ['2022-09-16', 1, '2022-09-20', '2022-09-20', 'Fri: weekend, 19 state funeral, 20'],
  ['2023-05-05', 1, '2023-05-09', '2023-05-09', 'Fri: weekend, 8 coronation, 9'],
  ['2020-05-07', 1, '2020-05-11', '2020-05-11', 'Thu: 8 VE day, weekend, 11'],
  ['2012-06-01', 1, '2012-06-06', '2012-06-06', 'Fri: weekend, 4 spring (moved), 5 Diamond Jubilee, 6'],
  ['2025-01-06', -1, '2025-01-03', '2025-01-03', 'Mon back: weekend, Fri 3'],
  ['2025-01-03', -1, '2024-12-31', '2025-01-02', 'Fri back: Scotland skips 2 Jan and 1 Jan to Tue 31 Dec'],
];

t.test('addWorkingDays in Scotland, against England and Wales', async (t) => {
  for (const [from, n, scot, eng, how] of ADD) {
    t.equal(scotland.addWorkingDays(from, n), scot, `Scotland ${from} ${n}: ${how}`);
    t.equal(ew.addWorkingDays(from, n), eng, `England and Wales ${from} ${n}`);
  }
});

t.test('Scottish holidays', async (t) => {
  const days: Array<[string, boolean, string]> = [
    ['2025-01-02', false, '2 January'],
    ['2025-04-21', true, 'Easter Monday is not a Scottish bank holiday'],
    ['2025-08-04', false, 'first Monday of August'],
    ['2025-08-25', true, 'last Monday of August is not'],
    ['2025-12-01', false, 'St Andrew’s Day substitute'],
    ['2026-06-15', false, 'World Cup 2026'],
    ['2026-11-30', false, 'St Andrew’s Day on a Monday'],
    ['2022-06-03', false, 'Platinum Jubilee'],
    ['2022-09-19', false, 'state funeral'],
    ['2023-05-08', false, 'coronation'],
    ['2024-03-18', true, 'St Patrick substitute is Northern Ireland only'],
    ['2024-07-12', true, 'Battle of the Boyne is Northern Ireland only'],
  ];
  for (const [date, working, why] of days) t.equal(scotland.isWorkingDay(date), working, `${date}: ${why}`);
  // 261 weekdays in 2025 less 9 weekday holidays: 1, 2 Jan, Good Friday, 5 and 26 May, 4 Aug, 1 Dec, 25-26 Dec
  t.equal(scotland.workingDaysBetween('2025-01-01', '2025-12-31'), 252);
  const e = scotland.explain('2026-06-12', 2);
  t.same(e.steps.find((s) => s.date === '2026-06-15'), {
    date: '2026-06-15',
    counted: false,
    reason: 'bank_holiday',
    holiday: 'World Cup bank holiday',
  });
  t.same(
    scotland.holidaysInYear(2025).map((h) => h.date),
    ['2025-01-01', '2025-01-02', '2025-04-18', '2025-05-05', '2025-05-26', '2025-08-04', '2025-12-01', '2025-12-25', '2025-12-26'],
  );
});
