import { sql } from 'kysely';
import { poolStatsOf, type Db } from './database.ts';

// A report reads in one read-only REPEATABLE READ transaction, so every statement of it
// sees the same data (the annual report's parts agree with each other). Its heavy queries
// may run side by side: on PostgreSQL a second pooled connection imports the transaction's
// snapshot (pg_export_snapshot, SET TRANSACTION SNAPSHOT, as pg_dump -j does), so the
// same data is read on two cores. PostgreSQL 15 cannot do this itself: string_agg, which
// the report queries end in, runs in parallel workers only from PostgreSQL 16.

/** Where a report transaction may share its snapshot: the pool it came from and its statement limit. */
interface Sharing {
  readonly pool: Db;
  readonly timeoutMs: number;
  snapshot?: Promise<string>;
}

const sharing = new WeakMap<Db, Sharing>();

// What pg_export_snapshot returns, e.g. 00000003-0000001B-1; checked before it is quoted
// into SET TRANSACTION SNAPSHOT, which takes no parameters.
const SNAPSHOT_ID = /^[0-9A-F]+(-[0-9A-F]+)+$/i;

/** Sets the transaction's statement limit; says whether the server is a standby, which cannot export a snapshot. */
async function limitStatements(db: Db, timeoutMs: number): Promise<{ standby: boolean }> {
  const { rows } = await sql<{ standby: boolean }>`select set_config('statement_timeout', ${String(timeoutMs)}, true), pg_is_in_recovery() as standby`.execute(db);
  return { standby: rows[0]?.standby === true };
}

const readOnlyRepeatable = (db: Db) => db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only');

/**
 * Runs `run` in one read-only REPEATABLE READ transaction whose statements may take
 * `timeoutMs` (SET LOCAL, so the pooled connection keeps its usual limit afterwards).
 * On a standby (pg_export_snapshot cannot run during recovery) its parts run one by one.
 */
export function withReportTransaction<T>(db: Db, timeoutMs: number, run: (db: Db) => Promise<T>): Promise<T> {
  return readOnlyRepeatable(db).execute(async (trx) => {
    const { standby } = await limitStatements(trx, timeoutMs);
    if (poolStatsOf(db) && !standby) sharing.set(trx, { pool: db, timeoutMs });
    return run(trx);
  });
}

/**
 * The tasks' results, in order. Inside a report transaction on PostgreSQL, with a pooled
 * connection idle, a helper on that connection takes tasks from the same queue, reading
 * the transaction's snapshot; otherwise (PGlite, a busy pool, a helper that cannot start)
 * they run one after another on `db`. A helper is asked for only when a connection is idle
 * and waits for one no longer than the pool's connect limit, so reports holding connections
 * cannot deadlock waiting for more.
 */
export async function inParallel<T>(db: Db, tasks: readonly ((db: Db) => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const work = async (on: Db) => {
    while (next < tasks.length) {
      const i = next++;
      try {
        results[i] = await tasks[i]!(on);
      } catch (err) {
        next = tasks.length; // the report has failed: the other connection takes no more
        throw err;
      }
    }
  };
  const share = sharing.get(db);
  if (!share || tasks.length < 2 || !spareConnection(share.pool)) {
    await work(db);
    return results;
  }
  // Exported before the transaction's own work starts: on one connection statements queue.
  const snapshot = await (share.snapshot ??= exportSnapshot(db));
  const outcomes = await Promise.allSettled([work(db), helping(share, snapshot, work)]);
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
  return results;
}

/** A connection idle in the pool, or room to open one. */
function spareConnection(pool: Db): boolean {
  const stats = poolStatsOf(pool)!;
  return stats.idle() > 0 || stats.total() < stats.max;
}

async function exportSnapshot(db: Db): Promise<string> {
  const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(db);
  const id = rows[0]?.id ?? '';
  if (!SNAPSHOT_ID.test(id)) throw new Error(`unexpected snapshot id ${JSON.stringify(id)}`);
  return id;
}

/** Works on a second connection in the snapshot; a helper that fails before it starts leaves the tasks to the transaction. */
async function helping(share: Sharing, snapshot: string, work: (on: Db) => Promise<void>): Promise<void> {
  let started = false;
  try {
    await readOnlyRepeatable(share.pool).execute(async (helper) => {
      await sql.raw(`set transaction snapshot '${snapshot}'`).execute(helper);
      await limitStatements(helper, share.timeoutMs);
      started = true;
      await work(helper);
    });
  } catch (err) {
    if (started) throw err;
  }
}
