import type { ColumnType } from 'kysely';
import type { Db } from './database.ts';

// Row types of the events and webhooks tables. Kept beside, not inside, schema.ts, and
// added to a handle with `withTables`, so this feature's store files own their tables.
type Instant = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface EventsTable {
  id: string;
  organisation_id: string;
  sequence: ColumnType<number | null, never, never>;
  type: string;
  complaint_id: string | null;
  occurred_at: Instant;
  created_at: Instant;
  data: Json<{ [key: string]: unknown }>;
}

export interface EventSequencesTable {
  organisation_id: string;
  last_sequence: number;
  pruned_through: number;
}

export interface WebhookSubscriptionsTable {
  id: string;
  organisation_id: string;
  url: string;
  event_types: string[];
  description: string;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Instant | null;
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Instant | null;
  cursor: number;
  failing_since: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface WebhookDeliveriesTable {
  id: string;
  organisation_id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  sequence: number | null;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: Instant;
  lease_token: string | null;
  redelivery_of: string | null;
  created_at: Instant;
  delivered_at: Instant | null;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  organisation_id: string;
  number: number;
  started_at: Instant;
  duration_ms: number;
  outcome: string;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
}

export type EventTables = {
  events: EventsTable;
  event_sequences: EventSequencesTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
};

export const withEventTables = (db: Db) => db.withTables<EventTables>();
export type EventsDb = ReturnType<typeof withEventTables>;
