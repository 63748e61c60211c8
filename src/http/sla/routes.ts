import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { londonDateOf, type WorkingDayCalendar } from '../../domain/calendar/index.ts';
import type { DeadlineKind } from '../../domain/complaint/index.ts';
import { asOfInstant, hoursBetween, workingDayOrdinals } from '../../domain/sla/index.ts';
import { lateDeadlines } from '../../store/sla-breaches.ts';
import { earliestDueDate, unmetDeadlinesInRange, type SlaDeadlineRow } from '../../store/sla-queries.ts';
import { slaSummary } from '../../app/sla/sla-summary.ts';
import { principalOf } from '../auth.ts';
import type { ComplaintRouteDeps } from '../complaints/view.ts';
import { decodeSlaCursor, encodeSlaCursor } from './cursor.ts';
import { landlordCalendar } from './landlord-calendar.ts';
import { BreachesQuery, BreachesResponse, DueQuery, DueResponse, SummaryQuery, SummaryResponse } from './schemas.ts';

// What is late and what will be late, for one landlord as of any date (issue 6).

function itemOf(row: SlaDeadlineRow) {
  return {
    complaintId: row.complaintId,
    reference: row.reference,
    kind: row.kind as DeadlineKind,
    stage: row.stage as 1 | 2 | null,
    ref: row.ref === '' ? null : row.ref,
    dueDate: row.dueDate,
    dueAt: row.dueAt,
    handler: row.handler,
    serviceArea: row.serviceArea,
    provisional: row.provisional,
  };
}

function page<T>(rows: readonly SlaDeadlineRow[], limit: number, view: (row: SlaDeadlineRow) => T & { workingDays: number }) {
  const items = rows.slice(0, limit).map(view);
  const last = rows.length > limit ? items.at(-1) : undefined;
  const lastRow = rows[limit - 1];
  const nextCursor = last && lastRow ? encodeSlaCursor({ daysLate: last.workingDays, dueDate: lastRow.dueDate, complaintId: lastRow.complaintId, kind: lastRow.kind, ref: lastRow.ref }) : null;
  return { items: items.map(({ workingDays: _, ...item }) => item), nextCursor };
}

/** The answer's date, checked against the calendar's range (400 outside it). */
function asOfDate(calendar: WorkingDayCalendar, given: string | undefined, today: string): string {
  const asOf = given ?? today;
  calendar.isWorkingDay(asOf);
  return asOf;
}

export const slaRoutes: FastifyPluginAsyncTypebox<ComplaintRouteDeps> = async (app, { db, clock, calendarFor }) => {
  app.get(
    '/v1/sla/breaches',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'listBreaches',
        tags: ['sla'],
        summary: "The landlord's deadlines past due and unmet as of a date (and those met late), most working days late first",
        description:
          'Every kind counts: acknowledgements, responses (with extensions), decline letters, remedies, actions, Ombudsman evidence and orders, ' +
          "Awaab's Law hazard clocks. Residents’ windows are never breaches. A deadline in hours (dueAt) is breached as soon as it passes: as of now for today, as of the end of the day for another asOf.",
        querystring: BreachesQuery,
        response: { 200: BreachesResponse },
      },
    },
    async (request) => {
      const { organisationId } = principalOf(request);
      const { asOf: given, includeLate = false, limit = 50, cursor, ...filters } = request.query;
      const calendar = await landlordCalendar(db, calendarFor, organisationId);
      const now = clock();
      const today = londonDateOf(now);
      const asOf = asOfDate(calendar, given, today);
      const at = asOfInstant(asOf, today, now);
      const after = cursor ? decodeSlaCursor(cursor) : undefined;
      let rows: SlaDeadlineRow[];
      if (includeLate) {
        const earliest = (await earliestDueDate(db, organisationId)) ?? asOf;
        const base = earliest < asOf ? earliest : asOf;
        rows = await lateDeadlines(db, organisationId, { asOf, at, filters, limit: limit + 1, after, base, ordinals: workingDayOrdinals(calendar, base, asOf) });
      } else {
        rows = await unmetDeadlinesInRange(db, organisationId, { asOf, at, when: 'past', today, to: asOf, filters, limit: limit + 1, after });
      }
      return {
        asOf,
        ...page(rows, limit, (row) => {
          const met = row.metOn !== null && row.metOn <= asOf ? row.metOn : null;
          const workingDays = row.daysLate ?? calendar.workingDaysBetween(row.dueDate, met ?? asOf);
          const hoursLate = row.dueAt === null ? null : hoursBetween(row.dueAt, met && row.metAt !== null ? row.metAt : at);
          return { ...itemOf(row), status: met ? ('met_late' as const) : ('breached' as const), metOn: met, workingDaysLate: workingDays, hoursLate, workingDays };
        }),
      };
    },
  );

  app.get(
    '/v1/sla/due',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'listDueDeadlines',
        tags: ['sla'],
        summary: "The landlord's unmet deadlines falling due from asOf to the N-th working day after it, soonest first",
        querystring: DueQuery,
        response: { 200: DueResponse },
      },
    },
    async (request) => {
      const { organisationId } = principalOf(request);
      const { asOf: given, withinWorkingDays = 5, limit = 50, cursor, ...filters } = request.query;
      const calendar = await landlordCalendar(db, calendarFor, organisationId);
      const now = clock();
      const today = londonDateOf(now);
      const asOf = asOfDate(calendar, given, today);
      const at = asOfInstant(asOf, today, now);
      const dueBy = calendar.addWorkingDays(asOf, withinWorkingDays);
      const after = cursor ? decodeSlaCursor(cursor) : undefined;
      const rows = await unmetDeadlinesInRange(db, organisationId, { asOf, at, when: 'future', today, from: asOf, to: dueBy, filters, limit: limit + 1, after });
      return {
        asOf,
        dueBy,
        ...page(rows, limit, (row) => {
          const workingDays = calendar.workingDaysBetween(asOf, row.dueDate);
          const hoursLeft = row.dueAt === null ? null : hoursBetween(at, row.dueAt);
          return { ...itemOf(row), workingDaysLeft: workingDays, hoursLeft, workingDays };
        }),
      };
    },
  );

  app.get(
    '/v1/sla/summary',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'getSlaSummary',
        tags: ['sla'],
        summary: "Counts of the landlord's unmet deadlines per kind and stage: due today, due within N working days, breached",
        querystring: SummaryQuery,
        response: { 200: SummaryResponse },
      },
    },
    async (request) => {
      const { organisationId } = principalOf(request);
      const { asOf: given, withinWorkingDays = 5 } = request.query;
      const calendar = await landlordCalendar(db, calendarFor, organisationId);
      const now = clock();
      const today = londonDateOf(now);
      const asOf = asOfDate(calendar, given, today);
      return slaSummary(db, organisationId, calendar, { asOf, today, withinWorkingDays, now });
    },
  );
};
