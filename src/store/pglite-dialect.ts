import { messages as backend, parse, protocol, type PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { preparedQuery } from './prepared-statements.ts';

// A Kysely dialect for PGlite, written here rather than taken from kysely-pglite (which
// brings a code generator, a CLI and an older Kysely) or kysely-pglite-dialect (which
// declares PGlite <= 0.4). PGlite is one in-process connection, so the driver hands it to
// one Kysely connection at a time: a transaction holds it until commit or rollback.
export class PgliteDialect implements Dialect {
  /** Counts the statements that may have changed data (see `changes`). */
  readonly changes = new ChangeCounter();
  constructor(private readonly pglite: PGlite) {}
  createDriver(): Driver {
    return new PgliteDriver(this.pglite, this.changes);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own signature
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}

/**
 * How many statements that may change data have run on this PGlite, in this process, which
 * is the only one that can open its data directory. A plain SELECT (no locking clause)
 * changes nothing here: the schema's functions are immutable and its triggers fire only on
 * writes. Anything else counts, even if it changed no row or is rolled back later. A value
 * read before a query and still the same after it means nothing was written in between.
 */
export class ChangeCounter {
  value = 0;
}

/** A parameter as pg sends it: arrays as PostgreSQL arrays, objects as JSON, dates as ISO text. */
const pgUtils = (pg as unknown as { utils: { prepareValue: (value: unknown) => string | Buffer | null } }).utils;
const prepareValue = (value: unknown) => pgUtils.prepareValue(value);

// The messages after Bind are the same for every statement: built once, as pg does.
const DESCRIBE_EXECUTE_SYNC = [protocol.serialize.describe({ type: 'P' }), protocol.serialize.execute({}), protocol.serialize.sync()];

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const PLAIN_SELECT = /^\s*select\b/i;
const LOCKING_CLAUSE = /\bfor\s+(update|no\s+key\s+update|share|key\s+share)\b/i;
const mayChangeData = (sql: string) => !PLAIN_SELECT.test(sql) || LOCKING_CLAUSE.test(sql);

class PgliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PgliteConnection;

  constructor(
    private readonly pglite: PGlite,
    changes: ChangeCounter,
  ) {
    this.connection = new PgliteConnection(pglite, changes);
  }

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.connection.release = release;
    return this.connection;
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PgliteConnection).release?.();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const mode = [
      settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : '',
      settings.accessMode ?? '',
    ].filter(Boolean).join(' ');
    await connection.executeQuery(CompiledQuery.raw(`begin ${mode}`.trim()));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    await this.queue;
    if (!this.pglite.closed) await this.pglite.close();
  }
}

/**
 * Statements go to PGlite as extended-protocol messages, data statements as named prepared
 * statements (the rules of prepared-statements.ts, as on a pg connection): PGlite's own
 * query() parses and plans every statement again and crosses into WebAssembly five times
 * for it; here a prepared statement is bound and run in one crossing, about a third less
 * time for a new complaint's statement. Values are prepared as pg prepares them, so both
 * databases receive the same text for the same parameter.
 */
class PgliteConnection implements DatabaseConnection {
  release: (() => void) | undefined;
  /** Names preparedQuery has handed out, and those PGlite has parsed (a failed Parse leaves one out). */
  private readonly prepared = new Set<string>();
  private readonly parsed = new Set<string>();
  constructor(
    private readonly pglite: PGlite,
    private readonly changes: ChangeCounter,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // Counted before the statement runs, so a failed write counts too.
    if (mayChangeData(compiledQuery.sql)) this.changes.value++;
    const values = compiledQuery.parameters.map((value) => prepareValue(value));
    const query = preparedQuery(this.prepared, compiledQuery.sql, values);
    const name = typeof query === 'string' ? '' : query.name;
    const parts = [
      ...(name && this.parsed.has(name) ? [] : [protocol.serialize.parse({ name, text: compiledQuery.sql, types: [] })]),
      protocol.serialize.bind({ statement: name, values }),
      ...DESCRIBE_EXECUTE_SYNC,
    ];
    const { messages } = await this.pglite.runExclusive(() => this.pglite.execProtocol(concat(parts), { throwOnError: false }));
    if (name && messages.some((m) => m.name === 'parseComplete')) this.parsed.add(name);
    const failure = messages.find((m) => m instanceof backend.DatabaseError);
    if (failure) throw failure;
    const result = parse.parseResults(messages, this.pglite.parsers)[0]!;
    const affected = result.affectedRows ?? 0;
    const isWrite = ['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(result.command ?? '');
    return isWrite ? { rows: result.rows as R[], numAffectedRows: BigInt(affected) } : { rows: result.rows as R[] };
  }

  // eslint-disable-next-line require-yield -- PGlite has no cursors; streaming is not offered
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on PGlite');
  }
}
