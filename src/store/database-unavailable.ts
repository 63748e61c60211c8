// Which errors mean "the database is not there right now" rather than "this query is wrong".
// The first kind is worth a retry: the HTTP layer answers 503 with Retry-After, and the
// pool throws away the connection it came on. Everything else stays a bug (a 500).

export type DatabaseFault = 'unreachable' | 'timeout';

// Socket errors from connecting or from a connection the server dropped.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// SQLSTATEs (PostgreSQL appendix A) for a server that is going, gone or full. Class 08 is
// every connection exception.
const UNREACHABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping, or pg_terminate_backend
  '57P02', // crash_shutdown: another backend crashed and the server restarts
  '57P03', // cannot_connect_now: the server is starting up or in recovery
  '57P05', // idle_session_timeout
  '25P03', // idle_in_transaction_session_timeout: the server closed the session
  '53300', // too_many_connections
]);
const TIMEOUT_SQLSTATES = new Set([
  '57014', // query_canceled: statement_timeout (or a cancel request)
  '55P03', // lock_not_available: lock_timeout
]);

// Messages pg, pg-pool, Kysely and PGlite use for a connection that is broken, closed or
// never came; they carry no code.
const UNREACHABLE_MESSAGES = [
  /^Connection terminated/, // pg: the socket closed (server killed, restarted, failover)
  /not queryable/, // pg: a client whose connection already failed
  /^Postgres connection has been discarded/, // Kysely: the rollback on it failed
  /^driver has already been destroyed/, // Kysely: the pool is shutting down
  /^Cannot use a pool after calling end/, // pg-pool: the same
  /PGlite is closed/,
];
const TIMEOUT_MESSAGES = [
  /^timeout exceeded when trying to connect/, // pg-pool: connectionTimeoutMillis
  /^Query read timeout/, // pg: query_timeout
];

interface Coded {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
}

function faultOf(error: unknown, depth: number): DatabaseFault | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined;
  const { code, message, errors } = error as Coded;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || UNREACHABLE_SQLSTATES.has(code) || code.startsWith('08')) return 'unreachable';
    if (TIMEOUT_SQLSTATES.has(code)) return 'timeout';
  }
  if (typeof message === 'string') {
    if (UNREACHABLE_MESSAGES.some((m) => m.test(message))) return 'unreachable';
    if (TIMEOUT_MESSAGES.some((m) => m.test(message))) return 'timeout';
  }
  // Node's happy-eyeballs connect to `localhost` fails with an AggregateError of one error
  // per address; pg sometimes wraps the socket error as `cause`.
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const fault = faultOf(inner, depth + 1);
      if (fault) return fault;
    }
  }
  return faultOf((error as { cause?: unknown }).cause, depth + 1);
}

/** 'unreachable' or 'timeout' when `error` says the database is unavailable, else undefined. */
export function databaseFaultOf(error: unknown): DatabaseFault | undefined {
  return faultOf(error, 0);
}

/**
 * Whether the connection an error came on must be thrown away: its socket failed, the
 * server ended the session, or a client-side query timeout left a reply still to come.
 * A statement timeout leaves the connection healthy.
 */
export function connectionIsBroken(error: unknown): boolean {
  const { severity, message } = (typeof error === 'object' && error !== null ? error : {}) as { severity?: unknown; message?: unknown };
  // A FATAL or PANIC error ends the session: the server closes the socket right after it.
  if (severity === 'FATAL' || severity === 'PANIC') return true;
  return databaseFaultOf(error) === 'unreachable' || (typeof message === 'string' && /^Query read timeout/.test(message));
}
