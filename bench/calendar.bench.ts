import { readFileSync } from 'node:fs';
import {
  buildUkCalendars,
  buildWorkingDayCalendar,
  DIVISIONS,
  epochDayFromCivil,
  feedCoverage,
  fromEpochDay,
  parseIsoDate,
  projectHolidays,
  validateBankHolidayFeed,
  type Holiday,
} from '../src/domain/calendar/index.ts';

const feed = validateBankHolidayFeed(
  JSON.parse(readFileSync(new URL('../config/bank-holidays/bank-holidays.json', import.meta.url), 'utf8')),
);
const calendars = buildUkCalendars(feed);
const cal = calendars['england-and-wales'];

// Starting days spread over 2015-2035 so that the branch predictor sees no pattern.
const STARTS = 4096;
const starts = new Int32Array(STARTS);
let seed = 12345;
const first = epochDayFromCivil(2015, 1, 1);
for (let i = 0; i < STARTS; i++) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  starts[i] = first + (seed % 7300);
}
const isoStarts = Array.from(starts, fromEpochDay);

// The naive loop as usually written: step a Date one day at a time, skip weekends and
// any day whose ISO string is in the set of bank holidays.
const holidaySet = new Set(Array.from({ length: 101 }, (_, i) => cal.holidaysInYear(2000 + i).map((h) => h.date)).flat());
const DAY_MS = 86_400_000;
function naiveWorking(ms: number): boolean {
  const wd = new Date(ms).getUTCDay();
  return wd !== 0 && wd !== 6 && !holidaySet.has(new Date(ms).toISOString().slice(0, 10));
}
function naiveAdd(day: number, n: number): number {
  let ms = day * DAY_MS;
  for (let left = n; left > 0; ) {
    ms += DAY_MS;
    if (naiveWorking(ms)) left--;
  }
  return ms / DAY_MS;
}
function naiveBetween(a: number, b: number): number {
  let count = 0;
  for (let ms = (a + 1) * DAY_MS; ms <= b * DAY_MS; ms += DAY_MS) if (naiveWorking(ms)) count++;
  return count;
}
// The same walk over the precomputed index (a far stronger baseline).
function indexedWalkAdd(day: number, n: number): number {
  let d = day;
  for (let left = n; left > 0; ) {
    d++;
    if (cal.isWorkingDayEpoch(d)) left--;
  }
  return d;
}

function measure(run: (iterations: number) => number, minMs = 300): number {
  run(2000); // warm up
  let iterations = 1000;
  for (;;) {
    const t0 = performance.now();
    const checksum = run(iterations);
    const ms = performance.now() - t0;
    if (checksum === -1) console.log('impossible checksum');
    if (ms >= minMs) return (iterations / ms) * 1000;
    iterations *= 2;
  }
}

const fmt = (opsPerSec: number): string =>
  (opsPerSec >= 1e5 ? `${(opsPerSec / 1e6).toFixed(2)} M/s` : `${(opsPerSec / 1e3).toFixed(2)} k/s`).padStart(12);
const rows: string[] = [];
for (const n of [1, 20, 250]) {
  const epochAdd = measure((it) => {
    let sum = 0;
    for (let i = 0; i < it; i++) sum += cal.addWorkingDaysEpoch(starts[i & (STARTS - 1)]!, n);
    return sum;
  });
  const epochBetween = measure((it) => {
    let sum = 0;
    for (let i = 0; i < it; i++) {
      const a = starts[i & (STARTS - 1)]!;
      sum += cal.workingDaysBetweenEpoch(a, a + n);
    }
    return sum;
  });
  const isoAdd = measure((it) => {
    let sum = 0;
    for (let i = 0; i < it; i++) sum += cal.addWorkingDays(isoStarts[i & (STARTS - 1)]!, n).length;
    return sum;
  });
  // What GET /v1/calendar/working-days/add runs: domain §4's count from day 0, ISO in and out.
  const isoDue = measure((it) => {
    let sum = 0;
    for (let i = 0; i < it; i++) sum += cal.dueDate(isoStarts[i & (STARTS - 1)]!, n).date.length;
    return sum;
  });
  const isoBetween = measure((it) => {
    let sum = 0;
    for (let i = 0; i < it; i++) {
      const a = isoStarts[i & (STARTS - 1)]!;
      sum += cal.workingDaysBetween(a, isoStarts[(i + 1) & (STARTS - 1)]!);
    }
    return sum;
  });
  const naiveAddOps = measure((it) => {
    let sum = 0;
    for (let i = 0; i < it; i++) sum += naiveAdd(starts[i & (STARTS - 1)]!, n);
    return sum;
  });
  const naiveBetweenOps = measure((it) => {
    let sum = 0;
    for (let i = 0; i < it; i++) {
      const a = starts[i & (STARTS - 1)]!;
      sum += naiveBetween(a, a + n);
    }
    return sum;
  });
  const walkOps = measure((it) => {
    let sum = 0;
    for (let i = 0; i < it; i++) sum += indexedWalkAdd(starts[i & (STARTS - 1)]!, n);
    return sum;
  });
  rows.push(
    `n=${String(n).padEnd(4)} add epoch ${fmt(epochAdd)}  add ISO ${fmt(isoAdd)}  naive add ${fmt(naiveAddOps)}  epoch/naive ${Math.round(epochAdd / naiveAddOps)}x  ISO/naive ${Math.round(isoAdd / naiveAddOps)}x  indexed walk ${fmt(walkOps)} (epoch/walk ${Math.round(epochAdd / walkOps)}x)`,
    `       dueDate ISO ${fmt(isoDue)}`,
    `       between epoch ${fmt(epochBetween)}  between ISO ${fmt(isoBetween)}  naive between ${fmt(naiveBetweenOps)}  epoch/naive ${Math.round(epochBetween / naiveBetweenOps)}x  ISO/naive ${Math.round(isoBetween / naiveBetweenOps)}x`,
  );
}
console.log(`calendar benchmark, node ${process.version}, England and Wales, starts spread over 2015-2035`);
for (const row of rows) console.log(row);

// Index build per division: holidays for 2000-2100 prepared as buildUkCalendars does, then the build timed alone.
const { firstYear, lastYear } = feedCoverage(feed);
for (const division of DIVISIONS) {
  const holidays: Holiday[] = feed[division].events.map((e) => ({ date: e.date, title: e.title, provisional: false }));
  for (let y = 2000; y <= 2100; y++) {
    if (y < firstYear || y > lastYear) for (const h of projectHolidays(division, y)) holidays.push({ date: h.date, title: h.title, provisional: true });
  }
  for (let i = 0; i < 20; i++) buildWorkingDayCalendar({ division, holidays });
  const runs = 50;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) buildWorkingDayCalendar({ division, holidays });
  const buildMs = (performance.now() - t0) / runs;
  const t1 = performance.now();
  for (let i = 0; i < 10; i++) buildUkCalendars(feed);
  const allMs = (performance.now() - t1) / 10;
  console.log(`build ${division.padEnd(18)} index ${buildMs.toFixed(2)} ms (all three divisions with projection: ${allMs.toFixed(2)} ms)`);
}
if (parseIsoDate('2000-01-01') !== 10957) throw new Error('epoch sanity');
