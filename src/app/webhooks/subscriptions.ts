import { randomUUID } from 'node:crypto';
import type { Clock } from '../../domain/clock.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { isEventPattern } from '../../domain/events/catalogue.ts';
import { refusedUrl, type DestinationRules } from '../../domain/webhooks/destination.ts';
import { generateWebhookSecret } from '../../domain/webhooks/signature.ts';
import type { Db } from '../../store/database.ts';
import { insertDirectDelivery } from '../../store/webhook-deliveries.ts';
import { findSubscription, insertSubscription, replaceSecret, updateSubscription, type Subscription } from '../../store/webhooks.ts';
import type { SecretBox } from './secret-box.ts';

// The webhook use cases: the rules on a subscription (a URL we may send to, known event
// types) and the secret's life (made here, sealed at once, shown once, rotated with 24
// hours of overlap). A secret is never logged: only the sealed form is stored or passed on.

export interface WebhookDeps {
  db: Db;
  clock: Clock;
  /** Undefined when no WEBHOOK_SECRET_KEY is configured on a PostgreSQL deployment. */
  box: SecretBox | undefined;
  rules: DestinationRules;
}

/** After a rotation the old secret keeps signing for this long, so receivers can switch without a gap. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

function boxOf(deps: WebhookDeps): SecretBox {
  if (!deps.box) throw new DomainError('conflict', 'webhooks_not_configured', 'Webhooks need WEBHOOK_SECRET_KEY set on this server to store signing secrets');
  return deps.box;
}

function assertValid(input: { url?: string | undefined; events?: string[] | undefined }, rules: DestinationRules): void {
  const problems: { field: string; message: string }[] = [];
  if (input.url !== undefined) {
    const why = refusedUrl(input.url, rules);
    if (why) problems.push({ field: 'body.url', message: why });
  }
  for (const [i, pattern] of (input.events ?? []).entries()) {
    if (!isEventPattern(pattern) || pattern === 'webhook.test') problems.push({ field: `body.events.${i}`, message: 'is not an event type or family (e.g. complaint.*)' });
  }
  if (problems.length > 0) throw new DomainError('unprocessable', 'invalid_webhook', 'The subscription is not valid', problems);
}

export async function createSubscription(
  deps: WebhookDeps,
  input: { organisationId: string; url: string; events: string[]; description: string },
): Promise<{ subscription: Subscription; secret: string }> {
  assertValid(input, deps.rules);
  const box = boxOf(deps);
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const subscription = await insertSubscription(deps.db, {
    id, organisationId: input.organisationId, url: input.url, eventTypes: [...new Set(input.events)], description: input.description,
    sealedSecret: box.seal(secret, id), now: deps.clock(),
  });
  return { subscription, secret };
}

export async function changeSubscription(
  deps: WebhookDeps,
  organisationId: string,
  id: string,
  change: { url?: string | undefined; events?: string[] | undefined; description?: string | undefined; enabled?: boolean | undefined },
): Promise<Subscription | undefined> {
  assertValid(change, deps.rules);
  return updateSubscription(deps.db, organisationId, id, {
    ...(change.url !== undefined ? { url: change.url } : {}),
    ...(change.events !== undefined ? { eventTypes: [...new Set(change.events)] } : {}),
    ...(change.description !== undefined ? { description: change.description } : {}),
    ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
    now: deps.clock(),
  });
}

export async function rotateSecret(deps: WebhookDeps, organisationId: string, id: string): Promise<{ subscription: Subscription; secret: string } | undefined> {
  const current = await findSubscription(deps.db, organisationId, id);
  if (!current) return undefined;
  const box = boxOf(deps);
  const now = deps.clock();
  const secret = generateWebhookSecret();
  const subscription = await replaceSecret(deps.db, organisationId, id, {
    sealedSecret: box.seal(secret, id),
    sealedPrevious: current.sealedSecret,
    previousExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
    now,
  });
  return subscription ? { subscription, secret } : undefined;
}

/** A `webhook.test` event for this subscription alone; it is in no feed. */
export async function sendTestEvent(deps: WebhookDeps, organisationId: string, id: string): Promise<{ deliveryId: string; eventId: string } | undefined> {
  const subscription = await findSubscription(deps.db, organisationId, id);
  if (!subscription) return undefined;
  const now = deps.clock();
  const eventId = randomUUID();
  const event = {
    id: eventId, type: 'webhook.test', sequence: null, createdAt: now.toISOString(), occurredAt: now.toISOString(), organisationId, dataVersion: 1,
    data: { webhookId: id, message: 'A test event: if you can verify this signature, deliveries will verify too.' },
  };
  const deliveryId = await insertDirectDelivery(deps.db, { organisationId, subscriptionId: id, eventId, eventType: 'webhook.test', payload: JSON.stringify(event), now });
  return { deliveryId, eventId };
}
