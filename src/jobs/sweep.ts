import type { CalendarFor } from '../domain/calendar/index.ts';
import type { Db } from '../store/database.ts';
import { expireIdempotencyKeys } from '../store/idempotency.ts';
import { autoCloseDue } from './auto-close.ts';
import { recomputeChangedCalendars } from './calendar-changes.ts';
import { recordDeadlineEventsForAll } from './deadline-events.ts';
import { anonymiseDue } from './retention.ts';

export interface SweepResult {
  /** Open complaints whose deadlines moved because their landlord's calendar changed. */
  deadlinesRecomputed: number;
  autoClosed: number;
  /** Auto-close candidates the domain refused (the resident came back, say). */
  autoCloseRefused: number;
  dueSoon: number;
  breached: number;
  organisationsSkipped: number;
  /** Idempotency keys past their retention, forgotten. */
  idempotencyKeysExpired: number;
  /** Complaints anonymised by their landlord's retention schedule. */
  anonymised: number;
  /** Complaints due for anonymisation but under a legal hold. */
  anonymisationHeld: number;
}

/**
 * One pass of the SLA sweep as of `now` (time is injected, never read here): deadlines
 * re-planned where a landlord's calendar changed, so everything after counts on today's
 * calendar; auto-close, so a complaint closed now is not then reported as anything else;
 * the deadline events; then old idempotency keys. Idempotent: a second pass at the same time
 * finds nothing new.
 */
export async function runSweep(db: Db, options: { now: Date; calendarFor: CalendarFor }): Promise<SweepResult> {
  const deadlinesRecomputed = await recomputeChangedCalendars(db, options);
  const closing = await autoCloseDue(db, options);
  const events = await recordDeadlineEventsForAll(db, options);
  const idempotencyKeysExpired = await expireIdempotencyKeys(db, options.now);
  const retention = await anonymiseDue(db, options);
  return {
    deadlinesRecomputed,
    autoClosed: closing.closed,
    autoCloseRefused: closing.refused,
    dueSoon: events.dueSoon,
    breached: events.breached,
    organisationsSkipped: events.skipped,
    idempotencyKeysExpired,
    anonymised: retention.anonymised,
    anonymisationHeld: retention.held,
  };
}
