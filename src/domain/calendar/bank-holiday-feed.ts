import { CalendarError } from './calendar-error.ts';
import { DIVISIONS, type Division } from './divisions.ts';
import { parseIsoDate, type IsoDate } from './iso-date.ts';

/** One event of GOV.UK's https://www.gov.uk/bank-holidays.json. */
export interface FeedEvent {
  title: string;
  date: IsoDate;
  notes: string;
  bunting: boolean;
}

export interface FeedDivision {
  division: Division;
  events: FeedEvent[];
}

export type BankHolidayFeed = Record<Division, FeedDivision>;

function fail(path: string, problem: string): never {
  throw new CalendarError('invalid_feed', `${path}: ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateEvent(value: unknown, path: string): FeedEvent {
  if (!isRecord(value)) fail(path, 'must be an object');
  const { title, date, notes, bunting } = value;
  if (typeof title !== 'string' || title.trim() === '') fail(`${path}.title`, 'must be a non-empty string');
  if (typeof date !== 'string') fail(`${path}.date`, 'must be a date string YYYY-MM-DD');
  try {
    parseIsoDate(date);
  } catch {
    fail(`${path}.date`, `"${date}" is not a valid date YYYY-MM-DD`);
  }
  if (notes !== undefined && typeof notes !== 'string') fail(`${path}.notes`, 'must be a string');
  if (bunting !== undefined && typeof bunting !== 'boolean') fail(`${path}.bunting`, 'must be a boolean');
  return { title, date, notes: notes ?? '', bunting: bunting ?? true };
}

function validateDivision(value: unknown, division: Division): FeedDivision {
  if (!isRecord(value)) fail(division, 'division is missing or not an object');
  if (value.division !== division) fail(`${division}.division`, `must be "${division}"`);
  if (!Array.isArray(value.events) || value.events.length === 0) fail(`${division}.events`, 'must be a non-empty array');
  const seen = new Map<string, number>();
  const events = value.events.map((event: unknown, i: number) => {
    const path = `${division}.events[${i}]`;
    const valid = validateEvent(event, path);
    const first = seen.get(valid.date);
    if (first !== undefined) fail(`${path}.date`, `${valid.date} is already listed at ${division}.events[${first}]`);
    seen.set(valid.date, i);
    return valid;
  });
  return { division, events: sortEvents(events) };
}

/**
 * Hand-written validation of a parsed GOV.UK feed: all three divisions, real
 * dates, titles, no date twice in a division. Keys other than the three
 * divisions are dropped. Events come back sorted by date.
 */
export function validateBankHolidayFeed(input: unknown): BankHolidayFeed {
  if (!isRecord(input)) fail('(root)', 'must be an object keyed by division');
  const feed = {} as BankHolidayFeed;
  for (const division of DIVISIONS) feed[division] = validateDivision(input[division], division);
  return feed;
}

export function sortEvents(events: readonly FeedEvent[]): FeedEvent[] {
  return [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export interface FeedCoverage {
  firstYear: number;
  lastYear: number;
}

/** The whole years the feed speaks for: from its earliest to its latest event, all divisions. */
export function feedCoverage(feed: BankHolidayFeed): FeedCoverage {
  let first = '9999';
  let last = '0000';
  for (const division of DIVISIONS) {
    for (const { date } of feed[division].events) {
      if (date < first) first = date;
      if (date > last) last = date;
    }
  }
  return { firstYear: Number(first.slice(0, 4)), lastYear: Number(last.slice(0, 4)) };
}

/** Pretty-printed, divisions in the feed's order, events sorted: the shipped file's exact form. */
export function serializeFeed(feed: BankHolidayFeed): string {
  const out: Record<string, FeedDivision> = {};
  for (const division of DIVISIONS) {
    out[division] = {
      division,
      events: sortEvents(feed[division].events).map(({ title, date, notes, bunting }) => ({ title, date, notes, bunting })),
    };
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}
