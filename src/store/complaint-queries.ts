import { sql, type Selectable } from 'kysely';
import { complaintFromStored, type Complaint, type ComplaintEvent, type Deadline } from '../domain/complaint/index.ts';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

// Reads for the complaint API: pages of complaints, their stored deadlines, their events.

export interface ComplaintFilters {
  status?: string;
  stage?: number;
  handler?: string;
  category?: string;
  serviceArea?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** With a deadline of the landlord's past due and unmet, or missed, as of `today`. */
  breached?: boolean;
  q?: string;
}

export interface PageCursor {
  receivedAt: string;
  id: string;
}

export async function listComplaints(
  db: Db,
  organisationId: string,
  filters: ComplaintFilters,
  page: { limit: number; after: PageCursor | undefined; today: string; now?: Date },
): Promise<{ items: Complaint[]; next: PageCursor | undefined }> {
  let query = db.selectFrom('complaints as c').select(['c.state', 'c.received_at', 'c.id']).where('c.organisation_id', '=', organisationId);
  if (filters.status) query = query.where('c.status', '=', filters.status);
  if (filters.stage) query = query.where('c.stage', '=', filters.stage);
  if (filters.handler) query = query.where('c.handler', '=', filters.handler);
  if (filters.category) query = query.where('c.category', '=', filters.category);
  if (filters.serviceArea) query = query.where('c.service_area', '=', filters.serviceArea);
  if (filters.receivedFrom) query = query.where('c.receipt_date', '>=', filters.receivedFrom);
  if (filters.receivedTo) query = query.where('c.receipt_date', '<=', filters.receivedTo);
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb('c.reference', 'ilike', pattern), eb('c.external_ref', 'ilike', pattern)]));
  }
  if (filters.breached !== undefined) {
    const wanted = filters.breached;
    query = query.where((eb) => {
      const breachedDeadline = eb.exists(
        eb
          .selectFrom('complaint_deadlines as d')
          .select(sql`1`.as('one'))
          .whereRef('d.complaint_id', '=', 'c.id')
          .where('d.organisation_id', '=', organisationId)
          .where('d.owner', '=', 'landlord')
          .where((d) =>
            d.or([
              d('d.status', '=', 'missed'),
              d.and([d('d.status', '=', 'pending'), d('d.due_date', '<', page.today)]),
              // An instant deadline (Awaab's Law) is breached as soon as its due_at passes.
              ...(page.now ? [d.and([d('d.status', '=', 'pending'), d('d.due_at', '<', page.now)])] : []),
            ]),
          ),
      );
      return wanted ? breachedDeadline : eb.not(breachedDeadline);
    });
  }
  if (page.after) {
    const { receivedAt, id } = page.after;
    query = query.where((eb) =>
      eb.or([eb('c.received_at', '<', new Date(receivedAt)), eb.and([eb('c.received_at', '=', new Date(receivedAt)), eb('c.id', '<', id)])]),
    );
  }
  const rows = await query.orderBy('c.received_at', 'desc').orderBy('c.id', 'desc').limit(page.limit + 1).execute();
  const items = rows.slice(0, page.limit).map((r) => complaintFromStored(r.state));
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  return { items, next: last ? { receivedAt: last.received_at.toISOString(), id: last.id } : undefined };
}

export async function deadlinesOfComplaints(db: Db, organisationId: string, complaintIds: readonly string[]): Promise<Map<string, Deadline[]>> {
  const byComplaint = new Map<string, Deadline[]>(complaintIds.map((id) => [id, []]));
  if (complaintIds.length === 0) return byComplaint;
  const rows = await db
    .selectFrom('complaint_deadlines')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('complaint_id', 'in', complaintIds)
    .orderBy('due_date')
    .orderBy('kind')
    .execute();
  for (const r of rows) byComplaint.get(r.complaint_id)?.push(deadlineOfRow(r));
  return byComplaint;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One complaint, by id or reference, with its deadlines (in deadlinesOfComplaints' order),
 * in one statement: a row per deadline, the state carried on the first only.
 */
export async function findComplaintWithDeadlines(
  db: Db,
  organisationId: string,
  idOrReference: string,
): Promise<{ complaint: Complaint; deadlines: Deadline[] } | undefined> {
  const key = UUID.test(idOrReference) ? sql`c.id = ${idOrReference}` : sql`c.reference = ${idOrReference}`;
  const { rows } = await sql<Selectable<Database['complaint_deadlines']> & { state: unknown; n: number | null }>`
    select case when d.n is null or d.n = 1 then c.state end as state, d.*
    from complaints c
    left join lateral (
      select dd.*, row_number() over (order by dd.due_date, dd.kind) as n from complaint_deadlines dd
      where dd.organisation_id = c.organisation_id and dd.complaint_id = c.id
    ) d on true
    where c.organisation_id = ${organisationId} and ${key}
    order by d.n`.execute(db);
  const first = rows[0];
  if (!first) return undefined;
  return { complaint: complaintFromStored(first.state), deadlines: rows.filter((r) => r.n !== null).map(deadlineOfRow) };
}

/** A complaint_deadlines row as the domain's Deadline. */
export function deadlineOfRow(r: Selectable<Database['complaint_deadlines']>): Deadline {
  return {
    kind: r.kind as Deadline['kind'],
    stage: r.stage as Deadline['stage'],
    ref: r.ref === '' ? null : r.ref,
    owner: r.owner as Deadline['owner'],
    countsFrom: { event: r.counts_from_event as Deadline['countsFrom']['event'], date: r.counts_from_date, ...(r.counts_from_at ? { at: r.counts_from_at.toISOString() } : {}) },
    rule: r.rule,
    dueDate: r.due_date,
    dueAt: r.due_at?.toISOString() ?? null,
    originalDueDate: r.original_due_date,
    provisional: r.provisional,
    metAt: r.met_at?.toISOString() ?? null,
    metOn: r.met_on,
    status: r.status as Deadline['status'],
  };
}

/** Where a page of a complaint's history ends: its events are ordered by these. */
export interface EventCursor {
  version: number;
  recordedAt: string;
  type: string;
}

export async function listComplaintEvents(
  db: Db,
  organisationId: string,
  complaintId: string,
  page: { limit: number; after: EventCursor | undefined },
): Promise<{ items: ComplaintEvent[]; next: EventCursor | undefined }> {
  let query = db
    .selectFrom('complaint_events')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('complaint_id', '=', complaintId);
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('version', '>', after.version),
        eb.and([eb('version', '=', after.version), eb('recorded_at', '>', new Date(after.recordedAt))]),
        eb.and([eb('version', '=', after.version), eb('recorded_at', '=', new Date(after.recordedAt)), eb('type', '>', after.type)]),
      ]),
    );
  }
  const rows = await query.orderBy('version').orderBy('recorded_at').orderBy('type').limit(page.limit + 1).execute();
  const items = rows.slice(0, page.limit).map((r) => ({
    type: r.type as ComplaintEvent['type'],
    complaintId: r.complaint_id,
    version: r.version,
    occurredAt: r.occurred_at.toISOString(),
    recordedAt: r.recorded_at.toISOString(),
    actor: r.actor,
    data: r.data as ComplaintEvent['data'],
  }));
  const last = items[items.length - 1];
  return { items, next: rows.length > page.limit && last ? { version: last.version, recordedAt: last.recordedAt, type: last.type } : undefined };
}
