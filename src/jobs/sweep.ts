import type { CalendarFor } from '../domain/calendar/index.ts';
import type { Db } from '../store/database.ts';
import { expireIdempotencyKeys } from '../store/idempotency.ts';
import { autoCloseDue } from './auto-close.ts';
import { recordDeadlineEventsForAll } from './deadline-events.ts';

export interface SweepResult {
  autoClosed: number;
  /** Auto-close candidates the domain refused (the resident came back, say). */
  autoCloseRefused: number;
  dueSoon: number;
  breached: number;
  organisationsSkipped: number;
  /** Idempotency keys past their retention, forgotten. */
  idempotencyKeysExpired: number;
}

/**
 * One pass of the SLA sweep as of `now` (time is injected, never read here): auto-close
 * first, so a complaint closed now is not then reported as anything else, then the
 * deadline events, then old idempotency keys. Idempotent: a second pass at the same time
 * finds nothing new.
 */
export async function runSweep(db: Db, options: { now: Date; calendarFor: CalendarFor }): Promise<SweepResult> {
  const closing = await autoCloseDue(db, options);
  const events = await recordDeadlineEventsForAll(db, options);
  const idempotencyKeysExpired = await expireIdempotencyKeys(db, options.now);
  return {
    autoClosed: closing.closed,
    autoCloseRefused: closing.refused,
    dueSoon: events.dueSoon,
    breached: events.breached,
    organisationsSkipped: events.skipped,
    idempotencyKeysExpired,
  };
}
