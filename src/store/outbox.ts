import { sql } from 'kysely';
import type { Db } from './database.ts';

// The integration-event outbox. Every write is ON CONFLICT DO NOTHING on the unique key
// (type, complaint, deadline kind, ref, due date): however many sweeps run, at once or
// again, each event is recorded once.

export type OutboxEventType = 'deadline.due_soon' | 'deadline.breached' | 'complaint.auto_closed';

const PAYLOAD = sql`jsonb_build_object(
  'reference', c.reference, 'kind', d.kind, 'stage', d.stage, 'ref', nullif(d.ref, ''),
  'dueDate', d.due_date, 'dueAt', d.due_at, 'handler', c.handler, 'serviceArea', c.service_area)`;

// The public event's data: the complaint as every complaint event carries it, and the deadline.
const PUBLIC_DATA = sql`jsonb_build_object(
  'complaintId', c.id, 'reference', c.reference, 'externalRef', c.external_ref, 'status', c.status,
  'stage', c.stage, 'version', c.version, 'change', r.payload - 'reference')`;

/**
 * Records `type` for each of the landlord's deadlines in state `statuses` with a due date
 * in [from, to] (and, with `dueAtBefore`, only instant deadlines whose due_at is before
 * it: Awaab's Law's 24 hours breach within the day); returns how many were new.
 */
export async function recordDeadlineEvents(
  tx: Db,
  q: { organisationId: string; type: OutboxEventType; statuses: readonly string[]; from: string; to: string; now: Date; dueAtBefore?: Date },
): Promise<number> {
  // Each new outbox row becomes a public event in the same statement (so the same
  // transaction): the feed and webhooks see exactly the deadline events recorded here.
  const result = await sql`
    with recorded as (
      insert into outbox_events (organisation_id, type, complaint_id, deadline_kind, deadline_ref, due_date, payload, occurred_at, created_at)
      select d.organisation_id, ${q.type}, d.complaint_id, d.kind, d.ref, d.due_date, ${PAYLOAD}, ${q.now}, ${q.now}
      from complaint_deadlines d join complaints c on c.id = d.complaint_id and c.organisation_id = d.organisation_id
      where d.organisation_id = ${q.organisationId} and d.owner = 'landlord' and d.status in (${sql.join(q.statuses)})
        and d.due_date >= ${q.from}::date and d.due_date <= ${q.to}::date ${q.dueAtBefore ? sql`and d.due_at < ${q.dueAtBefore}` : sql``}
      on conflict do nothing
      returning id, organisation_id, type, complaint_id, payload, occurred_at, created_at)
    insert into events (id, organisation_id, type, complaint_id, occurred_at, created_at, data)
    select r.id, r.organisation_id, r.type, r.complaint_id, r.occurred_at, r.created_at, ${PUBLIC_DATA}
    from recorded r join complaints c on c.id = r.complaint_id and c.organisation_id = r.organisation_id`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

export async function recordComplaintEvent(
  tx: Db,
  e: { organisationId: string; type: OutboxEventType; complaintId: string; kind: string; dueDate: string; payload: object; occurredAt: Date; now: Date },
): Promise<boolean> {
  const result = await tx
    .insertInto('outbox_events')
    .values({
      organisation_id: e.organisationId,
      type: e.type,
      complaint_id: e.complaintId,
      deadline_kind: e.kind,
      deadline_ref: '',
      due_date: e.dueDate,
      payload: JSON.stringify(e.payload),
      occurred_at: e.occurredAt,
      created_at: e.now,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export interface OutboxEvent {
  id: string;
  organisationId: string;
  type: string;
  complaintId: string;
  payload: unknown;
  occurredAt: Date;
}

export async function listOutboxEvents(db: Db, organisationId: string): Promise<OutboxEvent[]> {
  const rows = await db
    .selectFrom('outbox_events')
    .select(['id', 'organisation_id', 'type', 'complaint_id', 'payload', 'occurred_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .orderBy('type')
    .orderBy('due_date')
    .execute();
  return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id, type: r.type, complaintId: r.complaint_id, payload: r.payload, occurredAt: r.occurred_at }));
}
