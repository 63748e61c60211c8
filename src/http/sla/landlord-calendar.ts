import type { CalendarFor, WorkingDayCalendar } from '../../domain/calendar/index.ts';
import type { Db } from '../../store/database.ts';
import { findOrganisation } from '../../store/organisations.ts';
import { notFound } from '../http-problem.ts';

/** The landlord's own working days: its division's bank holidays and its closure days. */
export async function landlordCalendar(db: Db, calendarFor: CalendarFor, organisationId: string): Promise<WorkingDayCalendar> {
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) throw notFound('The organisation');
  return calendarFor(organisation.division, organisation.closureDays.map((c) => c.date));
}
