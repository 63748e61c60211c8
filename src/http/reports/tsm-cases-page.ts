import { decodePageCursor, encodePageCursor } from '../page-cursor.ts';

interface Case {
  date: string | null;
  reference: string;
}

// The cases come sorted by date (undated first), then reference: a page starts after the
// last one the previous page ended on.
const keyOf = (c: Case): [string, string] => [c.date ?? '', c.reference];

const decodeCaseCursor = (value: string): [string, string] =>
  decodePageCursor(value, ([date, reference]) => (typeof date === 'string' && typeof reference === 'string' ? [date, reference] : undefined));

const after = (c: Case, [date, reference]: [string, string]) => {
  const [d, r] = keyOf(c);
  return d > date || (d === date && r > reference);
};

export function pageOfCases<C extends Case>(cases: readonly C[], page: { limit: number; cursor: string | undefined }) {
  const from = page.cursor === undefined ? 0 : cases.findIndex((c) => after(c, decodeCaseCursor(page.cursor ?? '')));
  const items = from < 0 ? [] : cases.slice(from, from + page.limit);
  const last = items[items.length - 1];
  const more = from >= 0 && from + page.limit < cases.length;
  return { items, nextCursor: more && last ? encodePageCursor(keyOf(last)) : null };
}
