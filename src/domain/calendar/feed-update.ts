import { feedCoverage, sortEvents, type BankHolidayFeed } from './bank-holiday-feed.ts';
import { DIVISIONS, type Division } from './divisions.ts';
import type { IsoDate } from './iso-date.ts';

export interface FeedChange {
  division: Division;
  date: IsoDate;
  title: string;
}

export interface FeedDiff {
  added: FeedChange[];
  removed: FeedChange[];
}

/** Holidays present in one feed and not the other, by division, date and title (a retitled day is removed + added). */
export function diffFeeds(before: BankHolidayFeed, after: BankHolidayFeed): FeedDiff {
  const added: FeedChange[] = [];
  const removed: FeedChange[] = [];
  for (const division of DIVISIONS) {
    const key = (e: { date: string; title: string }): string => `${e.date}\u0000${e.title}`;
    const old = new Set(before[division].events.map(key));
    const now = new Set(after[division].events.map(key));
    for (const e of after[division].events) if (!old.has(key(e))) added.push({ division, date: e.date, title: e.title });
    for (const e of before[division].events) if (!now.has(key(e))) removed.push({ division, date: e.date, title: e.title });
  }
  return { added, removed };
}

export function formatFeedDiff(diff: FeedDiff): string[] {
  const line = (sign: string, c: FeedChange): string => `${sign} ${c.division} ${c.date} ${c.title}`;
  const lines = [...diff.added.map((c) => line('+', c)), ...diff.removed.map((c) => line('-', c))];
  return lines.length === 0 ? ['no holidays added or removed'] : lines;
}

/**
 * GOV.UK's live feed only lists recent years, so years before the incoming
 * feed's first year are carried over from the current data; every year the
 * incoming feed covers is taken from it as announced.
 */
export function mergeFeeds(current: BankHolidayFeed, incoming: BankHolidayFeed): BankHolidayFeed {
  const { firstYear } = feedCoverage(incoming);
  const merged = {} as BankHolidayFeed;
  for (const division of DIVISIONS) {
    const kept = current[division].events.filter((e) => Number(e.date.slice(0, 4)) < firstYear);
    merged[division] = { division, events: sortEvents([...kept, ...incoming[division].events]) };
  }
  return merged;
}

export type UpdateDecision =
  | { ok: true; feed: BankHolidayFeed; diff: FeedDiff; carriedOverYears: number[] }
  | { ok: false; reason: string };

/** Refuses an update that would cover fewer years (or end earlier) than the current data. */
export function planFeedUpdate(current: BankHolidayFeed, incoming: BankHolidayFeed): UpdateDecision {
  const was = feedCoverage(current);
  const got = feedCoverage(incoming);
  if (got.lastYear < was.lastYear) {
    return { ok: false, reason: `the new feed ends in ${got.lastYear} but the current data runs to ${was.lastYear}` };
  }
  const feed = mergeFeeds(current, incoming);
  const now = feedCoverage(feed);
  if (now.lastYear - now.firstYear < was.lastYear - was.firstYear) {
    return { ok: false, reason: `the result would cover ${now.firstYear}-${now.lastYear}, fewer years than the current ${was.firstYear}-${was.lastYear}` };
  }
  const carriedOverYears: number[] = [];
  for (let y = now.firstYear; y < got.firstYear; y++) carriedOverYears.push(y);
  return { ok: true, feed, diff: diffFeeds(current, feed), carriedOverYears };
}
