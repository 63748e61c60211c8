import { readFileSync } from 'node:fs';
import t from 'tap';
import { buildUkCalendars, validateBankHolidayFeed } from '../../../src/domain/calendar/index.ts';

const feed = validateBankHolidayFeed(
  JSON.parse(readFileSync(new URL('../../../config/bank-holidays/bank-holidays.json', import.meta.url), 'utf8')),
);
const ew = buildUkCalendars(feed)['england-and-wales'];

// addWorkingDays counts strictly after `from`, whatever day that is; domain §4's count from
// the next working day (dueDate, the calendar API) is in day-zero.test.ts.
// [from, n, expected, how]
const ADD: Array<[string, number, string, string]> = [
  ['2020-12-18', 5, '2020-12-29', 'Fri 18 Dec 2020: 21,22,23,24 Dec, skip 25 (Christmas) 26-27 weekend 28 (Boxing Day substitute), 29'],
  ['2021-12-23', 2, '2021-12-29', 'Thu: 24 (1), 25-26 weekend, 27 Christmas sub, 28 Boxing sub, 29 (2)'],
  ['2022-12-23', 1, '2022-12-28', 'Fri: 24-25 weekend, 26 Boxing Day, 27 Christmas sub, 28'],
  ['2026-12-24', 1, '2026-12-29', 'Thu: 25 Christmas, 26-27 weekend, 28 Boxing sub, 29'],
  ['2027-12-24', 1, '2027-12-29', 'Fri: 25-26 weekend, 27 Christmas sub, 28 Boxing sub, 29'],
  ['2021-12-31', 1, '2022-01-04', 'Fri: 1-2 Jan weekend, 3 New Year sub, 4'],
  ['2024-03-28', 1, '2024-04-02', 'Thu: 29 Good Friday, 30-31 weekend, 1 Apr Easter Monday, 2'],
  ['2025-04-17', 1, '2025-04-22', 'Thu: 18 Good Friday, 19-20 weekend, 21 Easter Monday, 22'],
  ['2020-05-07', 1, '2020-05-11', 'Thu: 8 May VE day (moved early May), 9-10 weekend, 11'],
  ['2020-05-01', 1, '2020-05-04', 'Fri: 2-3 weekend, Mon 4 May 2020 was a working day (holiday moved to the 8th)'],
  ['2022-06-01', 1, '2022-06-06', 'Wed: 2 spring (moved), 3 Platinum Jubilee, 4-5 weekend, 6'],
  ['2022-05-27', 1, '2022-05-30', 'Fri: 28-29 weekend, Mon 30 May 2022 was a working day'],
  ['2022-09-15', 3, '2022-09-21', 'Thu: 16 (1), 17-18 weekend, 19 state funeral, 20 (2), 21 (3)'],
  ['2023-05-05', 1, '2023-05-09', 'Fri: 6-7 weekend, 8 coronation, 9'],
  ['2023-04-28', 1, '2023-05-02', 'Fri: 29-30 weekend, 1 May early May, 2'],
  ['2012-06-01', 1, '2012-06-06', 'Fri: 2-3 weekend, 4 spring (moved), 5 Diamond Jubilee, 6'],
  ['2025-08-22', 1, '2025-08-26', 'Fri: 23-24 weekend, 25 summer (last Monday of August), 26'],
  ['2024-02-27', 3, '2024-03-01', 'Tue: 28 (1), 29 Feb leap day (2), 1 Mar (3)'],
  ['2024-02-28', 1, '2024-02-29', 'Wed: Thu 29 Feb 2024 exists'],
  ['2024-01-06', 1, '2024-01-08', 'Sat: 7 Sun, 8 Mon'],
  ['2024-01-07', 1, '2024-01-08', 'Sun: 8 Mon'],
  ['2024-01-06', 5, '2024-01-12', 'Sat: 8,9,10,11,12'],
  ['2025-08-25', 1, '2025-08-26', 'start on a bank holiday: next day counts as 1'],
  ['2024-01-06', 0, '2024-01-06', 'n = 0 returns a weekend start unchanged'],
  ['2025-12-25', 0, '2025-12-25', 'n = 0 returns a holiday start unchanged'],
  ['2024-12-02', 10, '2024-12-16', 'Mon: 3-6 (4), 9-13 (9), 16 (10)'],
  ['2024-12-20', 10, '2025-01-08', 'Fri: 23,24 (2), 25-26 holidays, 27 (3), 30,31 (5), 1 Jan, 2,3 (7), 6,7,8 (10)'],
  ['2025-03-03', 20, '2025-03-31', 'Mon: 4-7 (4), 10-14 (9), 17-21 (14), 24-28 (19), 31 (20)'],
  ['2020-12-29', -1, '2020-12-24', 'Tue back: 28 Boxing sub, 27-26 weekend, 25 Christmas, 24'],
  ['2022-01-03', -1, '2021-12-31', 'Mon (New Year sub) back: 2-1 weekend, Fri 31 Dec'],
  ['2024-04-02', -2, '2024-03-27', 'Tue back: 1 Easter Monday, 31-30 weekend, 29 Good Friday, 28 (1), 27 (2)'],
  ['2024-01-06', -1, '2024-01-05', 'Sat back: Fri 5'],
];

t.test('addWorkingDays in England and Wales', async (t) => {
  for (const [from, n, expected, how] of ADD) t.equal(ew.addWorkingDays(from, n), expected, `${from} ${n >= 0 ? '+' : ''}${n}: ${how}`);
});

t.test('workingDaysBetween counts a < d <= b, antisymmetric', async (t) => {
  const cases: Array<[string, string, number]> = [
    ['2020-12-18', '2020-12-29', 5],
    ['2020-12-29', '2020-12-18', -5],
    ['2024-01-06', '2024-01-06', 0],
    ['2024-01-06', '2024-01-07', 0], // Sat to Sun
    ['2024-01-05', '2024-01-08', 1], // Fri to Mon
    ['2025-01-01', '2025-12-31', 253], // 261 weekdays in 2025 less 8 weekday bank holidays
  ];
  for (const [a, b, n] of cases) t.equal(ew.workingDaysBetween(a, b), n, `${a} → ${b}`);
  for (const [from, n, expected] of ADD) if (n > 0) t.equal(ew.workingDaysBetween(from, expected), n, `between ${from} and ${expected}`);
});

t.test('isWorkingDay and nextWorkingDay', async (t) => {
  const days: Array<[string, boolean]> = [
    ['2022-09-19', false], // state funeral
    ['2022-09-20', true],
    ['2023-05-08', false], // coronation
    ['2020-05-08', false], // VE day
    ['2020-05-04', true], // first Monday of May 2020, moved
    ['2012-05-28', true], // last Monday of May 2012, moved
    ['2012-06-04', false],
    ['2012-06-05', false],
    ['2024-03-18', true], // St Patrick's substitute: Northern Ireland only
    ['2024-08-05', true], // first Monday of August: Scotland only
    ['2024-08-26', false],
    ['2026-06-15', true], // World Cup day: Scotland only
    ['2024-02-29', true],
    ['2024-03-02', false], // Saturday
  ];
  for (const [date, working] of days) t.equal(ew.isWorkingDay(date), working, date);
  t.equal(ew.nextWorkingDay('2021-12-25'), '2021-12-29', 'Sat 25: 26 Sun, 27-28 substitutes, Wed 29');
  t.equal(ew.nextWorkingDay('2024-01-05'), '2024-01-05', 'a working day is its own next working day');
  t.equal(ew.nextWorkingDay('2023-05-06'), '2023-05-09', 'Sat: Sun, coronation Mon, Tue 9');
});

t.test('explain lists every day with its reason', async (t) => {
  const e = ew.explain('2020-12-18', 5);
  t.same(e.steps.map((s) => [s.date.slice(5), s.counted ? s.workingDayNumber : s.reason]), [
    ['12-19', 'weekend'], ['12-20', 'weekend'], ['12-21', 1], ['12-22', 2], ['12-23', 3], ['12-24', 4],
    ['12-25', 'bank_holiday'], ['12-26', 'weekend'], ['12-27', 'weekend'], ['12-28', 'bank_holiday'], ['12-29', 5],
  ]);
  t.equal(e.steps[6]?.holiday, 'Christmas Day');
  t.equal(e.steps[9]?.holiday, 'Boxing Day');
  t.match(e, { from: '2020-12-18', days: 5, result: '2020-12-29', provisional: false });
  t.same(ew.explain('2024-01-05', 0).steps, [], 'n = 0 from a working day: nothing to count');
  t.same(
    ew.explain('2024-01-06', 0).steps,
    [{ date: '2024-01-07', counted: false, reason: 'weekend' }, { date: '2024-01-08', counted: false, workingDayNumber: 0 }],
    'n = 0 from a Saturday ends on day 0, Monday (domain §4)',
  );
  const back = ew.explain('2024-04-02', -2);
  t.equal(back.result, '2024-03-27');
  t.same(back.steps.map((s) => s.date), ['2024-04-01', '2024-03-31', '2024-03-30', '2024-03-29', '2024-03-28', '2024-03-27']);
  t.equal(back.steps[0]?.holiday, 'Easter Monday');
});

t.test('coded errors', async (t) => {
  t.throws(() => ew.addWorkingDays('2025-02-30', 1), { code: 'invalid_date' });
  t.throws(() => ew.addWorkingDays('2025-01-01', 1.5), { code: 'invalid_day_count' });
  t.throws(() => ew.addWorkingDays('2025-01-01', Number.NaN), { code: 'invalid_day_count' });
  t.throws(() => ew.addWorkingDays('2025-01-01', 1e9), { code: 'invalid_day_count' });
  t.throws(() => ew.addWorkingDays('1999-12-31', 1), { code: 'out_of_range' });
  t.throws(() => ew.addWorkingDays('2100-12-28', 5), { code: 'out_of_range' });
  t.throws(() => ew.addWorkingDays('2000-01-04', -5), { code: 'out_of_range' });
  t.throws(() => ew.workingDaysBetween('2025-01-01', '2101-01-01'), { code: 'out_of_range' });
  t.throws(() => ew.holidaysInYear(2101), { code: 'out_of_range' });
  t.throws(() => ew.holidaysInYear(2025.5), { code: 'invalid_year' });
});
