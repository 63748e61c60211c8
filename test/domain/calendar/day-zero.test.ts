import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import t from 'tap';
import { buildUkCalendars, DIVISIONS, epochDayFromCivil, fromEpochDay, validateBankHolidayFeed } from '../../../src/domain/calendar/index.ts';
import { dueDateFor } from '../../../src/domain/policy/timescale.ts';

const feed = validateBankHolidayFeed(
  JSON.parse(readFileSync(new URL('../../../config/bank-holidays/bank-holidays.json', import.meta.url), 'utf8')),
);
const calendars = buildUkCalendars(feed);
const ew = calendars['england-and-wales'];

// Domain §4: something that happens on a non-working day counts as happening on the next
// working day, which is day 0. dueDate, workingDaysFrom and explain count that way.

t.test('dueDate from a non-working day counts from the next working day', async (t) => {
  // [from, n, dueDate, addWorkingDays (strictly after from, for contrast), how]
  const cases: Array<[string, number, string, string, string]> = [
    ['2026-12-26', 0, '2026-12-29', '2026-12-26', 'Sat: 27 Sun, 28 Boxing Day substitute, so day 0 is Tue 29'],
    ['2026-12-26', 1, '2026-12-30', '2026-12-29', 'Sat: day 0 Tue 29, Wed 30 is the 1st'],
    ['2026-12-05', 5, '2026-12-14', '2026-12-11', 'Sat: day 0 Mon 7; 8, 9, 10, 11, 14'],
    ['2025-08-25', 1, '2025-08-27', '2025-08-26', 'Mon bank holiday: day 0 Tue 26'],
    ['2025-12-25', 0, '2025-12-29', '2025-12-25', 'Christmas Day: 26 Boxing Day, weekend, day 0 Mon 29'],
    ['2026-12-06', -1, '2026-12-04', '2026-12-04', 'Sun back 1: Fri 4 either way'],
    ['2027-01-02', -4, '2026-12-24', '2026-12-24', 'Sat back 4: (1 Jan) 31, 30, 29, (28-25) 24'],
    ['2026-12-23', 5, '2027-01-04', '2027-01-04', 'a working day is its own day 0'],
    ['2024-02-29', 0, '2024-02-29', '2024-02-29', 'leap day, a Thursday'],
    ['2028-02-29', 1, '2028-03-01', '2028-03-01', 'leap day, a Tuesday'],
  ];
  for (const [from, n, due, add, how] of cases) {
    t.equal(ew.dueDate(from, n).date, due, `dueDate ${from} ${n}: ${how}`);
    t.equal(ew.addWorkingDays(from, n), add, `addWorkingDays ${from} ${n}`);
  }
  t.equal(calendars.scotland.dueDate('2026-06-13', 0).date, '2026-06-16', 'Sat before the World Cup day: day 0 Tue 16');
  t.equal(ew.dueDate('2026-06-13', 0).date, '2026-06-15', 'Mon 15 June is a working day in England');
  t.equal(calendars['northern-ireland'].dueDate('2026-07-11', 1).date, '2026-07-15', 'Sat: 12 Sun, 13 Boyne substitute, day 0 Tue 14');
});

t.test('workingDaysFrom counts from day 0 and inverts dueDate', async (t) => {
  const cases: Array<[string, string, number, string]> = [
    ['2026-12-05', '2026-12-14', 5, 'Sat to Mon week: day 0 Mon 7'],
    ['2026-12-05', '2026-12-07', 0, 'Sat to its day 0'],
    ['2026-12-05', '2026-12-06', 0, 'Sat to Sun'],
    ['2026-12-05', '2026-12-05', 0, 'same day'],
    ['2026-12-05', '2026-12-04', -1, 'Sat back to Fri: one before day 0'],
    ['2026-12-07', '2026-12-12', 4, 'Mon to Sat: 8-11'],
    ['2026-12-23', '2027-01-04', 5, 'across Christmas and New Year'],
    ['2027-01-04', '2026-12-23', -5, 'and back'],
    ['2026-12-26', '2027-01-04', 3, 'Sat 26: day 0 Tue 29; 30, 31, 4'],
  ];
  for (const [a, b, n, how] of cases) t.equal(ew.workingDaysFrom(a, b), n, `${a} → ${b}: ${how}`);
  t.throws(() => ew.workingDaysFrom('2026-12-05', '2101-01-01'), { code: 'out_of_range' });
});

t.test('explain marks day 0 when the start is not a working day', async (t) => {
  const e = ew.explain('2026-12-26', 1);
  t.match(e, { from: '2026-12-26', startsOn: '2026-12-29', days: 1, result: '2026-12-30', provisional: false });
  t.same(e.steps, [
    { date: '2026-12-27', counted: false, reason: 'weekend' },
    { date: '2026-12-28', counted: false, reason: 'bank_holiday', holiday: 'Boxing Day' },
    { date: '2026-12-29', counted: false, workingDayNumber: 0 },
    { date: '2026-12-30', counted: true, workingDayNumber: 1 },
  ]);
  t.same(ew.explain('2026-12-26', 0).steps.map((s) => s.date), ['2026-12-27', '2026-12-28', '2026-12-29'], 'n = 0 ends on day 0');
  t.equal(ew.explain('2026-12-23', 1).startsOn, '2026-12-23');
  t.same(ew.explain('2026-12-06', -1).steps, [
    { date: '2026-12-05', counted: false, reason: 'weekend' },
    { date: '2026-12-04', counted: true, workingDayNumber: 1 },
  ]);
});

// The service's own deadlines (policy/timescale.ts) and the calendar API must give one date.
const anyDay = fc.integer({ min: epochDayFromCivil(2002, 1, 1), max: epochDayFromCivil(2098, 12, 31) });
const division = fc.constantFrom(...DIVISIONS);
const runs = { numRuns: 400 };

t.test('dueDate agrees with the deadline engine and with a naive day-by-day count', async (t) => {
  fc.assert(
    fc.property(division, anyDay, fc.integer({ min: 1, max: 60 }), (div, day, n) => {
      const cal = calendars[div];
      const from = fromEpochDay(day);
      return cal.dueDate(from, n).date === dueDateFor({ amount: n, unit: 'working_days' }, from, cal).date;
    }),
    runs,
  );
  fc.assert(
    fc.property(division, anyDay, fc.integer({ min: -60, max: 60 }), (div, day, n) => {
      const cal = calendars[div];
      let d = day;
      while (!cal.isWorkingDayEpoch(d)) d++;
      for (let left = Math.abs(n); left > 0; ) {
        d += Math.sign(n);
        if (cal.isWorkingDayEpoch(d)) left--;
      }
      return cal.dueDate(fromEpochDay(day), n).date === fromEpochDay(d);
    }),
    runs,
  );
  fc.assert(
    fc.property(division, anyDay, fc.integer({ min: -300, max: 300 }), (div, day, n) => {
      const cal = calendars[div];
      const from = fromEpochDay(day);
      return cal.workingDaysFrom(from, cal.dueDate(from, n).date) === n && cal.explain(from, n).result === cal.dueDate(from, n).date;
    }),
    runs,
  );
  t.pass('agree');
});
