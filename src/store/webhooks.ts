import type { Db } from './database.ts';
import { withEventTables } from './event-tables.ts';

// Webhook subscriptions. Secrets are stored sealed (see app/webhooks/secret-box.ts) and
// leave this module only as ciphertext: opening them is the use cases' job.

export interface Subscription {
  id: string;
  organisationId: string;
  url: string;
  eventTypes: string[];
  description: string;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  sealedSecret: string;
  sealedPreviousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const columns = [
  'id', 'organisation_id', 'url', 'event_types', 'description', 'enabled', 'disabled_reason', 'disabled_at', 'secret_ciphertext',
  'previous_secret_ciphertext', 'previous_secret_expires_at', 'failing_since', 'created_at', 'updated_at',
] as const;

type Row = {
  id: string; organisation_id: string; url: string; event_types: string[]; description: string; enabled: boolean;
  disabled_reason: string | null; disabled_at: Date | null; secret_ciphertext: string; previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Date | null; failing_since: Date | null; created_at: Date; updated_at: Date;
};

function toSubscription(r: Row): Subscription {
  return {
    id: r.id, organisationId: r.organisation_id, url: r.url, eventTypes: r.event_types, description: r.description, enabled: r.enabled,
    disabledReason: r.disabled_reason, disabledAt: r.disabled_at, sealedSecret: r.secret_ciphertext, sealedPreviousSecret: r.previous_secret_ciphertext,
    previousSecretExpiresAt: r.previous_secret_expires_at, failingSince: r.failing_since, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** A new subscription receives events committed after it: its cursor starts at the landlord's head. */
export async function insertSubscription(
  db: Db,
  s: { id: string; organisationId: string; url: string; eventTypes: string[]; description: string; sealedSecret: string; now: Date },
): Promise<Subscription> {
  const e = withEventTables(db);
  const head = await e.selectFrom('event_sequences').select('last_sequence').where('organisation_id', '=', s.organisationId).executeTakeFirst();
  const row = await e
    .insertInto('webhook_subscriptions')
    .values({
      id: s.id, organisation_id: s.organisationId, url: s.url, event_types: s.eventTypes, description: s.description, enabled: true,
      disabled_reason: null, disabled_at: null, secret_ciphertext: s.sealedSecret, previous_secret_ciphertext: null, previous_secret_expires_at: null,
      cursor: Number(head?.last_sequence ?? 0), failing_since: null, created_at: s.now, updated_at: s.now,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toSubscription(row);
}

export async function listSubscriptions(db: Db, organisationId: string): Promise<Subscription[]> {
  const rows = await withEventTables(db).selectFrom('webhook_subscriptions').select(columns).where('organisation_id', '=', organisationId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toSubscription);
}

export async function findSubscription(db: Db, organisationId: string, id: string): Promise<Subscription | undefined> {
  const row = await withEventTables(db).selectFrom('webhook_subscriptions').select(columns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

export async function findSubscriptionsByIds(db: Db, ids: readonly string[]): Promise<Map<string, Subscription>> {
  if (ids.length === 0) return new Map();
  const rows = await withEventTables(db).selectFrom('webhook_subscriptions').select(columns).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, toSubscription(r)]));
}

export async function updateSubscription(
  db: Db,
  organisationId: string,
  id: string,
  change: { url?: string; eventTypes?: string[]; description?: string; enabled?: boolean; now: Date },
): Promise<Subscription | undefined> {
  const row = await withEventTables(db)
    .updateTable('webhook_subscriptions')
    .set({
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.eventTypes !== undefined ? { event_types: change.eventTypes } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      // Enabling again clears the failure record: the 3-day clock starts afresh.
      ...(change.enabled === true ? { enabled: true, disabled_reason: null, disabled_at: null, failing_since: null } : {}),
      ...(change.enabled === false ? { enabled: false, disabled_reason: 'disabled by an administrator', disabled_at: change.now } : {}),
      updated_at: change.now,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

export async function deleteSubscription(db: Db, organisationId: string, id: string): Promise<boolean> {
  const result = await withEventTables(db).deleteFrom('webhook_subscriptions').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The new secret signs from now on; the old one signs beside it until `previousExpiresAt`. */
export async function replaceSecret(
  db: Db,
  organisationId: string,
  id: string,
  s: { sealedSecret: string; sealedPrevious: string; previousExpiresAt: Date; now: Date },
): Promise<Subscription | undefined> {
  const row = await withEventTables(db)
    .updateTable('webhook_subscriptions')
    .set({ secret_ciphertext: s.sealedSecret, previous_secret_ciphertext: s.sealedPrevious, previous_secret_expires_at: s.previousExpiresAt, updated_at: s.now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}
