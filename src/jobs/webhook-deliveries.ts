import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { SecretBox } from '../app/webhooks/secret-box.ts';
import type { Clock } from '../domain/clock.ts';
import { DISABLE_AFTER_FAILING_MS, nextAttemptAt } from '../domain/webhooks/retry-schedule.ts';
import { standardWebhookHeaders } from '../domain/webhooks/signature.ts';
import type { DestinationRules } from '../domain/webhooks/destination.ts';
import type { Db } from '../store/database.ts';
import { insertPublicEvents, pruneEvents } from '../store/events.ts';
import { claimDueDeliveries, fanOut, insertAttempt, recordSuccess, settleDelivery, type DueDelivery } from '../store/webhook-deliveries.ts';
import { disableSubscription, markFailed } from '../store/webhook-health.ts';
import { findSubscriptionsByIds, type Subscription } from '../store/webhooks.ts';
import { sendWebhook, type Resolver, type SendOutcome } from './webhook-sender.ts';

// The delivery worker, run in every instance. Our own code rather than a job library: the
// work is one table claimed with FOR UPDATE SKIP LOCKED plus a lease, which runs the same on
// PostgreSQL and on PGlite's single connection; pg-boss (the well-kept Postgres queue)
// needs LISTEN/NOTIFY-free polling anyway on PGlite, brings its own schema and
// maintenance timers, and would keep a second copy of what the deliveries table already
// holds for the deliveries API.
//
// Order: deliveries of one subscription are sent concurrently and retried independently,
// so per-complaint order is NOT kept; every event carries `sequence` (per landlord, commit
// order) and `data.version` (per complaint), which let a receiver reorder or drop a stale one.

export interface WebhookWorkerOptions {
  db: Db;
  box: SecretBox;
  clock: Clock;
  rules: DestinationRules;
  /** 10 s: an attempt that takes longer has failed. */
  timeoutMs?: number;
  /** How long a claimed attempt is ours; longer than the timeout, so attempts never overlap. */
  leaseMs?: number;
  batchSize?: number;
  random?: () => number;
  resolve?: Resolver;
  logger?: FastifyBaseLogger;
  /** Told of each settled attempt (GET /metrics: lag and failures). */
  metrics?: { webhookAttempt(o: { ok: boolean; lagSeconds: number }): void };
}

export interface PassCounts {
  fannedOut: number;
  attempted: number;
  delivered: number;
  failed: number;
}

function secretsOf(sub: Subscription, box: SecretBox, now: Date): string[] {
  const secrets = [box.open(sub.sealedSecret, sub.id)];
  if (sub.sealedPreviousSecret && sub.previousSecretExpiresAt && sub.previousSecretExpiresAt > now) secrets.push(box.open(sub.sealedPreviousSecret, sub.id));
  return secrets;
}

async function disable(tx: Db, subscriptionId: string, reason: string, now: Date): Promise<void> {
  const flipped = await disableSubscription(tx, subscriptionId, reason, now);
  if (!flipped) return;
  await insertPublicEvents(tx, [
    {
      id: randomUUID(), type: 'webhook.disabled', organisationId: flipped.organisationId, complaintId: null, occurredAt: now, createdAt: now,
      data: { webhookId: subscriptionId, url: flipped.url, reason },
    },
  ]);
}

async function settle(o: WebhookWorkerOptions, d: DueDelivery, startedAt: Date, sent: SendOutcome): Promise<boolean> {
  const now = o.clock();
  const ok = sent.status !== null && sent.status >= 200 && sent.status < 300;
  const attempt = { startedAt, durationMs: sent.durationMs, outcome: ok ? 'succeeded' : 'failed', responseStatus: sent.status, responseBody: sent.body, error: sent.error } as const;
  o.metrics?.webhookAttempt({ ok, lagSeconds: (now.getTime() - d.createdAt.getTime()) / 1000 });
  if (ok) {
    await recordSuccess(o.db, d, attempt, now);
    return true;
  }
  return o.db.transaction().execute(async (tx) => {
    await insertAttempt(tx, d, attempt);
    if (sent.status === 410) {
      await settleDelivery(tx, d, { status: 'failed', at: now });
      await disable(tx, d.subscriptionId, 'the endpoint answered 410 Gone', now);
      return false;
    }
    const next = nextAttemptAt(d.createdAt, now, d.attempts, (o.random ?? Math.random)());
    await settleDelivery(tx, d, next ? { status: 'pending', at: next } : { status: 'failed', at: now });
    const failingSince = await markFailed(tx, d.subscriptionId, now);
    if (failingSince && now.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS) {
      await disable(tx, d.subscriptionId, 'every delivery failed for 3 days', now);
    }
    return false;
  });
}

/** One pass: fan new events out, then claim and send what is due. */
export async function deliverDueWebhooks(o: WebhookWorkerOptions): Promise<PassCounts> {
  const counts: PassCounts = { fannedOut: await fanOut(o.db, o.clock()), attempted: 0, delivered: 0, failed: 0 };
  const due = await claimDueDeliveries(o.db, { now: o.clock(), leaseMs: o.leaseMs ?? 60_000, limit: o.batchSize ?? 20 });
  if (due.length === 0) return counts;
  const subs = await findSubscriptionsByIds(o.db, [...new Set(due.map((d) => d.subscriptionId))]);
  await Promise.all(
    due.map(async (d) => {
      const sub = subs.get(d.subscriptionId);
      if (!sub) return;
      const startedAt = o.clock();
      const headers = standardWebhookHeaders(secretsOf(sub, o.box, startedAt), d.eventId, startedAt, d.payload);
      const sent = await sendWebhook(sub.url, headers, d.payload, { rules: o.rules, timeoutMs: o.timeoutMs ?? 10_000, ...(o.resolve ? { resolve: o.resolve } : {}) });
      counts.attempted++;
      if (await settle(o, d, startedAt, sent)) counts.delivered++;
      else counts.failed++;
    }),
  );
  return counts;
}

export interface WebhookWorker {
  stop(): Promise<void>;
}

/**
 * Runs passes back to back while there is work, else every `intervalMs`; once an hour it
 * also prunes events past retention. `stop` waits for the pass in flight.
 */
export function startWebhookWorker(o: WebhookWorkerOptions & { intervalMs: number; retentionDays: number }): WebhookWorker {
  let stopped = false;
  let lastPrune = 0;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let busy = false;
      try {
        const counts = await deliverDueWebhooks(o);
        busy = counts.attempted > 0 || counts.fannedOut > 0;
        const now = o.clock();
        if (now.getTime() - lastPrune > 3600_000) {
          lastPrune = now.getTime();
          const pruned = await pruneEvents(o.db, new Date(now.getTime() - o.retentionDays * 86400_000));
          if (pruned > 0) o.logger?.info({ pruned }, 'pruned events past retention');
        }
      } catch (err) {
        o.logger?.warn({ err }, 'webhook delivery pass failed; trying again shortly');
      }
      if (!busy && !stopped) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, o.intervalMs)));
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
