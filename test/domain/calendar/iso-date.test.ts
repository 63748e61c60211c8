import t from 'tap';
import {
  CalendarError,
  civilFromEpochDay,
  epochDayFromCivil,
  fromEpochDay,
  isIsoDate,
  parseIsoDate,
  weekdayOf,
} from '../../../src/domain/calendar/index.ts';

t.test('parses real dates to epoch days', async (t) => {
  const cases: Array<[string, number]> = [
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2024-02-29', 19782], // leap day
    ['2026-06-15', 20619],
  ];
  for (const [date, day] of cases) {
    t.equal(parseIsoDate(date), day, date);
    t.equal(fromEpochDay(day), date, `${day} back to ${date}`);
  }
});

t.test('rejects impossible or malformed dates with invalid_date', async (t) => {
  const bad: unknown[] = [
    '2025-02-30', // February never has 30 days
    '2023-02-29', // 2023 is not a leap year
    '1900-02-29', // divisible by 100, not by 400: not leap
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-1',
    '20250101',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '2025-01-01 ',
    '',
    '٢٠٢٥-٠١-٠١',
    20250101,
    null,
    undefined,
  ];
  for (const value of bad) {
    t.throws(() => parseIsoDate(value), { code: 'invalid_date' }, JSON.stringify(value) ?? 'undefined');
    t.notOk(isIsoDate(value));
  }
  t.ok(isIsoDate('2000-02-29'), '2000 is a leap year (divisible by 400)');
  t.type(
    (() => {
      try {
        parseIsoDate('2025-02-30');
      } catch (e) {
        return e;
      }
    })(),
    CalendarError,
  );
});

t.test('epoch-day arithmetic agrees with the UTC calendar for every day 1900-2200', async (t) => {
  let mismatches = 0;
  for (let day = epochDayFromCivil(1900, 1, 1); day <= epochDayFromCivil(2200, 12, 31); day++) {
    const utc = new Date(day * 86_400_000);
    const civil = civilFromEpochDay(day);
    if (
      civil.year !== utc.getUTCFullYear() ||
      civil.month !== utc.getUTCMonth() + 1 ||
      civil.day !== utc.getUTCDate() ||
      weekdayOf(day) !== (utc.getUTCDay() || 7) ||
      parseIsoDate(fromEpochDay(day)) !== day
    ) {
      mismatches++;
    }
  }
  t.equal(mismatches, 0);
});

t.test('weekday of known dates (1 = Monday … 7 = Sunday)', async (t) => {
  const cases: Array<[string, number]> = [
    ['1970-01-01', 4], // Thursday
    ['2000-01-01', 6], // Saturday
    ['2024-02-29', 4], // Thursday
    ['2026-06-15', 1], // Monday
    ['2027-12-26', 7], // Sunday
  ];
  for (const [date, weekday] of cases) t.equal(weekdayOf(parseIsoDate(date)), weekday, date);
});
