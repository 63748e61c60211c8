import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { CalendarFor } from '../../domain/calendar/index.ts';
import { londonDateOf } from '../../domain/calendar/index.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Stage } from '../../domain/complaint/index.ts';
import { DEFAULT_DATABASE_TIMEOUTS, type Db } from '../../store/database.ts';
import { withReportTransaction } from '../../store/report-transaction.ts';
import { performanceReportFor, selfAssessmentFor, tsmCasesFor, tsmReportFor } from '../../store/reports.ts';
import { principalOf } from '../auth.ts';
import { HttpProblem } from '../http-problem.ts';
import { problemResponse } from '../problem-schema.ts';
import { toCsv } from './csv.ts';
import { pageOfCases } from './tsm-cases-page.ts';
import { CSV_CONTENT_TYPE, PeriodQuery, PerformanceResponse } from './performance-schema.ts';
import { SelfAssessmentQuery, SelfAssessmentSchema, TsmCasesQuery, TsmCasesSchema, TsmReportSchema, YearQuery } from './schemas.ts';

// The regulator's and the board's figures, computed from the complaints on each request
// (reads may go to a replica: nothing here writes).

export interface ReportRouteDeps {
  db: Db;
  clock: Clock;
  calendarFor: CalendarFor;
  /** A report's statements may run this long (longer than other requests'); 60 s by default. */
  reportStatementTimeoutMs?: number;
}

/** A performance report over at most this many days: enough for a few years' trend, never a scan of all history by mistake. */
const MAX_PERIOD_DAYS = 3 * 366;

/** CSV when the client lists text/csv before application/json (or without it); quality values are not weighed. */
function wantsCsv(accept: string | undefined): boolean {
  const types = (accept ?? '').split(',').map((t) => t.split(';')[0]!.trim().toLowerCase());
  const csv = types.indexOf(CSV_CONTENT_TYPE);
  const json = types.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
}

/** A report's 200: its JSON schema, or the flat CSV rows. */
function csvOr(schema: TSchema, description: string) {
  return {
    description,
    content: {
      'application/json': { schema },
      [CSV_CONTENT_TYPE]: { schema: Type.String({ description: 'header `section,metric,value`, one row per figure' }) },
    },
  };
}

function sendReport(accept: string | undefined, reply: FastifyReply, report: object, name: string) {
  reply.header('vary', 'accept');
  if (wantsCsv(accept)) {
    return reply.type(`${CSV_CONTENT_TYPE}; charset=utf-8`).header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(report as Record<string, unknown>));
  }
  return reply.type('application/json; charset=utf-8').send(report);
}

export const reportRoutes: FastifyPluginAsyncTypebox<ReportRouteDeps> = async (app, deps) => {
  // Each report reads in one transaction with its own statement limit.
  const reading = <T>(run: (reportDeps: ReportRouteDeps) => Promise<T>): Promise<T> =>
    withReportTransaction(deps.db, deps.reportStatementTimeoutMs ?? DEFAULT_DATABASE_TIMEOUTS.reportStatementMs, (db) => run({ ...deps, db }));
  app.get(
    '/v1/reports/tsm',
    {
      config: { scope: 'reports:read' },
      schema: {
        operationId: 'getTsmReport',
        tags: ['reports'],
        summary: "The Regulator of Social Housing's CH01 and CH02 for a financial year, with the inputs and definitions used",
        querystring: YearQuery,
        response: { 200: csvOr(TsmReportSchema, 'The report as JSON, or with `Accept: text/csv` as rows of section, metric, value') },
      },
    },
    async (request, reply) => {
      const { year } = request.query;
      const report = await reading((d) => tsmReportFor(d, principalOf(request).organisationId, year));
      return sendReport(request.headers.accept, reply, report, `tsm-${year}`);
    },
  );

  app.get(
    '/v1/reports/tsm/cases',
    {
      config: { scope: 'reports:read' },
      schema: {
        operationId: 'listTsmCases',
        tags: ['reports'],
        summary: 'The cases behind a TSM figure: each complaint counted or left out, and why',
        querystring: TsmCasesQuery,
        response: { 200: TsmCasesSchema },
      },
    },
    async (request) => {
      const { year, measure, stage, limit = 50, cursor } = request.query;
      const report = await reading((d) => tsmCasesFor(d, principalOf(request).organisationId, { year, measure, stage: stage as Stage }));
      return { ...report, ...pageOfCases(report.items, { limit, cursor }) };
    },
  );

  app.get(
    '/v1/reports/performance',
    {
      config: { scope: 'reports:read' },
      schema: {
        operationId: 'getPerformanceReport',
        tags: ['reports'],
        summary: 'The annual complaints performance report for complaints received in a period: JSON, or CSV with `Accept: text/csv`',
        querystring: PeriodQuery,
        response: { 200: PerformanceResponse, 422: problemResponse('`to` is before `from`, or the period is longer than three years') },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (days < 0 || days > MAX_PERIOD_DAYS) {
        throw new HttpProblem(422, 'invalid_period', 'Unprocessable content', `the period must run forwards and last at most ${MAX_PERIOD_DAYS} days; got ${from} to ${to}`);
      }
      const report = await reading((d) => performanceReportFor(d, principalOf(request).organisationId, { from, to }));
      reply.header('vary', 'accept');
      if (wantsCsv(request.headers.accept)) {
        return reply.type(`${CSV_CONTENT_TYPE}; charset=utf-8`).header('content-disposition', `attachment; filename="complaints-performance-${from}-to-${to}.csv"`).send(toCsv(report));
      }
      return reply.type('application/json; charset=utf-8').send(report);
    },
  );

  app.get(
    '/v1/reports/self-assessment',
    {
      config: { scope: 'reports:read' },
      schema: {
        operationId: 'getSelfAssessment',
        tags: ['reports'],
        summary: 'The Complaint Handling Code provisions the data can evidence for a financial year, as of a date: compliance rate and failing cases',
        description: 'With `asOf`, the data as it stood at the end of that date: the same answer however much is recorded (or back-dated) later.',
        querystring: SelfAssessmentQuery,
        response: { 200: csvOr(SelfAssessmentSchema, 'The self-assessment as JSON, or with `Accept: text/csv` as rows of section, metric, value') },
      },
    },
    async (request, reply) => {
      const { year, asOf = londonDateOf(deps.clock()) } = request.query;
      const report = await reading((d) => selfAssessmentFor(d, principalOf(request).organisationId, year, asOf));
      return sendReport(request.headers.accept, reply, report, `self-assessment-${year}-as-of-${asOf}`);
    },
  );
};
