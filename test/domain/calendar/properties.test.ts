import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import t from 'tap';
import { buildUkCalendars, DIVISIONS, epochDayFromCivil, fromEpochDay, toEpochDay, validateBankHolidayFeed } from '../../../src/domain/calendar/index.ts';

const raw = JSON.parse(readFileSync(new URL('../../../config/bank-holidays/bank-holidays.json', import.meta.url), 'utf8')) as Record<
  string,
  { events: Array<{ date: string }> }
>;
const calendars = buildUkCalendars(validateBankHolidayFeed(raw));

// An oracle independent of the index: JS Date weekdays and the raw feed's dates, day by day.
const holidaySets = Object.fromEntries(DIVISIONS.map((d) => [d, new Set(raw[d]!.events.map((e) => e.date))]));
function naiveWorking(division: string, day: number): boolean {
  const weekday = new Date(day * 86_400_000).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidaySets[division]!.has(new Date(day * 86_400_000).toISOString().slice(0, 10));
}
function naiveAdd(division: string, day: number, n: number): number {
  let d = day;
  for (let left = Math.abs(n); left > 0; ) {
    d += Math.sign(n);
    if (naiveWorking(division, d)) left--;
  }
  return d;
}
function naiveBetween(division: string, a: number, b: number): number {
  let count = 0;
  for (let d = Math.min(a, b) + 1; d <= Math.max(a, b); d++) if (naiveWorking(division, d)) count++;
  return b >= a ? count : -count;
}

// Shipped years only (the oracle knows no projection), leaving room for 250 working days either side.
const shippedDay = fc.integer({ min: epochDayFromCivil(2012, 6, 1), max: epochDayFromCivil(2027, 6, 30) });
const anyDay = fc.integer({ min: epochDayFromCivil(2002, 1, 1), max: epochDayFromCivil(2098, 12, 31) });
const division = fc.constantFrom(...DIVISIONS);
const count = fc.integer({ min: 0, max: 300 });
const runs = { numRuns: 400 };

t.test('the O(1) operations agree with a naive day-by-day loop', async (t) => {
  fc.assert(
    fc.property(division, shippedDay, fc.integer({ min: -250, max: 250 }), (div, day, n) => {
      return calendars[div].addWorkingDaysEpoch(day, n) === naiveAdd(div, day, n);
    }),
    runs,
  );
  fc.assert(
    fc.property(division, shippedDay, shippedDay, (div, a, b) => calendars[div].workingDaysBetweenEpoch(a, b) === naiveBetween(div, a, b)),
    runs,
  );
  fc.assert(fc.property(division, shippedDay, (div, day) => calendars[div].isWorkingDayEpoch(day) === naiveWorking(div, day)), runs);
  t.pass('agrees');
});

t.test('algebraic properties over the whole range, projected years included', async (t) => {
  fc.assert(
    fc.property(division, anyDay, fc.integer({ min: 1, max: 300 }), (div, day, n) => {
      const cal = calendars[div];
      const result = cal.addWorkingDaysEpoch(day, n);
      return cal.isWorkingDayEpoch(result) && result > day;
    }),
    runs,
  );
  fc.assert(
    fc.property(division, anyDay, count, (div, day, n) => calendars[div].workingDaysBetweenEpoch(day, calendars[div].addWorkingDaysEpoch(day, n)) === n),
    runs,
  );
  fc.assert(
    fc.property(division, anyDay, count, (div, day, n) => calendars[div].addWorkingDaysEpoch(day, n) < calendars[div].addWorkingDaysEpoch(day, n + 1)),
    runs,
  );
  fc.assert(
    fc.property(division, anyDay, anyDay, (div, a, b) => calendars[div].workingDaysBetweenEpoch(a, b) === -calendars[div].workingDaysBetweenEpoch(b, a)),
    runs,
  );
  fc.assert(
    fc.property(division, anyDay, count, (div, day, n) => {
      const cal = calendars[div];
      const start = cal.nextWorkingDayEpoch(day);
      return cal.addWorkingDaysEpoch(cal.addWorkingDaysEpoch(start, n), -n) === start;
    }),
    runs,
  );
  fc.assert(
    fc.property(division, anyDay, (div, day) => {
      const cal = calendars[div];
      const next = cal.nextWorkingDayEpoch(day);
      if (!cal.isWorkingDayEpoch(next) || next < day) return false;
      for (let d = day; d < next; d++) if (cal.isWorkingDayEpoch(d)) return false;
      return true;
    }),
    runs,
  );
  t.pass('holds');
});

t.test('ISO and epoch variants agree; explain lists every day of dueDate', async (t) => {
  fc.assert(
    fc.property(division, anyDay, fc.integer({ min: -60, max: 60 }), (div, day, n) => {
      const cal = calendars[div];
      const iso = fromEpochDay(day);
      const due = cal.dueDate(iso, n).date;
      const explained = cal.explain(iso, n);
      return (
        cal.addWorkingDays(iso, n) === fromEpochDay(cal.addWorkingDaysEpoch(day, n)) &&
        cal.workingDaysBetween(iso, due) === cal.workingDaysBetweenEpoch(day, toEpochDay(due)) &&
        due === cal.addWorkingDays(cal.nextWorkingDay(iso), n) &&
        explained.result === due &&
        explained.steps.filter((s) => s.counted).length === Math.abs(n) &&
        explained.steps.length === Math.abs(day - toEpochDay(due))
      );
    }),
    runs,
  );
  t.pass('agree');
});
