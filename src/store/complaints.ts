import { sql } from 'kysely';
import { complaintFromStored, type Complaint, type ComplaintEvent, type Deadline } from '../domain/complaint/index.ts';
import { recordComplaintPublicEvents } from './complaint-public-events.ts';
import type { Db } from './database.ts';

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

async function appendEvents(tx: Db, organisationId: string, events: readonly ComplaintEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx
    .insertInto('complaint_events')
    .values(events.map((e) => eventRow(organisationId, e)))
    .execute();
}

async function replaceDeadlines(tx: Db, complaint: Complaint, deadlines: readonly Deadline[]): Promise<void> {
  await tx
    .deleteFrom('complaint_deadlines')
    .where('organisation_id', '=', complaint.organisationId)
    .where('complaint_id', '=', complaint.id)
    .execute();
  if (deadlines.length === 0) return;
  await tx
    .insertInto('complaint_deadlines')
    .values(deadlines.map((d) => deadlineRow(complaint, d)))
    .execute();
}

/** Saves a command's result over `previousVersion`; false when another writer moved it on. */
export async function updateComplaint(
  tx: Db,
  complaint: Complaint,
  previousVersion: number,
  events: readonly ComplaintEvent[],
  deadlines: readonly Deadline[],
  now: Date,
): Promise<boolean> {
  const updated = await tx
    .updateTable('complaints')
    .set(columnsOf(complaint, now))
    .where('organisation_id', '=', complaint.organisationId)
    .where('id', '=', complaint.id)
    .where('version', '=', previousVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await appendEvents(tx, complaint.organisationId, events);
  await recordComplaintPublicEvents(tx, complaint, events, now);
  await replaceDeadlines(tx, complaint, deadlines);
  return true;
}

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
