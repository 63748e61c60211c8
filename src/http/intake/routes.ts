import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { logNewComplaint } from '../../store/complaint-commands.ts';
import { findOrganisation } from '../../store/organisations.ts';
import { hitRateLimit } from '../../store/rate-limits.ts';
import { principalOf } from '../auth.ts';
import { HttpProblem, notFound } from '../http-problem.ts';
import { IdempotencyHeaders, sendIdempotent } from '../idempotency.ts';
import { problemResponse } from '../problem-schema.ts';
import { actorOf, type ComplaintRouteDeps } from '../complaints/view.ts';
import { allowOrigin, answerPreflight } from './cors.ts';
import { PublicComplaintBody, PublicComplaintResponse } from './schemas.ts';

export interface IntakeLimits {
  perKeyPerMinute: number;
  perAddressPerMinute: number;
}

const PATH = '/v1/public/complaints';

function tooMany(retryAfterSeconds: number) {
  return new HttpProblem(429, 'rate_limited', 'Too many requests', `Too many complaints from here; retry in ${retryAfterSeconds} s`);
}

export const intakeRoutes: FastifyPluginAsyncTypebox<ComplaintRouteDeps & { limits: IntakeLimits }> = async (app, deps) => {
  const { db, clock, limits } = deps;

  app.options(PATH, { schema: { hide: true } }, async (request, reply) => answerPreflight(db, request, reply));

  app.post(
    PATH,
    {
      config: { scope: 'intake:create' },
      bodyLimit: 32 * 1024,
      schema: {
        operationId: 'submitPublicComplaint',
        tags: ['public intake'],
        summary: "A complaint from the landlord's website form",
        description: 'For a key with the `intake:create` scope, from the landlord’s listed web origins; rate-limited per key and per client address. Answers with the reference and the acknowledgement due date only.',
        headers: IdempotencyHeaders,
        body: PublicComplaintBody,
        response: {
          201: PublicComplaintResponse,
          422: problemResponse('No way to contact the resident was given, or an Idempotency-Key was reused'),
          429: problemResponse('Too many submissions; see Retry-After'),
        },
      },
    },
    async (request, reply) => {
      const { organisationId, apiKeyId } = principalOf(request);
      const organisation = await findOrganisation(db, organisationId);
      if (!organisation) throw notFound('The organisation');
      allowOrigin(request, reply, organisation.intakeOrigins);
      const now = clock();
      for (const [bucket, limit] of [[`key:${apiKeyId}`, limits.perKeyPerMinute], [`address:${request.ip}`, limits.perAddressPerMinute]] as const) {
        const hit = await hitRateLimit(db, { organisationId, bucket, limit, now });
        if (!hit.allowed) {
          reply.header('retry-after', String(hit.retryAfterSeconds));
          throw tooMany(hit.retryAfterSeconds);
        }
      }
      const body = request.body;
      if (body.website) {
        throw new HttpProblem(400, 'submission_rejected', 'Bad request', 'The submission was rejected', [{ field: 'body.website', message: 'must be left empty' }]);
      }
      if (!body.email && !body.phone && !body.address) {
        throw new HttpProblem(422, 'contact_details_missing', 'Unprocessable content', 'Give at least one way to contact the resident', [
          { field: 'body.email', message: 'or phone or address is required' },
        ]);
      }
      const who = actorOf(request, deps);
      return sendIdempotent(request, reply, deps, async (tx) => {
        const { complaint, deadlines } = await logNewComplaint(
          tx,
          who,
          {
            channel: 'web_form',
            receivedAt: now.toISOString(),
            complainant: { name: body.name, email: body.email ?? null, phone: body.phone ?? null, address: body.address ?? null, tenancyRef: body.tenancyRef ?? null },
            description: body.whatWentWrong,
            outcomesSought: body.whatWouldPutItRight ? [body.whatWouldPutItRight] : [],
            vulnerability: { preferredContactMethod: body.consentToContact ? null : 'none: the resident did not consent to be contacted' },
          },
          now,
        );
        const acknowledgement = deadlines.find((d) => d.kind === 'stage_1_acknowledgement');
        return { status: 201, body: { reference: complaint.reference, acknowledgementDueDate: acknowledgement?.dueDate ?? null }, headers: {} };
      });
    },
  );
};
