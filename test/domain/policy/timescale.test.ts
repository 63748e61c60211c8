import { readFileSync } from 'node:fs';
import t from 'tap';
import { buildUkCalendars, fromEpochDay, parseIsoDate, validateBankHolidayFeed } from '../../../src/domain/calendar/index.ts';
import {
  addExtension,
  deadlineFor,
  dueDateFor,
  effectiveReceiptDate,
  escalationWindowCloses,
  type CountingConvention,
  type EscalationWindow,
  type TimeUnit,
} from '../../../src/domain/policy/index.ts';

const feed = validateBankHolidayFeed(
  JSON.parse(readFileSync(new URL('../../../config/bank-holidays/bank-holidays.json', import.meta.url), 'utf8')),
);
const calendars = buildUkCalendars(feed);
const ew = calendars['england-and-wales'];
const scot = calendars.scotland;
const DAY0: CountingConvention = 'day_after_is_day_1';
const DAY1: CountingConvention = 'event_day_is_day_1';

// [what, amount, unit, from, convention, expected date]; England and Wales unless said.
const table: [string, number, TimeUnit, string, CountingConvention, string][] = [
  // Fri 25 Dec 2026 Christmas, Mon 28 Dec Boxing Day substitute, Fri 1 Jan 2027 New Year.
  ['Wed 23 Dec 2026 + 5 wd over Christmas', 5, 'working_days', '2026-12-23', DAY0, '2027-01-04'],
  ['the same with the event day as day 1', 5, 'working_days', '2026-12-23', DAY1, '2026-12-31'],
  ['Fri 18 Dec 2026 + 10 wd', 10, 'working_days', '2026-12-18', DAY0, '2027-01-06'],
  ['Thu 24 Dec 2026 + 1 wd skips four days', 1, 'working_days', '2026-12-24', DAY0, '2026-12-29'],
  ['an event on Sat 26 Dec counts from Tue 29 Dec', 1, 'working_days', '2026-12-26', DAY0, '2026-12-30'],
  ['event day as day 1 from a holiday: the next working day', 1, 'working_days', '2026-12-25', DAY1, '2026-12-29'],
  // Good Friday 26 Mar 2027, Easter Monday 29 Mar 2027.
  ['Thu 25 Mar 2027 + 1 wd over Easter', 1, 'working_days', '2027-03-25', DAY0, '2027-03-30'],
  ['Thu 18 Mar 2027 + 10 wd over Easter', 10, 'working_days', '2027-03-18', DAY0, '2027-04-05'],
  ['Thu 18 Mar 2027 + 20 wd', 20, 'working_days', '2027-03-18', DAY0, '2027-04-19'],
  // Calendar days: a deadline on a closed day moves to the next working day.
  ['Mon 7 Dec 2026 + 5 cd lands on Saturday', 5, 'calendar_days', '2026-12-07', DAY0, '2026-12-14'],
  ['the same with the event day as day 1: Friday', 5, 'calendar_days', '2026-12-07', DAY1, '2026-12-11'],
  ['Thu 10 Dec 2026 + 15 cd lands on Christmas Day', 15, 'calendar_days', '2026-12-10', DAY0, '2026-12-29'],
  ['Sun 6 Dec 2026 + 1 cd counts from Monday', 1, 'calendar_days', '2026-12-06', DAY0, '2026-12-08'],
  // Months: the same date, or the month's last day when it has no such date.
  ['Mon 31 Jan 2028 + 1 month: leap year', 1, 'months', '2028-01-31', DAY0, '2028-02-29'],
  ['Fri 31 Jan 2025 + 1 month: common year', 1, 'months', '2025-01-31', DAY0, '2025-02-28'],
  ['Sun 31 Jan 2027 counts from Mon 1 Feb', 1, 'months', '2027-01-31', DAY0, '2027-03-01'],
  ['Wed 15 Jan 2025 + 1 month is Sat 15 Feb: Monday', 1, 'months', '2025-01-15', DAY0, '2025-02-17'],
  ['the same with the event day as day 1: Fri 14 Feb', 1, 'months', '2025-01-15', DAY1, '2025-02-14'],
  ['Thu 31 Aug 2028 + 6 months: end of February 2029', 6, 'months', '2028-08-31', DAY0, '2029-02-28'],
  ['Mon 30 Nov 2026 + 1 month: 30 Dec', 1, 'months', '2026-11-30', DAY0, '2026-12-30'],
  ['Thu 26 Nov 2026 + 1 month lands on Boxing Day substitute', 1, 'months', '2026-11-26', DAY0, '2026-12-29'],
  ['Wed 25 Oct 2028 + 14 months crosses a year', 14, 'months', '2028-10-25', DAY0, '2029-12-27'],
];

t.test('dueDateFor on the real England and Wales calendar', async (t) => {
  for (const [name, amount, unit, from, convention, expected] of table) {
    t.equal(dueDateFor({ amount, unit }, from, ew, convention).date, expected, name);
  }
});

t.test('the division calendar matters', async (t) => {
  // Scotland also closes on 2 January (a Saturday in 2027, so Monday 4 January).
  t.equal(dueDateFor({ amount: 5, unit: 'working_days' }, '2026-12-23', scot).date, '2027-01-05');
  // Scotland has Good Friday but not Easter Monday.
  t.equal(dueDateFor({ amount: 1, unit: 'working_days' }, '2027-03-25', scot).date, '2027-03-29');
  const closed = ew.withClosureDays(['2026-12-29', '2026-12-30', '2026-12-31']);
  t.equal(dueDateFor({ amount: 5, unit: 'working_days' }, '2026-12-23', closed).date, '2027-01-07', 'landlord closure days count too');
  t.equal(dueDateFor({ amount: 7, unit: 'calendar_days' }, '2026-12-22', closed).date, '2027-01-04', 'a calendar-day deadline on a closure day moves');
});

t.test('results beyond announced bank holidays are provisional', async (t) => {
  // Relative to the shipped feed's last announced day, so a calendar update never breaks it.
  const end = parseIsoDate(ew.dataEndsOn);
  const daysBefore = (n: number) => fromEpochDay(end - n);
  t.equal(dueDateFor({ amount: 1, unit: 'months' }, '2028-01-31', ew).date, '2028-02-29', 'a month after 31 January in a leap year');
  t.same(dueDateFor({ amount: 1, unit: 'months' }, '2025-01-31', ew), { date: '2025-02-28', provisional: false });
  t.same(dueDateFor({ amount: 1, unit: 'months' }, daysBefore(10), ew).provisional, true, 'a month past the feed');
  t.same(dueDateFor({ amount: 5, unit: 'working_days' }, daysBefore(3), ew).provisional, true, 'working days past the feed');
  t.same(dueDateFor({ amount: 5, unit: 'working_days' }, '2026-12-23', ew).provisional, false);
});

t.test('dueDateFor refuses amounts that are not whole and positive', async (t) => {
  for (const amount of [0, -1, 1.5, Number.NaN]) {
    t.throws(() => dueDateFor({ amount, unit: 'working_days' }, '2026-12-23', ew), { code: 'invalid_timescale', kind: 'invalid_input' }, String(amount));
  }
  t.throws(() => dueDateFor({ amount: 1, unit: 'fortnights' as TimeUnit }, '2026-12-23', ew), { code: 'invalid_timescale' });
  t.throws(() => dueDateFor({ amount: 1, unit: 'working_days' }, '2026-02-30', ew), { code: 'invalid_date' });
});

t.test('addExtension counts from the original due date', async (t) => {
  t.same(addExtension('2027-01-06', { amount: 10, unit: 'working_days' }, ew), { date: '2027-01-20', provisional: false });
  t.same(addExtension('2026-12-24', { amount: 10, unit: 'working_days' }, ew).date, '2027-01-12', '29, 30, 31 Dec, then 4 to 8 and 11, 12 Jan');
  t.same(addExtension('2027-01-29', { amount: 1, unit: 'months' }, ew).date, '2027-03-01', 'Sun 28 Feb moves to Monday');
  t.same(addExtension('2027-01-06', { amount: 0, unit: 'working_days' }, ew), { date: '2027-01-06', provisional: false }, 'no extension');
  t.throws(() => addExtension('2027-01-06', { amount: -1, unit: 'working_days' }, ew), { code: 'invalid_timescale' });
});

t.test('deadlineFor waits for the event its clock counts from', async (t) => {
  const respond = { amount: 10, unit: 'working_days' as const, from: 'stage_1_acknowledgement' as const };
  t.equal(deadlineFor(respond, { receipt: '2026-12-18' }, ew), undefined);
  t.same(deadlineFor(respond, { receipt: '2026-12-16', stage_1_acknowledgement: '2026-12-18' }, ew), { date: '2027-01-06', provisional: false });
  t.equal(deadlineFor(respond, { stage_1_acknowledgement: '2026-12-17' }, ew, DAY1)?.date, '2027-01-04');
});

t.test('escalationWindowCloses takes the later of the two windows', async (t) => {
  const spso: EscalationWindow = { amount: 2, unit: 'months', from: 'stage_1_response', orIfLater: { amount: 6, unit: 'months', from: 'issue_occurred' } };
  // 2 months from Mon 5 Oct 2026 is Sat 5 Dec → Mon 7 Dec; 6 months from Tue 1 Sep 2026 is Mon 1 Mar 2027.
  t.equal(escalationWindowCloses(spso, { issue_occurred: '2026-09-01', stage_1_response: '2026-10-05' }, scot)?.date, '2027-03-01');
  t.equal(escalationWindowCloses(spso, { issue_occurred: '2026-03-02', stage_1_response: '2026-10-05' }, scot)?.date, '2026-12-07');
  t.equal(escalationWindowCloses(spso, { issue_occurred: '2026-09-01' }, scot), undefined, 'not before the stage 1 response');
  t.equal(escalationWindowCloses(spso, { stage_1_response: '2026-10-05' }, scot), undefined, 'not while the issue date is unknown');
  const lumen: EscalationWindow = { amount: 25, unit: 'working_days', from: 'stage_1_response', orIfLater: null };
  t.equal(escalationWindowCloses(lumen, { stage_1_response: '2026-12-04' }, ew)?.date, '2027-01-13');
});

t.test('effectiveReceiptDate applies the cut-off in London time', async (t) => {
  t.equal(effectiveReceiptDate('2026-12-24T16:59:00Z', ew, '17:00'), '2026-12-24');
  t.equal(effectiveReceiptDate('2026-12-24T17:00:00Z', ew, '17:00'), '2026-12-29', 'at the cut-off: next working day');
  t.equal(effectiveReceiptDate('2026-12-24T23:30:00Z', ew, null), '2026-12-24', 'no cut-off');
  t.equal(effectiveReceiptDate('2026-12-25T10:00:00Z', ew, null), '2026-12-29', 'a holiday counts from the next working day');
  t.equal(effectiveReceiptDate(new Date('2027-03-31T16:30:00Z'), ew, '17:00'), '2027-04-01', '17:30 BST is after the cut-off');
  t.equal(effectiveReceiptDate('2027-03-31T15:30:00Z', ew, '17:00'), '2027-03-31', '16:30 BST is before it');
});
