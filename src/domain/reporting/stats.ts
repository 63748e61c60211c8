/** Working-day figures as a board reads them. */
export interface Summary {
  count: number;
  mean: number | null;
  median: number | null;
  /** Nearest-rank 90th percentile: nine in ten took this long or less. */
  p90: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function summarise(values: readonly number[]): Summary {
  const count = values.length;
  if (count === 0) return { count, mean: null, median: null, p90: null };
  const sorted = Float64Array.from(values).sort();
  const mid = Math.floor(count / 2);
  const median = count % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count, mean: round1(sum / count), median, p90: sorted[Math.ceil(0.9 * count) - 1]! };
}

/** A share as a percentage to one decimal place; null when nothing was counted. */
export function percentage(part: number, whole: number): number | null {
  return whole === 0 ? null : round1((part / whole) * 100);
}

/** Counts as a list, largest first, then by name: stable for reports and CSV. */
export function sortedCounts(counts: ReadonlyMap<string, number>): { value: string; count: number }[] {
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** Counts of each value, largest first, then by name. */
export function tally(values: Iterable<string>): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return sortedCounts(counts);
}
