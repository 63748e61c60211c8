import { sql } from 'kysely';
import { fromEpochDay, londonDateOf, parseDivision, parseIsoDate, type CalendarFor } from '../domain/calendar/index.ts';
import type { Db } from '../store/database.ts';
import { listCalendarSettings } from '../store/organisations.ts';
import { recordDeadlineEvents } from '../store/outbox.ts';

/** How far back a missed deadline (its complaint ended after the due date) still gets its breach event. */
const MISSED_LOOKBACK_DAYS = 31;

export interface DeadlineEventCounts {
  dueSoon: number;
  breached: number;
  /** Landlords another sweep was handling at that moment. */
  skipped: number;
}

/**
 * Records, per landlord on its own calendar, `deadline.due_soon` for unmet deadlines due
 * today or on the next working day, and `deadline.breached` for those past due. A landlord
 * is taken under a transaction-scoped advisory lock, so two sweeps split the landlords
 * between them; the outbox's unique key would keep each event once even without it.
 */
export async function recordDeadlineEventsForAll(db: Db, options: { now: Date; calendarFor: CalendarFor }): Promise<DeadlineEventCounts> {
  const today = londonDateOf(options.now);
  const counts: DeadlineEventCounts = { dueSoon: 0, breached: 0, skipped: 0 };
  for (const organisation of await listCalendarSettings(db)) {
    await db.transaction().execute(async (tx) => {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext('sla-sweep'), hashtext(${organisation.id})) as locked`.execute(tx);
      if (!rows[0]?.locked) {
        counts.skipped++;
        return;
      }
      const calendar = options.calendarFor(parseDivision(organisation.division), organisation.closureDays);
      const base = { organisationId: organisation.id, now: options.now };
      const yesterday = fromEpochDay(parseIsoDate(today) - 1);
      counts.dueSoon += await recordDeadlineEvents(tx, { ...base, type: 'deadline.due_soon', statuses: ['pending'], from: today, to: calendar.addWorkingDays(today, 1) });
      counts.breached += await recordDeadlineEvents(tx, { ...base, type: 'deadline.breached', statuses: ['pending'], from: '2000-01-01', to: yesterday });
      // Deadlines in hours breach as soon as their due_at passes, on their due date too (the key keeps one event each).
      counts.breached += await recordDeadlineEvents(tx, { ...base, type: 'deadline.breached', statuses: ['pending'], from: yesterday, to: today, dueAtBefore: options.now });
      const lookback = fromEpochDay(parseIsoDate(today) - MISSED_LOOKBACK_DAYS);
      counts.breached += await recordDeadlineEvents(tx, { ...base, type: 'deadline.breached', statuses: ['missed'], from: lookback, to: yesterday });
    });
  }
  return counts;
}
