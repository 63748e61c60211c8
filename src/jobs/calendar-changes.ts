import { parseDivision, type CalendarFor } from '../domain/calendar/index.ts';
import type { Db } from '../store/database.ts';
import { listCalendarSettings, markDeadlinesCalendar } from '../store/organisations.ts';
import { recomputeDeadlines } from './recompute-deadlines.ts';

/**
 * For each landlord whose calendar is not the one its deadlines were counted on (a new
 * bank-holiday feed deployed, closure days changed in its settings), re-plans its open
 * complaints, each move recorded on the complaint (domain §4), then notes the calendar.
 * Returns how many complaints had deadlines moved. Safe with several sweeps at once: a
 * complaint already re-planned is left alone.
 */
export async function recomputeChangedCalendars(db: Db, options: { now: Date; calendarFor: CalendarFor }): Promise<number> {
  let moved = 0;
  for (const organisation of await listCalendarSettings(db)) {
    const calendar = options.calendarFor(parseDivision(organisation.division), organisation.closureDays);
    if (organisation.deadlinesCalendar === calendar.fingerprint) continue;
    const result = await recomputeDeadlines(db, { ...options, organisationId: organisation.id, reason: 'the bank holidays or closure days changed' });
    moved += result.changed.length;
    await markDeadlinesCalendar(db, organisation.id, calendar.fingerprint);
  }
  return moved;
}
