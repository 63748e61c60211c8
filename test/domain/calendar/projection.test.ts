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
  2011: { onlyProjected: [], onlyShipped: ['2011-04-29'] },
  2012: { onlyProjected: ['2012-05-28'], onlyShipped: ['2012-06-04', '2012-06-05'] },
  2020: { onlyProjected: ['2020-05-04'], onlyShipped: ['2020-05-08'] },
  2022: { onlyProjected: ['2022-05-30'], onlyShipped: ['2022-06-02', '2022-06-03', '2022-09-19'] },
  2023: { onlyProjected: [], onlyShipped: ['2023-05-08'] },
};

t.test('the rules reproduce the shipped data except the known one-offs', async (t) => {
  for (const division of DIVISIONS) {
    for (let year = 2011; year <= 2028; year++) {
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

t.test('years outside the data are projected and provisional', async (t) => {
  const ew = calendars['england-and-wales'];
  t.equal(ew.dataStartsOn, '2011-01-01');
  t.equal(ew.dataEndsOn, '2028-12-31');
  t.ok(ew.holidaysInYear(2028).every((h) => !h.provisional));
  t.ok(ew.holidaysInYear(2011).every((h) => !h.provisional));
  t.ok(ew.holidaysInYear(2029).every((h) => h.provisional));
  t.ok(ew.holidaysInYear(2010).every((h) => h.provisional), 'years before the data are projected too');
  // 2029: 1 Jan Monday; Easter 1 Apr; 7 May; 28 May; 27 Aug; 25-26 Dec Tue-Wed
  t.same(ew.holidaysInYear(2029).map((h) => h.date), ['2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26']);
  // Scotland 2029: 2 Jan Tuesday; first Monday of August 6; St Andrew Fri 30 Nov
  t.same(calendars.scotland.holidaysInYear(2029).map((h) => h.date), ['2029-01-01', '2029-01-02', '2029-03-30', '2029-05-07', '2029-05-28', '2029-08-06', '2029-11-30', '2029-12-25', '2029-12-26']);
  // Northern Ireland 2029: 17 Mar Saturday → Mon 19, 12 Jul Thursday
  t.same(calendars['northern-ireland'].holidaysInYear(2029).filter((h) => /Patrick|Boyne/.test(h.title)).map((h) => h.date), ['2029-03-19', '2029-07-12']);
  t.equal(ew.isProvisional('2028-12-31'), false);
  t.equal(ew.isProvisional('2029-01-01'), true);
  t.equal(ew.isProvisional('2010-12-31'), true);
  t.equal(ew.isProvisional('2011-01-01'), false);
  // Wed 20 Dec 2028 + 10: 21, 22 (2), 25-26 holidays, 27-29 (5), 1 Jan 2029 projected New Year, 2-5 (9), 8 (10)
  t.same(ew.dueDate('2028-12-20', 10), { date: '2029-01-08', provisional: true });
  t.same(ew.dueDate('2028-12-01', 5), { date: '2028-12-08', provisional: false });
  t.same(ew.dueDate('2011-01-04', -2), { date: '2010-12-30', provisional: true }, 'back past the start of the data: 3 Jan 2011 substitute, 31 Dec (1), 30 Dec (2)');
  t.equal(ew.explain('2028-12-20', 10).provisional, true);
  t.equal(ew.isProvisionalBetween('2028-06-01', '2028-12-31'), false);
});

t.test('calendarDataWarning when the data ends within 12 months', async (t) => {
  t.equal(calendarDataWarning(feed, '2026-12-01'), null);
  t.equal(calendarDataWarning(feed, '2027-12-31'), null, 'exactly 12 months left');
  t.match(calendarDataWarning(feed, '2028-01-01'), /ends on 2028-12-31/);
  t.match(calendarDataWarning(feed, '2029-01-01'), /ended on 2028-12-31/);
  t.throws(() => calendarDataWarning(feed, '2027-02-29'), { code: 'invalid_date' });
});
