import { HttpProblem } from './http-problem.ts';

// Every list's cursor is the sort key of the last item of a page, opaque to callers.

export const encodePageCursor = (key: readonly (string | number)[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

const invalidCursor = () =>
  new HttpProblem(400, 'invalid_cursor', 'Bad request', 'The cursor is not one this API gave', [{ field: 'query.cursor', message: 'is not valid' }]);

/** The key `parse` reads from a cursor, or 400 invalid_cursor when it is not one of ours. */
export function decodePageCursor<T>(value: string, parse: (key: unknown[]) => T | undefined): T {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  // A NUL in a key's text would reach PostgreSQL, which refuses it (a 500): no cursor of ours holds one.
  const parsed = Array.isArray(key) && !key.some((part) => typeof part === 'string' && part.includes('\u0000')) ? parse(key) : undefined;
  if (parsed === undefined) throw invalidCursor();
  return parsed;
}

export const isUuidText = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
// A real calendar date PostgreSQL takes: `2026-02-30` and year 0000 have the right shape but
// fail in the query (a 500), so the date must survive a round trip through Date.
export const isIsoDateText = (value: unknown): value is string =>
  typeof value === 'string' && /^(?!0000)\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value);
export const isInstantText = (value: unknown): value is string => typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
