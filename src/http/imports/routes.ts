import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { receiveUpload } from '../../app/imports/receive-upload.ts';
import type { CalendarFor } from '../../domain/calendar/index.ts';
import type { Clock } from '../../domain/clock.ts';
import { processImports } from '../../jobs/imports.ts';
import type { Db } from '../../store/database.ts';
import { findImport, listRejections, type ImportRecord } from '../../store/imports.ts';
import { principalOf } from '../auth.ts';
import { HttpProblem, notFound } from '../http-problem.ts';
import { problemResponse } from '../problem-schema.ts';
import { cell } from '../reports/csv.ts';
import { ImportParams, ImportSchema, RejectionsQuery, RejectionsResponse, UploadQuery } from './schemas.ts';

export interface ImportRouteDeps {
  db: Db;
  clock: Clock;
  calendarFor: CalendarFor;
  /** How often this instance looks for imports to resume (a crashed worker's); 0 or unset: never (the server sets it). */
  importPollMs?: number;
  /** How long an upload may store nothing before the job gives it up as `failed` (default 15 minutes). */
  importUploadIdleMs?: number;
  /** Batches of an import written at once (PostgreSQL with a pool of 3 or more; default 1). */
  importWorkers?: number;
}

const FORMATS: Record<string, 'ndjson' | 'csv'> = { 'application/x-ndjson': 'ndjson', 'text/csv': 'csv' };

const view = (r: ImportRecord) => ({ ...r, organisationId: undefined, createdAt: r.createdAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null });

/** TypeBox checks for the parts a streamed body's route still validates (the body itself is a stream). */
function checker(schema: TSchema) {
  return (data: unknown) => {
    const value = data ?? {};
    if (Value.Check(schema, value)) return { value };
    const first = [...Value.Errors(schema, value)][0];
    const field = first?.path.replace(/^\//, '').replace(/\//g, '.') || 'querystring';
    return { error: Object.assign(new Error(`querystring.${field} ${first?.message ?? 'is invalid'}`), { validation: [{ instancePath: first?.path ?? '', message: first?.message }], validationContext: 'querystring' }) };
  };
}

export const importRoutes: FastifyPluginAsync<ImportRouteDeps> = async (app, deps) => {
  // The upload is read as a stream, line by line, never buffered whole.
  app.addContentTypeParser(Object.keys(FORMATS), (_request, payload, done) => done(null, payload));
  const log = app.log;
  let running: Promise<unknown> | undefined;
  const work = (only?: string) => {
    const job = processImports(deps.db, {
      clock: deps.clock,
      calendarFor: deps.calendarFor,
      ...(only ? { only } : {}),
      ...(deps.importUploadIdleMs !== undefined ? { uploadIdleMs: deps.importUploadIdleMs } : {}),
      ...(deps.importWorkers !== undefined ? { workers: deps.importWorkers } : {}),
    }).catch((err: unknown) => log.error({ err }, 'import job failed'));
    running = job;
    return job;
  };
  const poll = deps.importPollMs ?? 0;
  const timer = poll > 0 ? setInterval(() => void (running ?? work()).finally(() => (running = undefined)), poll) : undefined;
  timer?.unref();
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await running;
  });

  app.post(
    '/v1/imports',
    {
      config: { scope: 'complaints:write' },
      validatorCompiler: ({ schema }) => checker(schema as unknown as TSchema),
      schema: {
        operationId: 'startImport',
        tags: ['imports'],
        summary: "Import a landlord's past complaints with their histories: NDJSON (one complaint per line) or CSV (the flat layout)",
        description:
          'Each line is the body of POST /v1/complaints (with a required externalRef) plus `history`: the commands, in order, each ' +
          '`{ "command": "<the path after /v1/complaints/{id}/>", "occurredAt": ..., ...its body }` (completions: `complete-remedy` / `complete-action` with `id`). ' +
          'Every complaint goes through the domain rules of the live commands, all or nothing. The same line again is unchanged; ' +
          'a different line for an externalRef imported before is rejected, never applied. Answers once the upload is stored; a job does the rest.',
        querystring: UploadQuery,
        response: {
          202: ImportSchema,
          400: problemResponse('The upload was cut off before the end of the file: the import is failed'),
          415: problemResponse('Send Content-Type application/x-ndjson or text/csv'),
        },
      },
    },
    async (request, reply) => {
      const { organisationId, apiKeyId } = principalOf(request);
      const format = FORMATS[(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()];
      if (format === undefined || request.body === undefined || request.body === null) {
        throw new HttpProblem(415, 'unsupported_media_type', 'Unsupported media type', 'Send the file as Content-Type application/x-ndjson or text/csv');
      }
      // With no body at all no parser ran, so no Content-Type was checked: still a 415, not a NULL format (a 500).
      if (!format) throw new HttpProblem(415, 'unsupported_media_type', 'Unsupported media type', 'Send the upload with Content-Type application/x-ndjson or text/csv');
      const { id, complete } = await receiveUpload(deps.db, {
        organisationId,
        format,
        dryRun: (request.query as { dryRun?: string }).dryRun === 'true',
        actor: apiKeyId,
        body: request.body as Readable,
        now: deps.clock,
      });
      // Mostly nobody hears this (the client is gone), but a client that ended its body early does.
      if (!complete) throw new HttpProblem(400, 'upload_incomplete', 'Bad request', `The upload did not arrive whole: import ${id} is failed and nothing of it is imported; send the file again`);
      void work(id);
      const record = (await findImport(deps.db, organisationId, id))!;
      return reply.code(202).send(view(record));
    },
  );

  app.get(
    '/v1/imports/:id',
    {
      config: { scope: 'complaints:read' },
      schema: { operationId: 'getImport', tags: ['imports'], summary: "An import's progress: lines read, imported, unchanged, rejected", params: ImportParams, response: { 200: ImportSchema, 404: problemResponse('No such import for this landlord') } },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const record = await findImport(deps.db, principalOf(request).organisationId, id);
      if (!record) throw notFound(`Import ${id}`);
      return view(record);
    },
  );

  app.get(
    '/v1/imports/:id/rejections',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'listImportRejections',
        tags: ['imports'],
        summary: 'Each rejected line: its number, externalRef and the problem+json errors; JSON pages or all as CSV',
        params: ImportParams,
        querystring: RejectionsQuery,
        response: { 200: RejectionsResponse, 404: problemResponse('No such import for this landlord') },
      },
    },
    async (request, reply: FastifyReply) => {
      const { id } = request.params as { id: string };
      const { limit = 50, cursor } = request.query as { limit?: number; cursor?: string };
      const { organisationId } = principalOf(request);
      if (!(await findImport(deps.db, organisationId, id))) throw notFound(`Import ${id}`);
      reply.header('vary', 'accept');
      if ((request.headers.accept ?? '').toLowerCase().includes('text/csv')) {
        const rows = ['line,externalRef,code,status,detail,errors'];
        for (let after = 0; ; ) {
          const page = await listRejections(deps.db, organisationId, id, { afterLine: after, limit: 1000 });
          for (const r of page) {
            const p = r.problem as { code?: string; status?: number; detail?: string; errors?: { field: string; message: string }[] };
            const errors = (p.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
            rows.push([r.line, r.externalRef, p.code ?? '', p.status ?? '', p.detail ?? '', errors].map((c) => cell(c)).join(','));
          }
          if (page.length < 1000) break;
          after = page.at(-1)!.line;
        }
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="import-${id}-rejections.csv"`).send(rows.join('\r\n') + '\r\n');
      }
      const after = cursor === undefined ? 0 : Number.parseInt(cursor, 10) || 0;
      const items = await listRejections(deps.db, organisationId, id, { afterLine: after, limit });
      return reply.type('application/json; charset=utf-8').send({ items, nextCursor: items.length === limit ? String(items.at(-1)!.line) : null });
    },
  );
};
