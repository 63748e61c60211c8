import { readFileSync } from 'node:fs';
import t from 'tap';
import { DIVISIONS, feedCoverage, parseIsoDate, serializeFeed, validateBankHolidayFeed, weekdayOf } from '../../../src/domain/calendar/index.ts';

const fileText = readFileSync(new URL('../../../config/bank-holidays/bank-holidays.json', import.meta.url), 'utf8');
const raw = JSON.parse(fileText) as Record<string, { division: string; events: Array<Record<string, unknown>> }>;
const feed = validateBankHolidayFeed(raw);
const clone = (): typeof raw => structuredClone(raw);

t.test('the shipped file is a valid feed in canonical form', async (t) => {
  t.equal(serializeFeed(feed), fileText, 'pretty-printed, divisions in order, events sorted by date');
  t.same(feedCoverage(feed), { firstYear: 2011, lastYear: 2028 });
  for (const division of DIVISIONS) {
    for (const e of feed[division].events) {
      t.ok(weekdayOf(parseIsoDate(e.date)) <= 5, `${division} ${e.date} ${e.title} falls on a weekday`);
    }
  }
});

t.test('one-offs are in every division; the World Cup day only in Scotland', async (t) => {
  const oneOffs: Array<[string, string]> = [
    ['2011-04-29', 'Royal wedding'],
    ['2012-06-05', 'Queen’s Diamond Jubilee'],
    ['2020-05-08', 'Early May bank holiday (VE day)'],
    ['2022-06-03', 'Platinum Jubilee bank holiday'],
    ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
    ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
  ];
  for (const division of DIVISIONS) {
    for (const [date, title] of oneOffs) t.ok(feed[division].events.some((e) => e.date === date && e.title === title), `${division} ${date}`);
    t.equal(feed[division].events.some((e) => e.date === '2026-06-15'), division === 'scotland', `${division} 2026-06-15`);
  }
  t.same(
    feed.scotland.events.find((e) => e.date === '2026-06-15'),
    { title: 'World Cup bank holiday', date: '2026-06-15', notes: '', bunting: true },
    "GOV.UK's title for the 2026 proclamation",
  );
});

t.test("2011's substitutes: New Year on a Saturday, Christmas on a Sunday", async (t) => {
  const of = (division: (typeof DIVISIONS)[number]) =>
    feed[division].events.filter((e) => e.date.startsWith('2011-')).map((e) => `${e.date} ${e.title}${e.notes ? ` (${e.notes})` : ''}`);
  t.same(of('scotland'), [
    '2011-01-03 New Year’s Day (Substitute day)',
    '2011-01-04 2nd January (Substitute day)',
    '2011-04-22 Good Friday',
    '2011-04-29 Royal wedding',
    '2011-05-02 Early May bank holiday',
    '2011-05-30 Spring bank holiday',
    '2011-08-01 Summer bank holiday',
    '2011-11-30 St Andrew’s Day',
    '2011-12-26 Boxing Day',
    '2011-12-27 Christmas Day (Substitute day)',
  ]);
  t.same(
    of('northern-ireland').filter((e) => /Patrick|Boyne|Easter/.test(e)),
    ['2011-03-17 St Patrick’s Day', '2011-04-25 Easter Monday', '2011-07-12 Battle of the Boyne (Orangemen’s Day)'],
  );
});

t.test('number of holidays per year', async (t) => {
  // E&W 8 a year, Scotland 9, Northern Ireland 10; one-offs add to that (a moved day does not).
  const extra: Record<string, number> = { 2011: 1, 2012: 1, 2022: 2, 2023: 1 };
  const base = { 'england-and-wales': 8, scotland: 9, 'northern-ireland': 10 } as const;
  for (const division of DIVISIONS) {
    for (let year = 2011; year <= 2028; year++) {
      const n = feed[division].events.filter((e) => e.date.startsWith(`${year}-`)).length;
      const expected = base[division] + (extra[year] ?? 0) + (division === 'scotland' && year === 2026 ? 1 : 0);
      t.equal(n, expected, `${division} ${year}`);
    }
  }
});

t.test('invalid feeds are refused naming the offending path', async (t) => {
  const cases: Array<[string, (f: ReturnType<typeof clone>) => unknown, RegExp]> = [
    ['not an object', () => [], /^\(root\)/],
    ['missing division', (f) => { delete (f as Record<string, unknown>).scotland; return f; }, /^scotland: /],
    ['wrong division name', (f) => { f['northern-ireland']!.division = 'ni'; return f; }, /^northern-ireland\.division/],
    ['events not an array', (f) => { (f.scotland as Record<string, unknown>).events = {}; return f; }, /^scotland\.events: /],
    ['empty events', (f) => { f.scotland!.events = []; return f; }, /^scotland\.events: /],
    ['impossible date', (f) => { f.scotland!.events[3]!.date = '2012-02-30'; return f; }, /^scotland\.events\[3\]\.date: /],
    ['date with time', (f) => { f.scotland!.events[3]!.date = '2012-05-07T00:00:00Z'; return f; }, /^scotland\.events\[3\]\.date: /],
    ['numeric date', (f) => { f.scotland!.events[3]!.date = 20120507; return f; }, /^scotland\.events\[3\]\.date: /],
    ['empty title', (f) => { f['england-and-wales']!.events[0]!.title = ' '; return f; }, /^england-and-wales\.events\[0\]\.title: /],
    ['missing title', (f) => { delete f['england-and-wales']!.events[0]!.title; return f; }, /^england-and-wales\.events\[0\]\.title: /],
    ['notes not a string', (f) => { f.scotland!.events[1]!.notes = 1; return f; }, /^scotland\.events\[1\]\.notes: /],
    ['bunting not a boolean', (f) => { f.scotland!.events[1]!.bunting = 'yes'; return f; }, /^scotland\.events\[1\]\.bunting: /],
    ['event not an object', (f) => { (f.scotland!.events as unknown[])[2] = 'Good Friday'; return f; }, /^scotland\.events\[2\]: /],
    [
      'duplicate date',
      (f) => { f.scotland!.events.push({ ...f.scotland!.events[0]!, title: 'Again' }); return f; },
      /^scotland\.events\[\d+\]\.date: 2011-01-03 is already listed at scotland\.events\[0\]/,
    ],
  ];
  for (const [name, mutate, message] of cases) {
    t.throws(() => validateBankHolidayFeed(mutate(clone())), { code: 'invalid_feed', message }, name);
  }
});

t.test('validation sorts events and drops unknown keys', async (t) => {
  const f = clone();
  f.scotland!.events.reverse();
  (f as Record<string, unknown>).wales = { division: 'wales', events: [] };
  const valid = validateBankHolidayFeed(f);
  t.equal(valid.scotland.events[0]?.date, '2011-01-03');
  t.same(Object.keys(valid), [...DIVISIONS]);
});
