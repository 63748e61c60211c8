import { readFileSync } from 'node:fs';
import t from 'tap';
import { buildUkCalendars, londonDateOf, receiptDate, validateBankHolidayFeed } from '../../../src/domain/calendar/index.ts';

const feed = validateBankHolidayFeed(
  JSON.parse(readFileSync(new URL('../../../config/bank-holidays/bank-holidays.json', import.meta.url), 'utf8')),
);
const calendars = buildUkCalendars(feed);
const ew = calendars['england-and-wales'];

t.test('londonDateOf across the clock changes', async (t) => {
  const cases: Array<[string | Date, string, string]> = [
    ['2026-03-28T23:30:00Z', '2026-03-28', 'Sat 23:30 GMT'],
    ['2026-03-29T00:59:59Z', '2026-03-29', '00:59:59 GMT, just before clocks go forward'],
    ['2026-03-29T01:00:00Z', '2026-03-29', '02:00 BST'],
    ['2026-03-29T23:30:00Z', '2026-03-30', '00:30 BST on Monday 30 March'],
    ['2026-10-24T23:30:00Z', '2026-10-25', '00:30 BST on Sunday 25 October'],
    ['2026-10-25T00:30:00Z', '2026-10-25', '01:30 BST (first pass)'],
    ['2026-10-25T01:30:00Z', '2026-10-25', '01:30 GMT (second pass)'],
    ['2026-10-25T23:30:00Z', '2026-10-25', '23:30 GMT on the 25th'],
    ['2025-06-30T22:59:59Z', '2025-06-30', '23:59:59 BST'],
    ['2025-06-30T23:00:00Z', '2025-07-01', 'midnight BST'],
    ['2025-12-31T23:59:59Z', '2025-12-31', 'GMT equals UTC in winter'],
    ['2026-03-30T00:30:00+01:00', '2026-03-30', 'explicit BST offset'],
    ['2026-03-29T19:30:00-05:00', '2026-03-30', 'New York evening is London next day 01:30 BST'],
    [new Date(Date.UTC(2026, 2, 29, 23, 30)), '2026-03-30', 'a Date object'],
  ];
  for (const [instant, date, why] of cases) t.equal(londonDateOf(instant), date, `${String(instant)}: ${why}`);
});

t.test('instants must carry an offset', async (t) => {
  for (const bad of ['2026-03-30T00:30:00', '2026-03-30', 'yesterday', '2026-02-30T10:00:00Z']) {
    t.throws(() => londonDateOf(bad), { code: 'invalid_time' }, bad);
  }
  t.throws(() => londonDateOf(new Date(Number.NaN)), { code: 'invalid_time' });
});

t.test('receiptDate: day 0 of a clock', async (t) => {
  const cases: Array<[string, string | undefined, string, string]> = [
    ['2026-03-02T10:00:00Z', undefined, '2026-03-02', 'Monday morning'],
    ['2026-03-27T16:59:00Z', '17:00', '2026-03-27', 'Fri 16:59 GMT, before the cut-off'],
    ['2026-03-27T17:00:00Z', '17:00', '2026-03-30', 'Fri 17:00 GMT, at the cut-off: Monday'],
    ['2026-03-30T15:59:59Z', '17:00', '2026-03-30', 'Mon 16:59:59 BST'],
    ['2026-03-30T16:00:00Z', '17:00', '2026-03-31', 'Mon 17:00 BST (16:00 UTC) is after the cut-off'],
    ['2026-03-28T09:00:00Z', undefined, '2026-03-30', 'Saturday counts as Monday'],
    ['2026-03-28T09:00:00Z', '17:00', '2026-03-30', 'Saturday morning with a cut-off: Monday'],
    ['2026-03-29T23:30:00Z', '17:00', '2026-03-30', '00:30 BST Monday, before the cut-off'],
    ['2026-10-25T23:30:00Z', undefined, '2026-10-26', 'Sunday 23:30 GMT: Monday'],
    ['2026-10-25T23:30:00Z', '17:00', '2026-10-26', 'Sunday evening after the cut-off: still Monday'],
    ['2026-12-24T17:30:00Z', '17:00', '2026-12-29', 'Thu 24 Dec after cut-off: 25 Christmas, weekend, 28 Boxing sub, Tue 29'],
    ['2026-04-03T10:00:00+01:00', undefined, '2026-04-07', 'Good Friday: Easter Monday too, Tuesday'],
    ['2026-03-02T00:00:00Z', '00:00', '2026-03-03', 'a 00:00 cut-off moves everything'],
  ];
  for (const [instant, cutOff, expected, why] of cases) t.equal(receiptDate(instant, ew, cutOff), expected, `${instant}: ${why}`);
  t.equal(receiptDate('2026-04-03T10:00:00+01:00', calendars.scotland), '2026-04-06', 'no Easter Monday in Scotland');
  t.equal(receiptDate('2026-06-15T09:00:00+01:00', calendars.scotland), '2026-06-16', 'World Cup day in Scotland');
  t.equal(receiptDate('2026-06-15T09:00:00+01:00', ew), '2026-06-15');
});

t.test('bad cut-offs are refused', async (t) => {
  for (const bad of ['24:00', '5pm', '17:0', '17:60', '']) {
    t.throws(() => receiptDate('2026-03-02T18:00:00Z', ew, bad), { code: 'invalid_time' }, bad);
  }
});
