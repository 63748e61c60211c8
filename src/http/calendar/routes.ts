import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { blameField, type CalendarFor, type Division, type UkCalendars, type WorkingDayCalendar } from '../../domain/calendar/index.ts';
import type { Db } from '../../store/database.ts';
import { findOrganisation } from '../../store/organisations.ts';
import { principalOf } from '../auth.ts';
import { AddQuery, AddResponse, BetweenQuery, BetweenResponse, HolidaysQuery, HolidaysResponse } from './schemas.ts';

// Domain §4, as the service counts its own deadlines, so integrators show the same dates.
const CONVENTION =
  'the start date is day 0, or the next working day when it is not one (startsOn); the result is the n-th working day after day 0 (before it when days < 0); days = 0 gives day 0';

export const calendarRoutes: FastifyPluginAsyncTypebox<{ db: Db; calendars: UkCalendars; calendarFor: CalendarFor }> = async (
  app,
  { db, calendars, calendarFor },
) => {
  // With ?division= that division's bank holidays; without it the caller's own calendar,
  // closure days included, so integrators show the same dates as its complaints carry.
  async function calendarOf(request: FastifyRequest, given: Division | undefined): Promise<{ division: Division; calendar: WorkingDayCalendar }> {
    if (given) return { division: given, calendar: calendars[given] };
    const organisation = await findOrganisation(db, principalOf(request).organisationId);
    if (!organisation) return { division: 'england-and-wales', calendar: calendars['england-and-wales'] };
    return { division: organisation.division, calendar: calendarFor(organisation.division, organisation.closureDays.map((c) => c.date)) };
  }

  app.get(
    '/v1/calendar/holidays',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'listBankHolidays',
        tags: ['calendar'],
        summary: "A division's bank holidays in a year",
        querystring: HolidaysQuery,
        response: { 200: HolidaysResponse },
      },
    },
    async (request) => {
      const { division, calendar } = await calendarOf(request, request.query.division);
      const holidays = blameField('query.year', () => calendar.holidaysInYear(request.query.year));
      return {
        division,
        year: request.query.year,
        provisional: holidays.some((h) => h.provisional),
        dataEndsOn: calendar.dataEndsOn,
        holidays,
      };
    },
  );

  app.get(
    '/v1/calendar/working-days/add',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'addWorkingDays',
        tags: ['calendar'],
        summary: 'The date a number of working days after (or before) a date',
        description: `Convention: ${CONVENTION}.`,
        querystring: AddQuery,
        response: { 200: AddResponse },
      },
    },
    async (request) => {
      const { from, days, explain } = request.query;
      const { division, calendar } = await calendarOf(request, request.query.division);
      const startsOn = blameField('query.from', () => calendar.nextWorkingDay(from));
      if (explain) {
        const { result, provisional, steps } = blameField('query.days', () => calendar.explain(from, days));
        return { division, from, startsOn, days, result, provisional, convention: CONVENTION, steps };
      }
      const due = blameField('query.days', () => calendar.dueDate(from, days));
      return { division, from, startsOn, days, result: due.date, provisional: due.provisional, convention: CONVENTION };
    },
  );

  app.get(
    '/v1/calendar/working-days/between',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'countWorkingDaysBetween',
        tags: ['calendar'],
        summary: 'Working days from one date to another',
        description: 'Counted as /add counts: from day 0 of `from` (the next working day when `from` is not one), so that between(from, add(from, n)) = n.',
        querystring: BetweenQuery,
        response: { 200: BetweenResponse },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const { division, calendar } = await calendarOf(request, request.query.division);
      blameField('query.from', () => calendar.isWorkingDay(from));
      blameField('query.to', () => calendar.isWorkingDay(to));
      return {
        division,
        from,
        to,
        workingDays: calendar.workingDaysFrom(from, to),
        provisional: calendar.isProvisionalBetween(from, to),
      };
    },
  );
};
