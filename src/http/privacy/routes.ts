import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { eraseSubject } from '../../app/privacy/erase-subject.ts';
import { exportSubject } from '../../app/privacy/export-subject.ts';
import { changeLegalHold } from '../../app/privacy/legal-hold.ts';
import { changeRetention } from '../../app/privacy/retention-view.ts';
import { searchSubjects } from '../../app/privacy/search-subjects.ts';
import { londonDateOf } from '../../domain/calendar/index.ts';
import type { Clock } from '../../domain/clock.ts';
import { legalHoldsOn } from '../../domain/privacy/legal-holds.ts';
import { listAccessRecords, type AccessRecord } from '../../store/access-records.ts';
import { lockStoredComplaint } from '../../store/data-subjects.ts';
import type { Db } from '../../store/database.ts';
import { principalOf } from '../auth.ts';
import { notFound } from '../http-problem.ts';
import { IdempotencyHeaders, sendIdempotent } from '../idempotency.ts';
import { decodePageCursor, encodePageCursor, isInstantText, isUuidText } from '../page-cursor.ts';
import { problemResponse } from '../problem-schema.ts';
import { exportCsv } from './export-csv.ts';
import {
  AuditQuery, AuditResponse, ComplaintIdParams, ErasureBody, ErasureResponse, ExportResponse, LegalHoldBody, LegalHoldsResponse, RetentionBody, RetentionSchema,
  SearchResponse, SubjectBody,
} from './schemas.ts';

// Personal data under UK GDPR: find a person, export what is held on them, erase it, hold
// it for legal reasons, the retention schedule, and the access record. `privacy:manage` (or
// `admin`) for all but the access record and the schedule, which are the organisation's (`admin`).

type Deps = { db: Db; clock: Clock };
const privacy = { scope: 'privacy:manage' as const };
const tags = ['personal data'];
const noComplaint = problemResponse('No such complaint for this landlord');

const auditItem = (r: AccessRecord) => ({ id: r.id, at: r.at.toISOString(), actor: r.actor, action: r.action, complaintIds: r.complaintIds, detail: r.detail });

export const privacyRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.post('/v1/data-subjects/search', {
    config: privacy,
    schema: {
      operationId: 'searchDataSubject', tags, summary: 'The complaints that mention a person, as resident or representative, and how each matched',
      headers: IdempotencyHeaders, body: SubjectBody, response: { 200: SearchResponse, 422: problemResponse('The Idempotency-Key was used with another request') },
    },
  }, async (request, reply) => {
    const { organisationId, apiKeyId } = principalOf(request);
    return sendIdempotent(request, reply, deps, async (tx) => {
      const items = await searchSubjects(tx, { organisationId, actor: apiKeyId, criteria: request.body, now: deps.clock() });
      return { status: 200, body: { items: items.map(({ role, ...hit }) => ({ ...hit, subject: role })) }, headers: {} };
    });
  });

  app.post('/v1/data-subjects/exports', {
    config: privacy,
    schema: {
      operationId: 'exportDataSubject', tags, summary: 'A subject access export: every record holding the person’s data, as JSON and CSV per table',
      description: 'Another person’s data in the same complaint (a representative, or the resident when the subject is their representative) is redacted and listed in `leftOut`. The export is recorded in the access record.',
      headers: IdempotencyHeaders, body: SubjectBody, response: { 201: ExportResponse, 422: problemResponse('The Idempotency-Key was used with another request') },
    },
  }, async (request, reply) => {
    const { organisationId, apiKeyId } = principalOf(request);
    return sendIdempotent(request, reply, deps, async (tx) => {
      const document = await exportSubject(tx, { organisationId, actor: apiKeyId, criteria: request.body, now: deps.clock() });
      return { status: 201, body: { ...document, csv: exportCsv(document) }, headers: {} };
    });
  });

  app.post('/v1/data-subjects/erasures', {
    config: privacy,
    schema: {
      operationId: 'eraseDataSubject', tags, summary: 'Erase a person’s data from every complaint that mentions them, and from every copy',
      description:
        'Names, contact details, addresses, references, vulnerability details and free text are replaced with `[erased]` in the complaint, its events, the change feed, stored Idempotency-Key answers, the outbox, webhook deliveries and import lines. Dates, stages, decisions, categories, service areas and amounts stay, so every report gives the same figures. All or nothing: refused (409 `legal_hold`, each reason in `errors`) while a legal hold applies to any of the complaints. Each complaint gets a `complaint.personal_data_erased` event naming the kinds of data erased, never the data.',
      headers: IdempotencyHeaders, body: ErasureBody,
      response: {
        201: ErasureResponse, 409: problemResponse('A legal hold applies (an open complaint, an open Ombudsman case, the referral window, an admin hold): nothing was erased'),
        422: problemResponse('No complaint holds this person’s data any more, or the Idempotency-Key was used with another request'),
      },
    },
  }, async (request, reply) => {
    const { organisationId, apiKeyId } = principalOf(request);
    const { complaintIds, ...criteria } = request.body;
    return sendIdempotent(request, reply, deps, async (tx) => {
      const erasure = await eraseSubject(tx, { organisationId, actor: apiKeyId, criteria, complaintIds, now: deps.clock() });
      const complaints = erasure.complaints.map((c) => ({ complaintId: c.complaintId, reference: c.reference, subject: c.role, categories: [...c.categories], copies: c.copies }));
      return { status: 201, body: { id: erasure.id, erasedAt: erasure.erasedAt.toISOString(), erasedBy: erasure.erasedBy, complaints }, headers: {} };
    });
  });

  const holdsBody = async (organisationId: string, id: string) => {
    const stored = await lockStoredComplaint(deps.db, organisationId, id, false);
    if (!stored) throw notFound(`Complaint ${id}`);
    return {
      complaintId: stored.complaint.id, reference: stored.complaint.reference, holds: legalHoldsOn(stored.complaint, stored.legalHold, londonDateOf(deps.clock())),
      adminHold: stored.legalHold, anonymisedAt: stored.anonymisedAt?.toISOString() ?? null,
    };
  };

  app.get('/v1/complaints/:id/legal-holds', {
    config: privacy,
    schema: { operationId: 'getLegalHolds', tags, summary: 'Every legal hold on the complaint’s personal data now', params: ComplaintIdParams, response: { 200: LegalHoldsResponse, 404: noComplaint } },
  }, async (request) => holdsBody(principalOf(request).organisationId, request.params.id));

  app.put('/v1/complaints/:id/legal-hold', {
    config: privacy,
    schema: {
      operationId: 'setLegalHold', tags, summary: 'Put the complaint’s personal data on an administrator’s legal hold (or change its reason)',
      params: ComplaintIdParams, body: LegalHoldBody, response: { 200: LegalHoldsResponse, 404: noComplaint },
    },
  }, async (request) => {
    const { organisationId, apiKeyId } = principalOf(request);
    const changed = await deps.db.transaction().execute((tx) => changeLegalHold(tx, { organisationId, complaintId: request.params.id, actor: apiKeyId, reason: request.body.reason, now: deps.clock() }));
    if (changed === false) throw notFound(`Complaint ${request.params.id}`);
    return holdsBody(organisationId, request.params.id);
  });

  app.delete('/v1/complaints/:id/legal-hold', {
    config: privacy,
    schema: { operationId: 'releaseLegalHold', tags, summary: 'Release the administrator’s legal hold', params: ComplaintIdParams, response: { 200: LegalHoldsResponse, 404: noComplaint } },
  }, async (request) => {
    const { organisationId, apiKeyId } = principalOf(request);
    const changed = await deps.db.transaction().execute((tx) => changeLegalHold(tx, { organisationId, complaintId: request.params.id, actor: apiKeyId, reason: null, now: deps.clock() }));
    if (changed === false) throw notFound(`Complaint ${request.params.id}`);
    return holdsBody(organisationId, request.params.id);
  });

  app.put('/v1/organisation/retention', {
    config: { scope: 'admin' },
    schema: {
      operationId: 'updateRetentionSchedule', tags: ['administration'], summary: 'How many years after a complaint ends its personal data is anonymised (default 6)',
      body: RetentionBody, response: { 200: Type.Ref(RetentionSchema) },
    },
  }, async (request) => {
    const view = await changeRetention(deps.db, principalOf(request).organisationId, request.body);
    if (!view) throw notFound('The organisation');
    return view;
  });

  app.get('/v1/audit', {
    config: { scope: 'admin' },
    schema: {
      operationId: 'listAccessRecords', tags, summary: 'The access record, newest first: exports, erasures, anonymisations, searches, legal holds and reads of vulnerable residents’ complaints',
      querystring: AuditQuery, response: { 200: AuditResponse },
    },
  }, async (request) => {
    const { limit = 50, cursor, action, complaintId } = request.query;
    const before = cursor === undefined ? undefined : decodePageCursor(cursor, ([at, id]) => (isInstantText(at) && isUuidText(id) ? { at, id } : undefined));
    const items = await listAccessRecords(deps.db, { organisationId: principalOf(request).organisationId, limit, before, action, complaintId });
    const last = items.at(-1);
    return { items: items.map(auditItem), nextCursor: items.length === limit && last ? encodePageCursor([last.at.toISOString(), last.id]) : null };
  });
};
