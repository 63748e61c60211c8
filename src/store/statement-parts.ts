import { sql } from 'kysely';
import type { Db } from './database.ts';

// Pieces for the one-statement writes (insert-new-complaint.ts, update-complaint.ts): many
// rows of several tables in one round trip, each value a typed bind parameter.

export type Row = Record<string, unknown>;

const columnTypes = new Map<string, Promise<Map<string, string>>>();

/** Each column's SQL type, read once per process from the catalogue (the schema is migrated before the first request). */
export function typesOf(db: Db, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    types = sql<{ name: string; type: string }>`
      select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
      where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`
      .execute(db)
      .then((r) => new Map(r.rows.map((c) => [c.name, c.type])));
    types.catch(() => columnTypes.delete(table));
    columnTypes.set(table, types);
  }
  return types;
}

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value === undefined ? null : value);
    return `$${this.values.length}`;
  }
}

/** Each cell as SQL: by default its parameter cast to the column's type. */
export type Cell = (param: string, value: unknown, type: string) => string;
const typed: Cell = (param, _value, type) => `${param}::${type}`;

/** The rows' columns and a `(...), (...)` list of their typed parameters. */
export function tuplesOf(table: string, rows: readonly Row[], types: Map<string, string>, params: Parameters, cell: Cell = typed): { columns: string[]; tuples: string } {
  const columns = Object.keys(rows[0] ?? {});
  const tuples = rows.map((row) => {
    const cells = columns.map((column) => {
      const type = types.get(column);
      if (!type) throw new Error(`${table}.${column} is not a column`);
      const value = row[column];
      return cell(params.add(value), value, type);
    });
    return `(${cells.join(', ')})`;
  });
  return { columns, tuples: tuples.join(', ') };
}
