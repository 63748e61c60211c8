import { readFileSync } from 'node:fs';
import t from 'tap';
import { buildUkCalendars, validateBankHolidayFeed } from '../../../src/domain/calendar/index.ts';

const feed = validateBankHolidayFeed(
  JSON.parse(readFileSync(new URL('../../../config/bank-holidays/bank-holidays.json', import.meta.url), 'utf8')),
);
const calendars = buildUkCalendars(feed);
const ew = calendars['england-and-wales'];
const landlord = ew.withClosureDays(['2025-12-31', '2025-12-29', '2025-12-30']);

t.test('closure days are layered on the division', async (t) => {
  // Wed 24 Dec 2025 + 1: 25-26 holidays, 27-28 weekend, 29-31 closure, 1 Jan New Year, Fri 2 Jan
  t.equal(landlord.addWorkingDays('2025-12-24', 1), '2026-01-02');
  t.equal(ew.addWorkingDays('2025-12-24', 1), '2025-12-29', 'the division calendar itself is unchanged');
  t.equal(landlord.isWorkingDay('2025-12-30'), false);
  t.equal(landlord.nextWorkingDay('2025-12-29'), '2026-01-02');
  t.equal(landlord.workingDaysBetween('2025-12-24', '2026-01-02'), 1);
  t.equal(landlord.addWorkingDays('2026-01-02', -1), '2025-12-24');
  t.same(landlord.closureDays, ['2025-12-29', '2025-12-30', '2025-12-31'], 'sorted');
  t.equal(landlord.division, 'england-and-wales');
});

t.test('explain names closure days and holidays apart', async (t) => {
  const reasons = landlord.explain('2025-12-24', 1).steps.map((s) => [s.date, s.reason ?? s.workingDayNumber, s.holiday]);
  t.same(reasons, [
    ['2025-12-25', 'bank_holiday', 'Christmas Day'],
    ['2025-12-26', 'bank_holiday', 'Boxing Day'],
    ['2025-12-27', 'weekend', undefined],
    ['2025-12-28', 'weekend', undefined],
    ['2025-12-29', 'closure_day', undefined],
    ['2025-12-30', 'closure_day', undefined],
    ['2025-12-31', 'closure_day', undefined],
    ['2026-01-01', 'bank_holiday', 'New Year’s Day'],
    ['2026-01-02', 1, undefined],
  ]);
});

t.test('layering again adds to the closure days; a closure day on a holiday stays a holiday', async (t) => {
  const more = landlord.withClosureDays(['2026-01-02', '2025-12-25', '2025-12-29']);
  t.same(more.closureDays, ['2025-12-25', '2025-12-29', '2025-12-30', '2025-12-31', '2026-01-02']);
  t.equal(more.addWorkingDays('2025-12-24', 1), '2026-01-05', 'Fri 2 Jan closed too, weekend, Mon 5');
  t.equal(more.explain('2025-12-24', 1).steps[0]?.reason, 'bank_holiday');
  t.equal(more.explain('2025-12-24', 1).steps.at(-2)?.reason, 'weekend');
});

t.test('closure days apply on top of each division', async (t) => {
  const scot = calendars.scotland.withClosureDays(['2025-01-03']);
  // Tue 31 Dec 2024: 1 and 2 Jan holidays, Fri 3 closed, weekend, Mon 6
  t.equal(scot.addWorkingDays('2024-12-31', 1), '2025-01-06');
  const ni = calendars['northern-ireland'].withClosureDays(['2025-07-11']);
  // Thu 10 Jul 2025: Fri 11 closed, weekend, Mon 14 Boyne substitute, Tue 15
  t.equal(ni.addWorkingDays('2025-07-10', 1), '2025-07-15');
});

t.test('invalid closure days are refused', async (t) => {
  t.throws(() => ew.withClosureDays(['2025-02-30']), { code: 'invalid_date' });
  t.throws(() => ew.withClosureDays(['1999-12-31']), { code: 'out_of_range' });
});
