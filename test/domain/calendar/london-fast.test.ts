import fc from 'fast-check';
import { DateTime } from 'luxon';
import t from 'tap';
import { londonPartsFast } from '../../../src/domain/calendar/london-fast.ts';

// The fast London rules must give luxon's (the IANA database's) answer for every instant
// they accept, around the clock changes above all; text they refuse goes to luxon.
const luxon = (instant: Date | string) => {
  const dt = instant instanceof Date ? DateTime.fromJSDate(instant, { zone: 'Europe/London' }) : DateTime.fromISO(instant, { zone: 'Europe/London', setZone: false });
  return { date: dt.toISODate(), minuteOfDay: dt.hour * 60 + dt.minute };
};

t.test('equals luxon on random instants 1996-2099, as Date and as text with offsets', async (t) => {
  const ms = fc.integer({ min: Date.UTC(1996, 0, 1, 1), max: Date.UTC(2099, 11, 31, 12) });
  fc.assert(
    fc.property(ms, fc.integer({ min: -14 * 4, max: 14 * 4 }), (at, quarterHours) => {
      const date = new Date(at);
      const offsetMin = quarterHours * 15;
      const local = new Date(at + offsetMin * 60_000).toISOString().slice(0, 19);
      const sign = offsetMin < 0 ? '-' : '+';
      const abs = Math.abs(offsetMin);
      const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      t.same(londonPartsFast(date), luxon(date));
      t.same(londonPartsFast(text), luxon(text));
    }),
    { numRuns: 3000 },
  );
});

t.test('around the 2025 clock changes, and what it leaves to luxon', async (t) => {
  for (const text of ['2025-03-30T00:59:59Z', '2025-03-30T01:00:00Z', '2025-10-26T00:59:59Z', '2025-10-26T01:00:00Z', '2025-06-02T23:30:00Z', '2025-12-31T23:59:00Z']) {
    t.same(londonPartsFast(text), luxon(text), text);
  }
  t.same(londonPartsFast('2025-03-30T01:00:00Z'), { date: '2025-03-30', minuteOfDay: 120 });
  for (const text of ['2025-02-30T10:00:00Z', '2025-06-02T10:00:00', '1990-06-02T10:00:00Z', 'yesterday', '2025-06-02T24:00:00Z']) t.equal(londonPartsFast(text), undefined, text);
});
