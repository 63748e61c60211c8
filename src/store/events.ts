import { sql } from 'kysely';
import type { NewPublicEvent, PublicEvent } from '../domain/events/public-event.ts';
import { EVENT_DATA_VERSION, type PublicEventType } from '../domain/events/catalogue.ts';
import type { Db } from './database.ts';
import { withEventTables } from './event-tables.ts';

// The public change feed. Rows are written inside the transaction of the change they
// describe; their `sequence` is assigned at COMMIT by the trigger in the events migration
// (why there: see that migration), so a row is readable only once it has its number.

/** A public event as its row (also written by insertNewComplaint, in its one statement). */
export const publicEventRow = (e: NewPublicEvent) => ({
  id: e.id,
  organisation_id: e.organisationId,
  type: e.type,
  complaint_id: e.complaintId,
  occurred_at: e.occurredAt,
  created_at: e.createdAt,
  data: JSON.stringify(e.data),
});

export async function insertPublicEvents(tx: Db, events: readonly NewPublicEvent[]): Promise<void> {
  if (events.length === 0) return;
  await withEventTables(tx).insertInto('events').values(events.map(publicEventRow)).execute();
}

/**
 * Many events of one landlord (an import batch's), numbered in the statement that inserts
 * them: the counter row moves on by their number in the same statement and stays locked
 * to the end of COMMIT, as the commit trigger would hold it, so numbers still follow commit
 * order with no gaps; the trigger leaves rows that come with a sequence alone. Make it the
 * transaction's last write: other writers of this landlord's feed wait from here to COMMIT.
 */
export async function insertNumberedPublicEvents(tx: Db, organisationId: string, events: readonly NewPublicEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = JSON.stringify(
    events.map((e, i) => ({ n: i + 1, id: e.id, type: e.type, complaint_id: e.complaintId, occurred_at: e.occurredAt, created_at: e.createdAt, data: e.data })),
  );
  await sql`
    with counter as (
      insert into event_sequences as s (organisation_id, last_sequence) values (${organisationId}, ${events.length})
      on conflict (organisation_id) do update set last_sequence = s.last_sequence + ${events.length}
      returning s.last_sequence - ${events.length} as base)
    insert into events (id, organisation_id, sequence, type, complaint_id, occurred_at, created_at, data)
    select v.id, ${organisationId}, counter.base + v.n, v.type, v.complaint_id, v.occurred_at, v.created_at, v.data
    from counter, jsonb_to_recordset(${rows}::jsonb) as v(n bigint, id uuid, type text, complaint_id uuid, occurred_at timestamptz, created_at timestamptz, data jsonb)
    order by v.n`.execute(tx);
}

interface EventRow {
  id: string;
  organisation_id: string;
  sequence: number | null;
  type: string;
  occurred_at: Date;
  created_at: Date;
  data: { [key: string]: unknown };
}

export function toPublicEvent(row: EventRow): PublicEvent {
  return {
    id: row.id,
    type: row.type as PublicEventType,
    sequence: Number(row.sequence),
    createdAt: row.created_at.toISOString(),
    occurredAt: row.occurred_at.toISOString(),
    organisationId: row.organisation_id,
    dataVersion: EVENT_DATA_VERSION,
    data: row.data as PublicEvent['data'],
  };
}

export type FeedPage = { kind: 'page'; events: PublicEvent[]; position: number } | { kind: 'expired'; prunedThrough: number };

/**
 * Events after `after` in sequence order. `position` is where the next read resumes: the
 * last event returned, or, when the page is not full, the landlord's head (read in the
 * same statement, so in the same snapshot: every event up to it is already visible, and
 * skipping past filtered-out ones loses nothing).
 */
export async function readFeed(db: Db, q: { organisationId: string; after: number | undefined; types: readonly string[] | undefined; limit: number }): Promise<FeedPage> {
  const typeFilter = q.types && q.types.length > 0 ? sql`and e.type in (${sql.join(q.types)})` : sql``;
  const { rows } = await sql<EventRow & { head: number | null; pruned_through: number | null }>`
    with s as (select last_sequence, pruned_through from event_sequences where organisation_id = ${q.organisationId}),
    page as (
      select e.id, e.organisation_id, e.sequence, e.type, e.occurred_at, e.created_at, e.data
      from events e
      where e.organisation_id = ${q.organisationId} and e.sequence > ${q.after ?? 0} ${typeFilter}
      order by e.sequence limit ${q.limit})
    select page.*, s.last_sequence as head, s.pruned_through
    from (select 1) one left join s on true left join page on true
    order by page.sequence`.execute(db);
  const prunedThrough = Number(rows[0]?.pruned_through ?? 0);
  if (q.after !== undefined && q.after < prunedThrough) return { kind: 'expired', prunedThrough };
  const events = rows.filter((r) => r.id !== null).map(toPublicEvent);
  const head = Number(rows[0]?.head ?? 0);
  const last = events.at(-1)?.sequence;
  const position = events.length === q.limit && last !== undefined ? last : Math.max(head, q.after ?? 0);
  return { kind: 'page', events, position };
}

/**
 * Deletes the landlords' events created before `before` and remembers, per landlord, the
 * highest sequence deleted: a cursor below it would silently skip events, so it gets 410.
 */
export async function pruneEvents(db: Db, before: Date): Promise<number> {
  const result = await sql`
    with gone as (delete from events where created_at < ${before} and sequence is not null returning organisation_id, sequence),
    marks as (select organisation_id, max(sequence) as through, count(*) as n from gone group by organisation_id),
    bumped as (update event_sequences s set pruned_through = greatest(s.pruned_through, m.through) from marks m where s.organisation_id = m.organisation_id)
    select coalesce(sum(n), 0)::int as n from marks`.execute(db);
  return Number((result.rows[0] as { n: number } | undefined)?.n ?? 0);
}
