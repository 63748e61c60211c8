import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

// Calendar dates stay strings (never through JS Date, whose time zone would shift them);
// bigint counts become numbers (every count here is far below 2^53).
const DATE_OID = 1082;
const INT8_OID = 20;

/**
 * A pool on a PostgreSQL server. An idle connection the server drops (a restart, a failover)
 * is an 'error' on the pool, which would crash the process if nobody listened: the pool
 * discards that connection and opens a new one for the next query, so it is only reported.
 */
export function createPostgresDb(url: string, poolMax = 10, onIdleError: (err: Error) => void = () => {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return (value: string) => value;
        if (oid === INT8_OID) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
      }) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', onIdleError);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** An embedded PGlite database; `dataDir` undefined keeps it in memory (tests). */
export async function createPgliteDb(dataDir: string | undefined): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) },
  });
  return new Kysely<Database>({ dialect: new PgliteDialect(pglite) });
}

export async function createDb(database: Config['database'], onIdleError?: (err: Error) => void): Promise<Db> {
  return database.kind === 'postgres'
    ? createPostgresDb(database.url, database.poolMax, onIdleError)
    : createPgliteDb(database.dataDir);
}
