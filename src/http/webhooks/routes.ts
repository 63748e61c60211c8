import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { changeSubscription, createSubscription, rotateSecret, sendTestEvent, type WebhookDeps } from '../../app/webhooks/subscriptions.ts';
import { listDeliveries, redeliver, type DeliveryView } from '../../store/webhook-deliveries.ts';
import { deleteSubscription, findSubscription, listSubscriptions, type Subscription } from '../../store/webhooks.ts';
import { principalOf } from '../auth.ts';
import { HttpProblem, notFound } from '../http-problem.ts';
import { problemResponse } from '../problem-schema.ts';
import {
  CreateWebhookBody, DeliveryListQuery, DeliveryListResponse, DeliveryParams, QueuedResponse, UpdateWebhookBody, WebhookParams, WebhookSchema,
  WebhookWithSecretSchema,
} from './schemas.ts';

// Subscriptions need `admin`: a subscription sends the landlord's events to a URL of the
// caller's choosing. POSTs here take no Idempotency-Key: replaying a create or a rotation
// would mean storing its secret in clear beside the stored answer.

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toBody(s: Subscription) {
  return {
    id: s.id, url: s.url, events: s.eventTypes, description: s.description, enabled: s.enabled, disabledReason: s.disabledReason, disabledAt: iso(s.disabledAt),
    previousSecretExpiresAt: iso(s.previousSecretExpiresAt), failingSince: iso(s.failingSince), createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(),
  };
}

function deliveryBody(d: DeliveryView) {
  return {
    id: d.id, eventId: d.eventId, eventType: d.eventType, sequence: d.sequence, status: d.status as 'pending' | 'delivered' | 'failed', nextAttemptAt: iso(d.nextAttemptAt),
    createdAt: d.createdAt.toISOString(), deliveredAt: iso(d.deliveredAt), redeliveryOf: d.redeliveryOf,
    attempts: d.attemptLog.map((a) => ({
      number: a.number, startedAt: a.startedAt.toISOString(), latencyMs: a.durationMs, outcome: a.outcome as 'succeeded' | 'failed', responseStatus: a.responseStatus,
      responseBody: a.responseBody, error: a.error,
    })),
  };
}

const encodeCursor = (d: DeliveryView) => Buffer.from(JSON.stringify([d.createdAt.toISOString(), d.id])).toString('base64url');
function decodeCursor(value: string | undefined): { createdAt: string; id: string } | undefined {
  if (value === undefined) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return { createdAt, id };
  } catch {
    // not ours
  }
  throw new HttpProblem(400, 'invalid_cursor', 'Bad request', 'The cursor is not one this API gave', [{ field: 'query.cursor', message: 'is not valid' }]);
}

const missing = problemResponse('No such subscription in this organisation');
const base = { config: { scope: 'admin' as const } };

export const webhookRoutes: FastifyPluginAsyncTypebox<WebhookDeps> = async (app, deps) => {
  const found = async (organisationId: string, id: string) => {
    const s = await findSubscription(deps.db, organisationId, id);
    if (!s) throw notFound(`Webhook subscription ${id}`);
    return s;
  };

  app.post('/v1/webhooks', {
    config: { scope: 'admin', location: true },
    schema: {
      operationId: 'createWebhook', tags: ['webhooks'], summary: 'Subscribe a URL to events; the signing secret is shown once',
      body: CreateWebhookBody, response: { 201: Type.Ref(WebhookWithSecretSchema), 409: problemResponse('Webhooks are not configured on this server'), 422: problemResponse('The URL or an event type is refused') },
    },
  }, async (request, reply) => {
    const { organisationId } = principalOf(request);
    const { subscription, secret } = await createSubscription(deps, { organisationId, url: request.body.url, events: request.body.events, description: request.body.description ?? '' });
    return reply.code(201).header('location', `/v1/webhooks/${subscription.id}`).send({ ...toBody(subscription), secret });
  });

  app.get('/v1/webhooks', {
    ...base,
    schema: { operationId: 'listWebhooks', tags: ['webhooks'], summary: "This organisation's subscriptions", response: { 200: Type.Object({ items: Type.Array(Type.Ref(WebhookSchema)) }) } },
  }, async (request) => ({ items: (await listSubscriptions(deps.db, principalOf(request).organisationId)).map(toBody) }));

  app.get('/v1/webhooks/:id', {
    ...base,
    schema: { operationId: 'getWebhook', tags: ['webhooks'], summary: 'One subscription', params: WebhookParams, response: { 200: Type.Ref(WebhookSchema), 404: missing } },
  }, async (request) => toBody(await found(principalOf(request).organisationId, request.params.id)));

  app.patch('/v1/webhooks/:id', {
    ...base,
    schema: {
      operationId: 'updateWebhook', tags: ['webhooks'], summary: 'Change the URL, events or description, or disable and re-enable',
      params: WebhookParams, body: UpdateWebhookBody, response: { 200: Type.Ref(WebhookSchema), 404: missing, 422: problemResponse('The URL or an event type is refused') },
    },
  }, async (request) => {
    const updated = await changeSubscription(deps, principalOf(request).organisationId, request.params.id, request.body);
    if (!updated) throw notFound(`Webhook subscription ${request.params.id}`);
    return toBody(updated);
  });

  app.delete('/v1/webhooks/:id', {
    ...base,
    schema: {
      operationId: 'deleteWebhook', tags: ['webhooks'], summary: 'Unsubscribe; pending deliveries are dropped. Answers the subscription as it was',
      params: WebhookParams, response: { 200: Type.Ref(WebhookSchema), 404: missing },
    },
  }, async (request) => {
    const { organisationId } = principalOf(request);
    const existing = await found(organisationId, request.params.id);
    if (!(await deleteSubscription(deps.db, organisationId, request.params.id))) throw notFound(`Webhook subscription ${request.params.id}`);
    return toBody(existing);
  });

  app.post('/v1/webhooks/:id/rotate-secret', {
    ...base,
    schema: {
      operationId: 'rotateWebhookSecret', tags: ['webhooks'], summary: 'A new secret; the old one keeps signing beside it for 24 hours',
      description: 'During the overlap every delivery carries two signatures in `webhook-signature`, one per secret, so a receiver verifies with either.',
      params: WebhookParams, response: { 200: Type.Ref(WebhookWithSecretSchema), 404: missing, 409: problemResponse('Webhooks are not configured on this server') },
    },
  }, async (request) => {
    const rotated = await rotateSecret(deps, principalOf(request).organisationId, request.params.id);
    if (!rotated) throw notFound(`Webhook subscription ${request.params.id}`);
    return { ...toBody(rotated.subscription), secret: rotated.secret };
  });

  app.post('/v1/webhooks/:id/test', {
    ...base,
    schema: { operationId: 'testWebhook', tags: ['webhooks'], summary: 'Send a webhook.test event to this subscription alone', params: WebhookParams, response: { 202: QueuedResponse, 404: missing } },
  }, async (request, reply) => {
    const queued = await sendTestEvent(deps, principalOf(request).organisationId, request.params.id);
    if (!queued) throw notFound(`Webhook subscription ${request.params.id}`);
    return reply.code(202).send(queued);
  });

  app.get('/v1/webhooks/:id/deliveries', {
    ...base,
    schema: {
      operationId: 'listWebhookDeliveries', tags: ['webhooks'], summary: 'Deliveries, newest first, each with its attempts (status, latency, first 1 KB of the answer)',
      params: WebhookParams, querystring: DeliveryListQuery, response: { 200: DeliveryListResponse, 404: missing },
    },
  }, async (request) => {
    const { organisationId } = principalOf(request);
    await found(organisationId, request.params.id);
    const limit = request.query.limit ?? 50;
    const items = await listDeliveries(deps.db, { organisationId, subscriptionId: request.params.id, limit, before: decodeCursor(request.query.cursor) });
    const last = items.at(-1);
    return { items: items.map(deliveryBody), nextCursor: items.length === limit && last ? encodeCursor(last) : null };
  });

  app.post('/v1/webhooks/:id/deliveries/:deliveryId/redeliver', {
    ...base,
    schema: {
      operationId: 'redeliverWebhook', tags: ['webhooks'], summary: 'Send this delivery again (same webhook-id), now',
      params: DeliveryParams, response: { 202: QueuedResponse, 404: problemResponse('No such delivery of this subscription') },
    },
  }, async (request, reply) => {
    const { organisationId } = principalOf(request);
    const again = await redeliver(deps.db, { organisationId, subscriptionId: request.params.id, deliveryId: request.params.deliveryId, now: deps.clock() });
    if (!again) throw notFound(`Delivery ${request.params.deliveryId}`);
    return reply.code(202).send(again);
  });
};

