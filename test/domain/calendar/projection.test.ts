import { readFileSync } from 'node:fs';
import t from 'tap';
import {
  buildUkCalendars,
  calendarDataWarning,
  DIVISIONS,
  easterSunday,
  fromEpochDay,
  projectHolidays,
  validateBankHolidayFeed,
} from '../../../src/domain/calendar/index.ts';

const feed = validateBankHolidayFeed(
  JSON.parse(readFileSync(new URL('../../../config/bank-holidays/bank-holidays.json', import.meta.url), 'utf8')),
);
const calendars = buildUkCalendars(feed);

t.test('Easter Sunday by the computus', async (t) => {
  const known = ['2008-03-23', '2011-04-24', '2019-04-21', '2020-04-12', '2022-04-17', '2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16', '2038-04-25', '2285-03-22'];
  for (const date of known) t.equal(fromEpochDay(easterSunday(Number(date.slice(0, 4)))), date);
});

// Where GOV.UK's announced days differ from the standing rules: one-offs and moved days.
const KNOWN: Record<string, { onlyProjected: string[]; onlyShipped: string[] }> = {
  2012: { onlyProjected: ['2012-05-28'], onlyShipped: ['2012-06-04', '2012-06-05'] },
  2020: { onlyProjected: ['2020-05-04'], onlyShipped: ['2020-05-08'] },
  2022: { onlyProjected: ['2022-05-30'], onlyShipped: ['2022-06-02', '2022-06-03', '2022-09-19'] },
  2023: { onlyProjected: [], onlyShipped: ['2023-05-08'] },
};

t.test('the rules reproduce the shipped data except the known one-offs', async (t) => {
  for (const division of DIVISIONS) {
    for (let year = 2012; year <= 2027; year++) {
      const projected = projectHolidays(division, year);
      const shipped = feed[division].events.filter((e) => e.date.startsWith(`${year}-`));
      const p = new Set(projected.map((h) => h.date));
      const s = new Set(shipped.map((e) => e.date));
      const known = KNOWN[year] ?? { onlyProjected: [], onlyShipped: [] };
      const onlyShipped = division === 'scotland' && year === 2026 ? ['2026-06-15'] : known.onlyShipped;
      t.same([...p].filter((d) => !s.has(d)), known.onlyProjected, `${division} ${year}: projected, not announced`);
      t.same([...s].filter((d) => !p.has(d)), onlyShipped, `${division} ${year}: announced, not projected`);
      for (const h of projected) {
        const e = shipped.find((x) => x.date === h.date);
        // GOV.UK named Scotland's 2023 pair the other way round from 2012 and 2017; the dates agree.
        if (e === undefined || (division === 'scotland' && year === 2023)) continue;
        t.equal(`${e.title}|${e.notes}`, `${h.title}|${h.notes}`, `${division} ${h.date} title and notes`);
      }
    }
  }
});

t.test('years past the data are projected and provisional', async (t) => {
  const ew = calendars['england-and-wales'];
  t.equal(ew.dataEndsOn, '2027-12-31');
  t.ok(ew.holidaysInYear(2027).every((h) => !h.provisional));
  t.ok(ew.holidaysInYear(2028).every((h) => h.provisional));
  t.ok(ew.holidaysInYear(2011).every((h) => h.provisional), 'years before the data are projected too');
  // 2028: 1 Jan Saturday → Mon 3; Easter 16 Apr; 1 May; 29 May; 28 Aug; 25-26 Dec Mon-Tue
  t.same(ew.holidaysInYear(2028).map((h) => h.date), ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26']);
  // Scotland 2028: 1-2 Jan Sat-Sun → Mon 3, Tue 4; first Monday of August 7; St Andrew Thu 30 Nov
  t.same(calendars.scotland.holidaysInYear(2028).map((h) => h.date), ['2028-01-03', '2028-01-04', '2028-04-14', '2028-05-01', '2028-05-29', '2028-08-07', '2028-11-30', '2028-12-25', '2028-12-26']);
  // Northern Ireland 2028: 17 Mar Friday, 12 Jul Wednesday
  t.same(calendars['northern-ireland'].holidaysInYear(2028).filter((h) => /Patrick|Boyne/.test(h.title)).map((h) => h.date), ['2028-03-17', '2028-07-12']);
  t.equal(ew.isProvisional('2027-12-31'), false);
  t.equal(ew.isProvisional('2028-01-01'), true);
  t.equal(ew.isProvisional('2011-12-31'), true);
  // Mon 20 Dec 2027 + 10: 21-24 (4), 27-28 substitutes, 29-31 (7), 3 Jan 2028 projected New Year sub, 4,5,6 (10)
  t.same(ew.dueDate('2027-12-20', 10), { date: '2028-01-06', provisional: true });
  t.same(ew.dueDate('2027-12-01', 5), { date: '2027-12-08', provisional: false });
  t.equal(ew.explain('2027-12-20', 10).provisional, true);
  t.equal(ew.isProvisionalBetween('2027-06-01', '2027-12-31'), false);
});

t.test('calendarDataWarning when the data ends within 12 months', async (t) => {
  t.equal(calendarDataWarning(feed, '2025-06-01'), null);
  t.equal(calendarDataWarning(feed, '2026-12-31'), null, 'exactly 12 months left');
  t.match(calendarDataWarning(feed, '2027-01-01'), /ends on 2027-12-31/);
  t.match(calendarDataWarning(feed, '2028-02-29'), /ended on 2027-12-31/);
  t.throws(() => calendarDataWarning(feed, '2027-02-29'), { code: 'invalid_date' });
});
