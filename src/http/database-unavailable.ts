import { databaseFaultOf } from '../store/database-unavailable.ts';
import { HttpProblem } from './http-problem.ts';

/**
 * Seconds a client is asked to wait after a 503. A restart or failover takes seconds, and
 * the pool reconnects on the next query once the server is back, so a short wait suffices.
 */
export const RETRY_AFTER_SECONDS = 2;

/**
 * The 503 for an error that says the database is unreachable or too slow (see
 * store/database-unavailable.ts), so a client retries instead of treating it as a bug;
 * undefined for any other error.
 */
export function databaseUnavailable(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return undefined;
  const fault = databaseFaultOf(error);
  if (!fault) return undefined;
  const detail =
    fault === 'timeout'
      ? 'The database did not answer in time; retry after the time given in Retry-After'
      : 'The database is not reachable; retry after the time given in Retry-After';
  return new HttpProblem(503, 'database_unavailable', 'Service unavailable', detail);
}
