import { createHash } from 'node:crypto';

// Named prepared statements on pg connections: PostgreSQL parses and plans a named
// statement once per connection and reuses it, where an unnamed one is parsed every time.
// Kysely sends the same text for the same query shape, so the text names the statement.
// Only data statements are named (a DDL statement at start-up would leave plans behind
// that a later schema change invalidates), and each connection keeps at most
// MAX_PER_CONNECTION of them: texts that vary without bound (an IN list of any length,
// an import batch of any size) then fall back to unnamed statements.

const MAX_PER_CONNECTION = 500;
const MAX_TEXT_LENGTH = 20_000;
const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `k${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size >= 10_000) names.clear();
    names.set(text, name);
  }
  return name;
}

/** What to pass to pg's `client.query` for `text`: a named query config, or the text itself. */
export function preparedQuery(
  prepared: Set<string>,
  text: string,
  values: unknown[],
): { name: string; text: string; values: unknown[] } | string {
  if (text.length > MAX_TEXT_LENGTH || !DATA_STATEMENT.test(text)) return text;
  const name = nameOf(text);
  if (!prepared.has(name)) {
    if (prepared.size >= MAX_PER_CONNECTION) return text;
    prepared.add(name);
  }
  return { name, text, values };
}
