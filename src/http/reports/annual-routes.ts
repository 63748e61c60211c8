import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { setCommentary } from '../../app/reports/commentary.ts';
import { annualReportFor } from '../../app/reports/annual-report.ts';
import { londonDateOf } from '../../domain/calendar/index.ts';
import { DEFAULT_DATABASE_TIMEOUTS } from '../../store/database.ts';
import { withReportTransaction } from '../../store/report-transaction.ts';
import { principalOf } from '../auth.ts';
import { annualReportHtml } from './annual-report-html.ts';
import { AnnualReportQuery, AnnualReportSchema, CommentaryBody, CommentarySchema } from './annual-schema.ts';
import type { ReportRouteDeps } from './routes.ts';

// The annual complaints performance and service improvement report with the Code
// self-assessment (issue 17): a page to publish, or its JSON.

const HTML = 'text/html';

/** The page when the client lists text/html before application/json (a browser does); else JSON. */
function wantsHtml(accept: string | undefined): boolean {
  const types = (accept ?? '').split(',').map((t) => t.split(';')[0]!.trim().toLowerCase());
  const html = types.indexOf(HTML);
  const json = types.indexOf('application/json');
  return html >= 0 && (json < 0 || html < json);
}

/** Nothing may load from anywhere: the page is one self-contained document (styles inline, charts inline SVG). */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const annualReportRoutes: FastifyPluginAsyncTypebox<ReportRouteDeps> = async (app, deps) => {
  app.get(
    '/v1/reports/annual',
    {
      config: { scope: 'reports:read' },
      schema: {
        operationId: 'getAnnualReport',
        tags: ['reports'],
        summary: 'The annual complaints performance and service improvement report, with the Code self-assessment: a page to publish (`Accept: text/html`) or JSON',
        description:
          'The page is one self-contained, accessible HTML document (no scripts or external resources; charts as inline SVG, each with a text alternative and the table of its numbers; prints to A4). ' +
          'Its figures are those of the performance report for the financial year, CH01 and CH02 for this year and the previous one, and the self-assessment as of `asOf`.',
        querystring: AnnualReportQuery,
        response: {
          200: {
            description: 'The report as JSON, or with `Accept: text/html` as the page',
            content: {
              'application/json': { schema: AnnualReportSchema },
              [HTML]: { schema: Type.String({ description: 'a complete HTML document' }) },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { year, asOf = londonDateOf(deps.clock()) } = request.query;
      const report = await withReportTransaction(deps.db, deps.reportStatementTimeoutMs ?? DEFAULT_DATABASE_TIMEOUTS.reportStatementMs, (db) =>
        annualReportFor({ ...deps, db }, principalOf(request).organisationId, year, asOf),
      );
      reply.header('vary', 'accept');
      if (wantsHtml(request.headers.accept)) {
        return reply.type(`${HTML}; charset=utf-8`).header('content-security-policy', PAGE_POLICY).send(annualReportHtml(report));
      }
      return reply.type('application/json; charset=utf-8').send(report);
    },
  );

  app.put(
    '/v1/reports/self-assessment/commentary',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'putSelfAssessmentCommentary',
        tags: ['reports'],
        summary: "Set the landlord's commentary on one provision of a year's self-assessment (an empty text removes it)",
        description: 'Shown in the annual report beside the figures. A replace, so repeating it is harmless.',
        body: CommentaryBody,
        response: { 200: CommentarySchema },
      },
    },
    async (request) => {
      const { organisationId, apiKeyId } = principalOf(request);
      return setCommentary(deps.db, organisationId, { ...request.body, now: deps.clock(), actor: apiKeyId });
    },
  );
};
