import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { londonDateOf } from '../../domain/calendar/index.ts';
import { logNewComplaint, openLinkedNewComplaint } from '../../store/complaint-commands.ts';
import { deadlinesOfComplaints, listComplaintEvents, listComplaints } from '../../store/complaint-queries.ts';
import { findComplaintWithDeadlinesCached } from '../../store/complaint-read-cache.ts';
import { findComplaint } from '../../store/complaints.ts';
import { recordSensitiveReads } from '../../app/privacy/sensitive-reads.ts';
import { principalOf } from '../auth.ts';
import { etagOf } from '../etag.ts';
import { notFound } from '../http-problem.ts';
import { IdempotencyHeaders, sendIdempotent } from '../idempotency.ts';
import { problemResponse } from '../problem-schema.ts';
import {
  ComplaintListResponse,
  ComplaintParams,
  ComplaintRefParams,
  EventListQuery,
  EventListResponse,
  LinkedComplaintBody,
  ListComplaintsQuery,
  LogComplaintBody,
} from './command-schemas.ts';
import { ComplaintSchema } from './complaint-schema.ts';
import { decodeCursor, decodeEventCursor, encodeCursor, encodeEventCursor } from './cursor.ts';
import { actorOf, createdComplaintHeaders, complaintView, type ComplaintRouteDeps } from './view.ts';

export const complaintRoutes: FastifyPluginAsyncTypebox<ComplaintRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;

  app.post(
    '/v1/complaints',
    {
      config: { scope: 'complaints:write', etag: true, location: true },
      schema: {
        operationId: 'logComplaint',
        tags: ['complaints'],
        summary: 'Log a complaint; answers with it and its computed deadlines',
        headers: IdempotencyHeaders,
        body: LogComplaintBody,
        response: {
          201: Type.Ref(ComplaintSchema),
          409: problemResponse('externalRef already used, or the receipt is after the logging time'),
          422: problemResponse('required parts missing (listed in errors), or an Idempotency-Key reused with another body'),
        },
      },
    },
    async (request, reply) => {
      const { occurredAt, ...input } = request.body;
      const who = actorOf(request, deps);
      return sendIdempotent(request, reply, deps, async (tx) => {
        const saved = await logNewComplaint(tx, who, input, occurredAt ? new Date(occurredAt) : who.recordedAt);
        return {
          status: 201,
          body: complaintView(saved.complaint, saved.deadlines, who.recordedAt),
          headers: createdComplaintHeaders(saved.complaint),
        };
      });
    },
  );

  app.post(
    '/v1/complaints/:id/linked-complaints',
    {
      config: { scope: 'complaints:write', etag: true, location: true },
      schema: {
        operationId: 'openLinkedComplaint',
        tags: ['complaints'],
        summary: "Open a new complaint for a matter raised after this one's response, linked both ways",
        headers: IdempotencyHeaders,
        params: ComplaintParams,
        body: LinkedComplaintBody,
        response: {
          201: Type.Ref(ComplaintSchema),
          404: problemResponse('No such complaint for this landlord'),
          409: problemResponse('externalRef already used, or the dates break a rule'),
          422: problemResponse('required parts missing, or an Idempotency-Key reused with another body'),
        },
      },
    },
    async (request, reply) => {
      const { occurredAt, ...input } = request.body;
      const who = actorOf(request, deps);
      return sendIdempotent(request, reply, deps, async (tx) => {
        const at = occurredAt ? new Date(occurredAt) : who.recordedAt;
        const result = await openLinkedNewComplaint(tx, who, request.params.id, input, at);
        if (result === 'not_found') throw notFound(`Complaint ${request.params.id}`);
        const { complaint, deadlines } = result.linked;
        return { status: 201, body: complaintView(complaint, deadlines, who.recordedAt), headers: createdComplaintHeaders(complaint) };
      });
    },
  );

  app.get(
    '/v1/complaints',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'listComplaints',
        tags: ['complaints'],
        summary: 'Complaints, newest received first, filtered; cursor-paginated',
        querystring: ListComplaintsQuery,
        response: { 200: ComplaintListResponse },
      },
    },
    async (request) => {
      const { organisationId } = principalOf(request);
      const { limit = 50, cursor, ...filters } = request.query;
      const now = clock();
      const today = londonDateOf(now);
      const page = await listComplaints(db, organisationId, filters, { limit, after: cursor ? decodeCursor(cursor) : undefined, today, now });
      const deadlines = await deadlinesOfComplaints(db, organisationId, page.items.map((c) => c.id));
      await recordSensitiveReads(db, { organisationId, actor: principalOf(request).apiKeyId, now: clock(), complaints: page.items, via: 'listComplaints' });
      return {
        items: page.items.map((c) => complaintView(c, deadlines.get(c.id) ?? [], now)),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  );

  app.get(
    '/v1/complaints/:idOrReference',
    {
      config: { scope: 'complaints:read', etag: true },
      schema: {
        operationId: 'getComplaint',
        tags: ['complaints'],
        summary: 'One complaint, by id or by reference (e.g. CMP-2026-000123)',
        params: ComplaintRefParams,
        response: { 200: Type.Ref(ComplaintSchema), 404: problemResponse('No such complaint for this landlord') },
      },
    },
    async (request, reply) => {
      const { organisationId } = principalOf(request);
      const found = await findComplaintWithDeadlinesCached(db, organisationId, request.params.idOrReference);
      if (!found) throw notFound(`Complaint ${request.params.idOrReference}`);
      const { complaint, deadlines } = found;
      await recordSensitiveReads(db, { organisationId, actor: principalOf(request).apiKeyId, now: clock(), complaints: [complaint], via: 'getComplaint' });
      return reply.header('etag', etagOf(complaint.version)).send(complaintView(complaint, deadlines, clock()));
    },
  );

  app.get(
    '/v1/complaints/:id/events',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'listComplaintEvents',
        tags: ['complaints'],
        summary: "The complaint's append-only history: what happened, when, recorded when and by whom",
        params: ComplaintParams,
        querystring: EventListQuery,
        response: { 200: EventListResponse, 404: problemResponse('No such complaint for this landlord') },
      },
    },
    async (request) => {
      const { organisationId } = principalOf(request);
      const { limit = 50, cursor } = request.query;
      const after = cursor ? decodeEventCursor(cursor) : undefined;
      const complaint = await findComplaint(db, organisationId, request.params.id);
      if (!complaint) throw notFound(`Complaint ${request.params.id}`);
      await recordSensitiveReads(db, { organisationId, actor: principalOf(request).apiKeyId, now: clock(), complaints: [complaint], via: 'listComplaintEvents' });
      const page = await listComplaintEvents(db, organisationId, request.params.id, { limit, after });
      return { items: page.items, nextCursor: page.next ? encodeEventCursor(page.next) : null };
    },
  );
};
