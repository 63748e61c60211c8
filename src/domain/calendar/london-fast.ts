// Europe/London without a time-zone library on the hot path (a bulk import reads
// hundreds of thousands of instants): since 1996 the UK changes clocks at 01:00 UTC on the
// last Sundays of March and October. Outside 1996-2099, or for any text this strict parser
// does not take, callers fall back to luxon, whose answers these must equal (tested).

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2})(?::?(\d{2}))?)$/i;
const summer = new Map<number, [number, number]>();

function summerTime(year: number): [number, number] {
  let range = summer.get(year);
  if (range === undefined) {
    const lastSunday = (month: number) => {
      const last = new Date(Date.UTC(year, month + 1, 0));
      return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
    };
    range = [lastSunday(2), lastSunday(9)];
    summer.set(year, range);
  }
  return range;
}

function epochMsOf(instant: Date | string): number | undefined {
  if (instant instanceof Date) return instant.getTime();
  const m = INSTANT.exec(instant);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || s > 59) return undefined;
  const fraction = m[7] ? Number(m[7].slice(0, 4).padEnd(4, '0').slice(1)) : 0;
  const offset = m[8]!.toUpperCase() === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11] ?? 0)) * 60_000;
  return Date.UTC(y, mo - 1, d, h, mi, s, fraction) - offset;
}

/** The London date and minute of the day of an instant; undefined where the fast rules do not apply. */
export function londonPartsFast(instant: Date | string): { date: string; minuteOfDay: number } | undefined {
  const ms = epochMsOf(instant);
  if (ms === undefined || Number.isNaN(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1996 || year > 2099) return undefined;
  const [start, end] = summerTime(year);
  const local = new Date(ms + (ms >= start && ms < end ? 3_600_000 : 0));
  return { date: local.toISOString().slice(0, 10), minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes() };
}
