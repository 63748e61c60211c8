import type { ColumnType, Generated } from 'kysely';

// Row types as the database holds them. They never leave src/store: queries map them to
// domain objects.
type Instant = ColumnType<Date, Date | string, Date | string>;
/** A jsonb column: read as T, written as its JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface OrganisationsTable {
  id: string;
  name: string;
  division: string;
  created_at: Instant;
  updated_at: Instant;
  homes: Json<{ financialYear: number; homes: number }[]>;
  closure_days: Json<{ date: string; reason: string }[]>;
  complaints_contact: Json<Record<string, string | null>>;
  ombudsman: Json<Record<string, string | null>> | null;
  intake_origins: string[];
  version: Generated<number>;
  /** The fingerprint of the calendar its open complaints' deadlines were last counted on. */
  deadlines_calendar: ColumnType<string | null, string | null | undefined, string | null>;
  /** A social landlord in England (Awaab's Law); null: the default for its division. */
  awaabs_law: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
}

export interface PolicyVersionsTable {
  organisation_id: string;
  version: number;
  effective_from: string;
  preset: string | null;
  policy: Json<unknown>;
  created_at: Instant;
  created_by: string;
}

export interface ApiKeysTable {
  id: string;
  organisation_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string[];
  created_at: Instant;
  last_used_at: Instant | null;
  revoked_at: Instant | null;
}

export interface ComplaintsTable {
  id: string;
  organisation_id: string;
  reference: string;
  external_ref: string | null;
  status: string;
  stage: number;
  handler: string | null;
  category: string | null;
  service_area: string | null;
  channel: string;
  received_at: Instant;
  receipt_date: string;
  policy_version: number;
  version: number;
  state: Json<unknown>;
  created_at: Instant;
  updated_at: Instant;
}

export interface ComplaintEventsTable {
  organisation_id: string;
  complaint_id: string;
  version: number;
  type: string;
  occurred_at: Instant;
  recorded_at: Instant;
  actor: string;
  data: Json<unknown>;
}

export interface ComplaintDeadlinesTable {
  organisation_id: string;
  complaint_id: string;
  kind: string;
  stage: number | null;
  ref: string;
  owner: string;
  counts_from_event: string;
  counts_from_date: string;
  rule: string;
  due_date: string;
  /** Deadlines counted in hours only (Awaab's Law): the instant; due_date is its London date. */
  due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  counts_from_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  original_due_date: string;
  provisional: boolean;
  met_at: Instant | null;
  met_on: string | null;
  status: string;
}

export interface ComplaintReferenceCountersTable {
  organisation_id: string;
  year: number;
  last_number: number;
}

export interface IdempotencyKeysTable {
  organisation_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response_body: Json<unknown>;
  response_headers: Json<Record<string, string>>;
  created_at: Instant;
}

export interface RateLimitBucketsTable {
  organisation_id: string;
  bucket: string;
  window_start: Instant;
  hits: number;
}

export interface Database {
  organisations: OrganisationsTable;
  api_keys: ApiKeysTable;
  policy_versions: PolicyVersionsTable;
  complaints: ComplaintsTable;
  complaint_events: ComplaintEventsTable;
  complaint_deadlines: ComplaintDeadlinesTable;
  complaint_reference_counters: ComplaintReferenceCountersTable;
  idempotency_keys: IdempotencyKeysTable;
  rate_limit_buckets: RateLimitBucketsTable;
  outbox_events: OutboxEventsTable;
}

/** Integration events waiting for delivery; the unique key records each one once. */
export interface OutboxEventsTable {
  id: Generated<string>;
  organisation_id: string;
  type: string;
  complaint_id: string;
  deadline_kind: string;
  deadline_ref: string;
  due_date: string;
  payload: Json<unknown>;
  occurred_at: Instant;
  created_at: Instant;
  delivered_at: Instant | null;
}
