import { readFileSync } from 'node:fs';
import t from 'tap';
import {
  DIVISIONS,
  diffFeeds,
  feedCoverage,
  formatFeedDiff,
  planFeedUpdate,
  projectHolidays,
  validateBankHolidayFeed,
  type BankHolidayFeed,
} from '../../../src/domain/calendar/index.ts';

const shipped = validateBankHolidayFeed(
  JSON.parse(readFileSync(new URL('../../../config/bank-holidays/bank-holidays.json', import.meta.url), 'utf8')),
);

/** What GOV.UK publishes today: only recent years, here 2019 to a given last year. */
function liveFeed(lastYear: number): BankHolidayFeed {
  const feed = structuredClone(shipped);
  for (const division of DIVISIONS) {
    feed[division].events = feed[division].events.filter((e) => e.date >= '2019' && e.date < `${lastYear + 1}`);
    for (let year = 2029; year <= lastYear; year++) {
      for (const h of projectHolidays(division, year)) feed[division].events.push({ title: h.title, date: h.date, notes: h.notes, bunting: true });
    }
  }
  return feed;
}

t.test('a live feed with a new year: older years carried over, new holidays listed', async (t) => {
  const plan = planFeedUpdate(shipped, liveFeed(2029));
  if (!plan.ok) return t.fail(plan.reason);
  t.same(feedCoverage(plan.feed), { firstYear: 2011, lastYear: 2029 });
  t.same(plan.carriedOverYears, [2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018]);
  t.equal(plan.diff.removed.length, 0);
  t.equal(plan.diff.added.length, 8 + 9 + 10);
  t.ok(plan.diff.added.every((c) => c.date.startsWith('2029-')));
  t.match(formatFeedDiff(plan.diff)[0], /^\+ england-and-wales 2029-01-01 New Year’s Day$/);
});

t.test('the same data again changes nothing', async (t) => {
  const plan = planFeedUpdate(shipped, liveFeed(2028));
  if (!plan.ok) return t.fail(plan.reason);
  t.same(plan.diff, { added: [], removed: [] });
  t.same(formatFeedDiff(plan.diff), ['no holidays added or removed']);
});

t.test('a feed ending earlier than the shipped data is refused', async (t) => {
  const plan = planFeedUpdate(shipped, liveFeed(2027));
  t.equal(plan.ok, false);
  if (!plan.ok) t.match(plan.reason, /ends in 2027.*runs to 2028/);
});

t.test('a newly announced holiday and a removed one are both reported', async (t) => {
  const incoming = liveFeed(2028);
  incoming['england-and-wales'].events.push({ title: 'Extra bank holiday', date: '2027-06-07', notes: '', bunting: true });
  incoming['northern-ireland'].events = incoming['northern-ireland'].events.filter((e) => e.date !== '2027-07-12');
  const plan = planFeedUpdate(shipped, incoming);
  if (!plan.ok) return t.fail(plan.reason);
  t.same(formatFeedDiff(plan.diff), [
    '+ england-and-wales 2027-06-07 Extra bank holiday',
    '- northern-ireland 2027-07-12 Battle of the Boyne (Orangemen’s Day)',
  ]);
});

t.test('a retitled holiday shows as removed and added', async (t) => {
  const after = structuredClone(shipped);
  after.scotland.events = after.scotland.events.map((e) => (e.date === '2026-06-15' ? { ...e, title: 'World Cup' } : e));
  t.same(diffFeeds(shipped, after), {
    added: [{ division: 'scotland', date: '2026-06-15', title: 'World Cup' }],
    removed: [{ division: 'scotland', date: '2026-06-15', title: 'World Cup bank holiday' }],
  });
});
