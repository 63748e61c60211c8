import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import { complaintFromStored, type Complaint, type ComplaintEvent, type Deadline } from '../domain/complaint/index.ts';
import { publicEventOf } from '../domain/events/public-event.ts';
import { actedWithIntakeKey } from './complaint-public-events.ts';
import type { Db } from './database.ts';
import { publicEventRow } from './events.ts';
import { Parameters, quote, tuplesOf, typesOf, type Row } from './statement-parts.ts';

// Complaint state, its append-only events and its derived deadlines, always written
// together inside the caller's transaction.

export function columnsOf(complaint: Complaint, now: Date) {
  return {
    reference: complaint.reference,
    external_ref: complaint.externalRef,
    status: complaint.status,
    stage: complaint.stage,
    handler: complaint.handlers[complaint.stage === 1 ? 'stage1' : 'stage2'],
    category: complaint.category,
    service_area: complaint.serviceArea,
    channel: complaint.channel,
    received_at: complaint.receivedAt,
    receipt_date: complaint.receiptDate,
    policy_version: complaint.policyVersion,
    version: complaint.version,
    state: JSON.stringify(complaint),
    updated_at: now,
  };
}

/** A complaint event as its row; the import writes many at once with the same mapping. */
export const eventRow = (organisationId: string, e: ComplaintEvent) => ({
  organisation_id: organisationId,
  complaint_id: e.complaintId,
  version: e.version,
  type: e.type,
  occurred_at: e.occurredAt,
  recorded_at: e.recordedAt,
  actor: e.actor,
  data: JSON.stringify(e.data),
});

/** A derived deadline as its row. */
export const deadlineRow = (complaint: Complaint, d: Deadline) => ({
  organisation_id: complaint.organisationId,
  complaint_id: complaint.id,
  kind: d.kind,
  stage: d.stage,
  ref: d.ref ?? '',
  owner: d.owner,
  counts_from_event: d.countsFrom.event,
  counts_from_date: d.countsFrom.date,
  rule: d.rule,
  due_date: d.dueDate,
  due_at: d.dueAt,
  counts_from_at: d.countsFrom.at ?? null,
  original_due_date: d.originalDueDate,
  provisional: d.provisional,
  met_at: d.metAt,
  met_on: d.metOn,
  status: d.status,
});

/**
 * Saves a command's result over `previousVersion`, in one statement: the complaint row, its
 * new events and public events, and its deadlines (those no longer derived deleted, the rest
 * upserted: every column is rewritten, so the rows end as a delete and insert would leave
 * them). False, and nothing written, when another writer moved the complaint on. One round
 * trip instead of five; the statement's text depends only on how many rows of each kind.
 */
export async function updateComplaint(
  tx: Db,
  complaint: Complaint,
  previousVersion: number,
  events: readonly ComplaintEvent[],
  deadlines: readonly Deadline[],
  now: Date,
): Promise<boolean> {
  const organisationId = complaint.organisationId;
  const logged = events.find((e) => e.type === 'complaint.logged');
  const fromPublicForm = logged ? await actedWithIntakeKey(tx, logged.actor) : false;
  const publicEvents = events.map((e) => publicEventOf(e, complaint, { id: randomUUID(), createdAt: now, fromPublicForm }));
  const [complaintTypes, eventTypes, deadlineTypes, publicTypes] = await Promise.all(
    ['complaints', 'complaint_events', 'complaint_deadlines', 'events'].map((table) => typesOf(tx, table)),
  );
  const params = new Parameters();
  const org = params.add(organisationId);
  const set = Object.entries(columnsOf(complaint, now)).map(([column, value]) => {
    const type = complaintTypes?.get(column);
    if (!type) throw new Error(`complaints.${column} is not a column`);
    return `${quote(column)} = ${params.add(value)}::${type}`;
  });
  const parts = [
    `updated as (update complaints set ${set.join(', ')}
      where organisation_id = ${org}::uuid and id = ${params.add(complaint.id)}::uuid and version = ${params.add(previousVersion)}::integer returning id)`,
  ];
  const inserted = (table: string, rows: Row[], types: Map<string, string> | undefined, onConflict = '') => {
    if (rows.length === 0) return;
    const { columns, tuples } = tuplesOf(table, rows, types ?? new Map<string, string>(), params);
    parts.push(`w${parts.length} as (insert into ${quote(table)} (${columns.map(quote).join(', ')})
      select v.* from updated cross join lateral (values ${tuples}) v ${onConflict})`);
  };
  const rows = deadlines.map((d) => deadlineRow(complaint, d));
  const kept = rows.map((r) => `(${params.add(r.kind)}::text, ${params.add(r.ref)}::text)`);
  // By complaint id alone (the updated row is the landlord's): with the landlord's id too, a
  // planner without statistics combined the landlord's index, all its deadlines, with the key.
  parts.push(`gone as (delete from complaint_deadlines d using updated
    where d.complaint_id = updated.id${kept.length ? ` and (d.kind, d.ref) not in (values ${kept.join(', ')})` : ''})`);
  const rewritten = Object.keys(rows[0] ?? {}).filter((c) => !DEADLINE_KEY.includes(c));
  inserted('complaint_deadlines', rows, deadlineTypes, `on conflict (${DEADLINE_KEY.join(', ')}) do update set ${rewritten.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ')}`);
  inserted('complaint_events', events.map((e) => eventRow(organisationId, e)), eventTypes);
  inserted('events', publicEvents.map(publicEventRow), publicTypes);
  const result = await tx.executeQuery<{ n: number }>(CompiledQuery.raw(`with ${parts.join(',\n')}\nselect count(*)::int as n from updated`, params.values));
  return Number(result.rows[0]?.n ?? 0) === 1;
}

const DEADLINE_KEY = ['complaint_id', 'kind', 'ref'];

/** The complaint, its row locked until the transaction ends. */
export async function lockComplaint(tx: Db, organisationId: string, id: string): Promise<Complaint | undefined> {
  const row = await tx
    .selectFrom('complaints')
    .select('state')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row && complaintFromStored(row.state);
}

/** As lockComplaint, with the organisation's config_version in the same statement (see organisation-config.ts). */
export async function lockComplaintWithConfigVersion(
  tx: Db,
  organisationId: string,
  id: string,
): Promise<{ complaint: Complaint; configVersion: number } | undefined> {
  const row = await tx
    .selectFrom('complaints')
    .select((eb) => ['state', eb.selectFrom('organisations').select(sql<number>`config_version`.as('v')).where('id', '=', organisationId).as('config_version')])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .forUpdate('complaints')
    .executeTakeFirst();
  return row && { complaint: complaintFromStored(row.state), configVersion: Number(row.config_version) };
}

export async function findComplaint(db: Db, organisationId: string, idOrReference: string): Promise<Complaint | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrReference);
  const row = await db
    .selectFrom('complaints')
    .select('state')
    .where('organisation_id', '=', organisationId)
    .where(isUuid ? 'id' : 'reference', '=', idOrReference)
    .executeTakeFirst();
  return row && complaintFromStored(row.state);
}

export async function findComplaintIdByExternalRef(db: Db, organisationId: string, externalRef: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('complaints')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('external_ref', '=', externalRef)
    .executeTakeFirst();
  return row?.id;
}
