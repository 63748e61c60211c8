import { Type } from '@sinclair/typebox';
import { FEED_EVENT_TYPES } from '../../domain/events/catalogue.ts';

const closed = { additionalProperties: false } as const;
const Uuid = (description: string) => Type.String({ format: 'uuid', description });

const EventPatterns = Type.Array(
  Type.String({ minLength: 1, maxLength: 100, description: `an event type, a family such as \`complaint.*\`, or \`*\`; types: ${FEED_EVENT_TYPES.join(', ')}` }),
  { minItems: 1, maxItems: 50 },
);
const Url = Type.String({
  minLength: 8,
  maxLength: 2000,
  description: 'https only (http to a loopback host when the server sets WEBHOOKS_ALLOW_HTTP_LOOPBACK=true); private, link-local and metadata addresses are refused, checked again at every delivery',
});

export const WebhookSchema = Type.Object(
  {
    id: Uuid('the subscription id'),
    url: Type.String(),
    events: Type.Array(Type.String()),
    description: Type.String(),
    enabled: Type.Boolean(),
    disabledReason: Type.Union([Type.String(), Type.Null()], { description: 'why it stopped: 410 Gone, 3 days of failures, or an administrator' }),
    disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    previousSecretExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'until then the secret before the last rotation signs too' }),
    failingSince: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'the first failure since the last success; 3 days of it disable the subscription' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Webhook', description: 'A subscription: where events are pushed. Its secret is never shown again after creation or rotation.' },
);

export const WebhookWithSecretSchema = Type.Object(
  { ...WebhookSchema.properties, secret: Type.String({ pattern: '^whsec_', description: 'the Standard Webhooks signing secret, shown only in this answer' }) },
  { $id: 'WebhookWithSecret', description: 'A subscription with its new secret: store the secret now, it is never shown again' },
);

export const CreateWebhookBody = Type.Object(
  { url: Url, events: EventPatterns, description: Type.Optional(Type.String({ maxLength: 500 })) },
  closed,
);

export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(EventPatterns),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    enabled: Type.Optional(Type.Boolean({ description: 'true re-enables a disabled subscription; it resumes from where it stopped' })),
  },
  closed,
);

export const WebhookParams = Type.Object({ id: Uuid('the subscription id') }, closed);
export const DeliveryParams = Type.Object({ id: Uuid('the subscription id'), deliveryId: Uuid('the delivery id') }, closed);

export const DeliveryListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: "the previous page's nextCursor" })),
  },
  closed,
);

const Attempt = Type.Object({
  number: Type.Integer({ minimum: 1 }),
  startedAt: Type.String({ format: 'date-time' }),
  latencyMs: Type.Integer(),
  outcome: Type.Union([Type.Literal('succeeded'), Type.Literal('failed')]),
  responseStatus: Type.Union([Type.Integer(), Type.Null()]),
  responseBody: Type.Union([Type.String(), Type.Null()], { description: 'the first 1 KB of the response' }),
  error: Type.Union([Type.String(), Type.Null()], { description: 'timeout, connection error or a refused address' }),
});

export const DeliverySchema = Type.Object(
  {
    id: Uuid('the delivery id'),
    eventId: Uuid('the event id, sent as webhook-id'),
    eventType: Type.String(),
    sequence: Type.Union([Type.Integer(), Type.Null()]),
    status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')], { description: 'failed: given up after 3 days, or the endpoint answered 410' }),
    nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    redeliveryOf: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    attempts: Type.Array(Attempt),
  },
  { $id: 'WebhookDelivery' },
);

export const DeliveryListResponse = Type.Object({
  items: Type.Array(Type.Ref(DeliverySchema), { description: 'newest first' }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const QueuedResponse = Type.Object({ deliveryId: Uuid('the new delivery'), eventId: Uuid('its webhook-id') });
