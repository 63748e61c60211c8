import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { connectionIsBroken } from './database-unavailable.ts';
import { PgliteDialect, type ChangeCounter } from './pglite-dialect.ts';
import { seedFromTemplate } from './pglite-template.ts';
import { preparedQuery } from './prepared-statements.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

// Calendar dates stay strings (never through JS Date, whose time zone would shift them);
// bigint counts become numbers (every count here is far below 2^53).
const DATE_OID = 1082;
const INT8_OID = 20;

/** Limits on the database side of a request; each in milliseconds. */
export interface DatabaseTimeouts {
  /** Longest wait for a new connection (the server down, or the pool exhausted). */
  readonly connectMs: number;
  /** Longest statement (PostgreSQL `statement_timeout`). */
  readonly statementMs: number;
  /** Longest idle time inside a transaction before the server ends the session. */
  readonly idleInTransactionMs: number;
  /** Longest statement of a report (set per report transaction, see withReportTimeout). */
  readonly reportStatementMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 2000, statementMs: 15000, idleInTransactionMs: 30000, reportStatementMs: 60000 };

// A reply this much later than the longest statement may take means a frozen server: the
// client gives up (and drops the connection) rather than wait for ever.
const QUERY_TIMEOUT_MARGIN_MS = 5000;

/** A pg pool's state and its errors so far, for GET /metrics. */
export interface PoolStats {
  readonly max: number;
  /** Connections open, idle among them, and callers waiting for one. */
  total(): number;
  idle(): number;
  waiting(): number;
  /** Statements that failed (any error, the database's own included), and connections lost. */
  readonly errors: { queries: number; connectionsLost: number };
}

const poolStats = new WeakMap<Db, PoolStats>();

/** The pool behind a PostgreSQL Db; undefined for PGlite (one connection, no pool). */
export function poolStatsOf(db: Db): PoolStats | undefined {
  return poolStats.get(db);
}

/**
 * Hands Kysely pg's pooled clients, but releases one whose query failed on a broken
 * connection as broken, so the pool destroys it instead of lending it again. Kysely itself
 * releases it as healthy (it discards only after a failed rollback), and pg-pool alone
 * would reuse a client whose FATAL reply arrived before its socket closed. Data statements
 * are sent as named prepared statements (see prepared-statements.ts).
 */
function discardingBrokenClients(pool: pg.Pool, errors: PoolStats['errors']): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const broken = new WeakSet<pg.PoolClient>();
  pool.on('connect', (client) => client.on('error', () => broken.add(client)));
  const wrap = (client: pg.PoolClient, prepared = new Set<string>()): PostgresPoolClient => ({
    get processID() {
      return (client as unknown as { processID?: number }).processID;
    },
    query: (async (sql: string, parameters: ReadonlyArray<unknown>) => {
      try {
        const values = [...parameters];
        const query = preparedQuery(prepared, sql, values);
        return await (typeof query === 'string' ? client.query(query, values) : client.query(query));
      } catch (err) {
        errors.queries++;
        if (connectionIsBroken(err)) broken.add(client);
        throw err;
      }
    }) as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy || broken.has(client)),
  });
  return {
    options: pool.options,
    connect: async () => {
      const client = await pool.connect();
      // The same wrapper each time: Kysely keeps per-connection state keyed by it.
      let connection = wrapped.get(client);
      if (!connection) wrapped.set(client, (connection = wrap(client)));
      return connection;
    },
    end: () => pool.end(),
  };
}

/**
 * A pool on a PostgreSQL server. A connection the server drops (a restart, a failover, an
 * administrator's pg_terminate_backend) emits 'error', which would end the process if
 * nobody listened: on an idle connection pg-pool relays it to the pool, on one lent to a
 * query it stays on the client. Both are listened to and only reported; the query in
 * flight fails (answered 503), the broken connection is destroyed and the next query opens
 * a new one, so the service recovers on its own when the server is back.
 */
export function createPostgresDb(
  url: string,
  poolMax = 10,
  onConnectionError: (err: Error) => void = () => {},
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    query_timeout: Math.max(timeouts.statementMs, timeouts.reportStatementMs) + QUERY_TIMEOUT_MARGIN_MS,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return (value: string) => value;
        if (oid === INT8_OID) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
      }) as typeof pg.types.getTypeParser,
    },
  });
  // Every client's own listener reports its error; pg-pool relays an idle one's again here.
  pool.on('error', () => {});
  const errors = { queries: 0, connectionsLost: 0 };
  pool.on('connect', (client) =>
    client.on('error', (err) => {
      errors.connectionsLost++;
      onConnectionError(err);
    }),
  );
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: discardingBrokenClients(pool, errors) }) });
  poolStats.set(db, { max: poolMax, total: () => pool.totalCount, idle: () => pool.idleCount, waiting: () => pool.waitingCount, errors });
  return db;
}

// PostgreSQL's default 128 MB of shared buffers live inside PGlite's WebAssembly memory and
// are touched as they fill: most of the embedded server's resident memory. The files are
// still cached by the operating system, so 16 MB costs little for one process's load.
// shared_buffers takes effect at the next start, so a data directory carries it in
// postgresql.auto.conf (the build's template already does; an older directory from here on).
const PGLITE_SHARED_BUFFERS = '16MB';

async function limitPgliteSharedBuffers(pglite: PGlite): Promise<void> {
  const current = (await pglite.query<{ shared_buffers: string }>('show shared_buffers')).rows[0]?.shared_buffers;
  if (current !== PGLITE_SHARED_BUFFERS) await pglite.exec(`alter system set shared_buffers = '${PGLITE_SHARED_BUFFERS}'`);
}

/** An embedded PGlite database; `dataDir` undefined keeps it in memory (tests). */
export async function createPgliteDb(dataDir: string | undefined, options: { fromTemplate?: boolean } = {}): Promise<Db> {
  if (dataDir && options.fromTemplate !== false) seedFromTemplate(dataDir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) },
  });
  if (dataDir) await limitPgliteSharedBuffers(pglite);
  const dialect = new PgliteDialect(pglite);
  const db = new Kysely<Database>({ dialect });
  changeCounters.set(db, dialect.changes);
  return db;
}

const changeCounters = new WeakMap<Db, ChangeCounter>();

/**
 * The count of statements that may have changed data, for a database only this process can
 * write (PGlite); undefined on PostgreSQL, where other instances write too.
 */
export const localChangesOf = (db: Db): ChangeCounter | undefined => changeCounters.get(db);

export async function createDb(database: Config['database'], onConnectionError?: (err: Error) => void): Promise<Db> {
  return database.kind === 'postgres'
    ? createPostgresDb(database.url, database.poolMax, onConnectionError, database.timeouts)
    : createPgliteDb(database.dataDir);
}
