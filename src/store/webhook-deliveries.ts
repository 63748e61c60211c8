import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { matchesAny } from '../domain/events/catalogue.ts';
import type { Db } from './database.ts';
import { withEventTables } from './event-tables.ts';
import { toPublicEvent } from './events.ts';

// Deliveries: one row per (subscription, event), created by the fan-out from the feed, so a
// subscription sees events in the feed's commit-order-safe sequence and misses none.
// Attempts are claimed with a lease: a short transaction (FOR UPDATE SKIP LOCKED) moves
// next_attempt_at past the lease and stamps a token; the HTTP call happens outside any
// transaction (PGlite has one connection, which a 10 s call must not hold), and a worker
// that dies mid-call (kill -9) leaves a lease that simply runs out, so another worker sends
// it again: at least once, never two attempts of one delivery at the same time.

export interface DueDelivery {
  id: string;
  organisationId: string;
  subscriptionId: string;
  eventId: string;
  payload: string;
  attempts: number;
  createdAt: Date;
  leaseToken: string;
}

/** Moves each enabled subscription's cursor forward over new events, creating its deliveries. */
export async function fanOut(db: Db, now: Date, limit = 500): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const e = withEventTables(tx);
    const subs = await sql<{ id: string; organisation_id: string; event_types: string[]; cursor: number }>`
      select s.id, s.organisation_id, s.event_types, s.cursor from webhook_subscriptions s
      join event_sequences q on q.organisation_id = s.organisation_id
      where s.enabled and s.cursor < q.last_sequence
      order by s.id limit 50
      for update of s skip locked`.execute(tx);
    let created = 0;
    for (const s of subs.rows) {
      const rows = await e
        .selectFrom('events')
        .select(['id', 'organisation_id', 'sequence', 'type', 'occurred_at', 'created_at', 'data'])
        .where('organisation_id', '=', s.organisation_id)
        .where('sequence', '>', Number(s.cursor))
        .orderBy('sequence')
        .limit(limit)
        .execute();
      const wanted = rows.filter((r) => matchesAny(s.event_types, r.type));
      if (wanted.length > 0) {
        await e
          .insertInto('webhook_deliveries')
          .values(
            wanted.map((r) => ({
              id: randomUUID(), organisation_id: s.organisation_id, subscription_id: s.id, event_id: r.id, event_type: r.type, sequence: r.sequence,
              payload: JSON.stringify(toPublicEvent(r)), status: 'pending', attempts: 0, next_attempt_at: now, lease_token: null, redelivery_of: null,
              created_at: now, delivered_at: null,
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
        created += wanted.length;
      }
      const last = rows.at(-1)?.sequence;
      if (last !== undefined && last !== null) await e.updateTable('webhook_subscriptions').set({ cursor: last }).where('id', '=', s.id).execute();
    }
    return created;
  });
}

/** Claims up to `limit` due deliveries of enabled subscriptions for `leaseMs`. */
export async function claimDueDeliveries(db: Db, q: { now: Date; leaseMs: number; limit: number }): Promise<DueDelivery[]> {
  const token = randomUUID();
  const until = new Date(q.now.getTime() + q.leaseMs);
  const { rows } = await sql<{ id: string; organisation_id: string; subscription_id: string; event_id: string; payload: string; attempts: number; created_at: Date }>`
    update webhook_deliveries d set attempts = d.attempts + 1, lease_token = ${token}, next_attempt_at = ${until}
    from (
      select d2.id from webhook_deliveries d2 join webhook_subscriptions s on s.id = d2.subscription_id
      where d2.status = 'pending' and d2.next_attempt_at <= ${q.now} and s.enabled
      order by d2.next_attempt_at, d2.sequence nulls first
      limit ${q.limit}
      for update of d2 skip locked) due
    where d.id = due.id
    returning d.id, d.organisation_id, d.subscription_id, d.event_id, d.payload, d.attempts, d.created_at`.execute(db);
  return rows.map((r) => ({
    id: r.id, organisationId: r.organisation_id, subscriptionId: r.subscription_id, eventId: r.event_id, payload: r.payload, attempts: r.attempts,
    createdAt: r.created_at, leaseToken: token,
  }));
}

export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  outcome: 'succeeded' | 'failed';
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
}

export async function insertAttempt(tx: Db, d: DueDelivery, a: AttemptRecord): Promise<void> {
  await withEventTables(tx)
    .insertInto('webhook_attempts')
    .values({
      id: randomUUID(), delivery_id: d.id, organisation_id: d.organisationId, number: d.attempts, started_at: a.startedAt, duration_ms: a.durationMs,
      outcome: a.outcome, response_status: a.responseStatus, response_body: a.responseBody, error: a.error,
    })
    .execute();
}

/**
 * A success, recorded in one statement (so atomically, without a transaction's extra round
 * trips: this is the common case, once per event): the attempt, the delivery delivered if
 * our lease is still on it, and the subscription's failing streak ended.
 */
export async function recordSuccess(db: Db, d: DueDelivery, a: AttemptRecord, at: Date): Promise<void> {
  await sql`
    with attempt as (
      insert into webhook_attempts (id, delivery_id, organisation_id, number, started_at, duration_ms, outcome, response_status, response_body, error)
      values (${randomUUID()}, ${d.id}, ${d.organisationId}, ${d.attempts}, ${a.startedAt}, ${a.durationMs}, 'succeeded', ${a.responseStatus}, ${a.responseBody}, null)),
    delivered as (
      update webhook_deliveries set status = 'delivered', delivered_at = ${at}, lease_token = null where id = ${d.id} and lease_token = ${d.leaseToken})
    update webhook_subscriptions set failing_since = null where id = ${d.subscriptionId} and failing_since is not null`.execute(db);
}

/** Ends or reschedules the delivery, if this worker's lease is still the one on it. */
export async function settleDelivery(tx: Db, d: DueDelivery, next: { status: 'delivered' | 'failed'; at: Date } | { status: 'pending'; at: Date }): Promise<boolean> {
  const result = await withEventTables(tx)
    .updateTable('webhook_deliveries')
    .set(
      next.status === 'delivered'
        ? { status: 'delivered', delivered_at: next.at, lease_token: null }
        : next.status === 'failed'
          ? { status: 'failed', lease_token: null }
          : { status: 'pending', next_attempt_at: next.at, lease_token: null },
    )
    .where('id', '=', d.id)
    .where('lease_token', '=', d.leaseToken)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  sequence: number | null;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
  redeliveryOf: string | null;
  attemptLog: { number: number; startedAt: Date; durationMs: number; outcome: string; responseStatus: number | null; responseBody: string | null; error: string | null }[];
}

/** Newest first, keyset-paged on (created_at, id). */
export async function listDeliveries(
  db: Db,
  q: { organisationId: string; subscriptionId: string; limit: number; before: { createdAt: string; id: string } | undefined },
): Promise<DeliveryView[]> {
  const e = withEventTables(db);
  let query = e
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('organisation_id', '=', q.organisationId)
    .where('subscription_id', '=', q.subscriptionId);
  if (q.before) {
    const b = q.before;
    query = query.where((eb) => eb.or([eb('created_at', '<', new Date(b.createdAt)), eb.and([eb('created_at', '=', new Date(b.createdAt)), eb('id', '<', b.id)])]));
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
  const attempts = rows.length
    ? await e.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('number').execute()
    : [];
  return rows.map((r) => ({
    id: r.id, eventId: r.event_id, eventType: r.event_type, sequence: r.sequence === null ? null : Number(r.sequence), status: r.status, attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null, createdAt: r.created_at, deliveredAt: r.delivered_at, redeliveryOf: r.redelivery_of,
    attemptLog: attempts
      .filter((a) => a.delivery_id === r.id)
      .map((a) => ({ number: a.number, startedAt: a.started_at, durationMs: a.duration_ms, outcome: a.outcome, responseStatus: a.response_status, responseBody: a.response_body, error: a.error })),
  }));
}

/** A new delivery of the same event (same webhook-id, so a receiver that has it can tell), due now. */
export async function redeliver(
  db: Db,
  q: { organisationId: string; subscriptionId: string; deliveryId: string; now: Date },
): Promise<{ deliveryId: string; eventId: string } | undefined> {
  const e = withEventTables(db);
  const original = await e
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('organisation_id', '=', q.organisationId)
    .where('subscription_id', '=', q.subscriptionId)
    .where('id', '=', q.deliveryId)
    .executeTakeFirst();
  if (!original) return undefined;
  const id = randomUUID();
  await e
    .insertInto('webhook_deliveries')
    .values({
      id, organisation_id: original.organisation_id, subscription_id: original.subscription_id, event_id: original.event_id, event_type: original.event_type,
      sequence: original.sequence, payload: original.payload, status: 'pending', attempts: 0, next_attempt_at: q.now, lease_token: null,
      redelivery_of: original.redelivery_of ?? original.id, created_at: q.now, delivered_at: null,
    })
    .execute();
  return { deliveryId: id, eventId: original.event_id };
}

/** A delivery of an event that is in no feed (webhook.test), to one subscription. */
export async function insertDirectDelivery(db: Db, d: { organisationId: string; subscriptionId: string; eventId: string; eventType: string; payload: string; now: Date }): Promise<string> {
  const id = randomUUID();
  await withEventTables(db)
    .insertInto('webhook_deliveries')
    .values({
      id, organisation_id: d.organisationId, subscription_id: d.subscriptionId, event_id: d.eventId, event_type: d.eventType, sequence: null, payload: d.payload,
      status: 'pending', attempts: 0, next_attempt_at: d.now, lease_token: null, redelivery_of: null, created_at: d.now, delivered_at: null,
    })
    .execute();
  return id;
}
