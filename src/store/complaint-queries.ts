import { sql } from 'kysely';
import { complaintFromStored, type Complaint, type ComplaintEvent, type Deadline } from '../domain/complaint/index.ts';
import type { Db } from './database.ts';

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

/**
 * A complaint's complaint_deadlines rows `d` as one JSON array of arrays, each read back by
 * deadlineOfJson: one value per complaint instead of a typed row per deadline (parsing a
 * row's 16 typed columns, instants among them, was a read's largest cost in pg). Instants
 * are written as Date.toISOString() writes them; dates are JSON's ISO dates.
 */
const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const DEADLINES_JSON = sql`coalesce(json_agg(json_build_array(
    d.kind, d.stage, d.ref, d.owner, d.counts_from_event, d.counts_from_date, ${iso('d.counts_from_at')}, d.rule,
    d.due_date, ${iso('d.due_at')}, d.original_due_date, d.provisional, ${iso('d.met_at')}, d.met_on, d.status
  ) order by d.due_date, d.kind), '[]')`;

type DeadlineJson = [
  kind: Deadline['kind'], stage: Deadline['stage'], ref: string, owner: Deadline['owner'], countsFromEvent: Deadline['countsFrom']['event'],
  countsFromDate: string, countsFromAt: string | null, rule: string, dueDate: string, dueAt: string | null, originalDueDate: string,
  provisional: boolean, metAt: string | null, metOn: string | null, status: Deadline['status'],
];

function deadlineOfJson([kind, stage, ref, owner, event, date, at, rule, dueDate, dueAt, originalDueDate, provisional, metAt, metOn, status]: DeadlineJson): Deadline {
  return {
    kind, stage, ref: ref === '' ? null : ref, owner,
    countsFrom: { event, date, ...(at ? { at } : {}) },
    rule, dueDate, dueAt, originalDueDate, provisional, metAt, metOn, status,
  };
}

/** The complaints' stored deadlines, each complaint's by due date then kind. */
export async function deadlinesOfComplaints(db: Db, organisationId: string, complaintIds: readonly string[]): Promise<Map<string, Deadline[]>> {
  const byComplaint = new Map<string, Deadline[]>(complaintIds.map((id) => [id, []]));
  if (complaintIds.length === 0) return byComplaint;
  const { rows } = await sql<{ complaint_id: string; deadlines: DeadlineJson[] }>`
    select d.complaint_id, ${DEADLINES_JSON} as deadlines from complaint_deadlines d
    where d.organisation_id = ${organisationId} and d.complaint_id = any(${complaintIds}::uuid[])
    group by d.complaint_id`.execute(db);
  for (const r of rows) byComplaint.set(r.complaint_id, r.deadlines.map(deadlineOfJson));
  return byComplaint;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One complaint, by id or reference, with its deadlines (in deadlinesOfComplaints' order),
 * in one statement and one row. The deadlines are found by complaint id alone, through
 * their primary key: the complaint row is the landlord's, and its deadlines are its own.
 * With the landlord's id on them too, a planner without statistics (a table just filled,
 * by an import say, not yet analysed) combined the landlord's index, every deadline of the
 * landlord, with the key: four times the work of the whole read.
 */
export async function findComplaintWithDeadlines(
  db: Db,
  organisationId: string,
  idOrReference: string,
): Promise<{ complaint: Complaint; deadlines: Deadline[] } | undefined> {
  const key = UUID.test(idOrReference) ? sql`c.id = ${idOrReference}` : sql`c.reference = ${idOrReference}`;
  const { rows } = await sql<{ state: unknown; deadlines: DeadlineJson[] }>`
    select c.state, (select ${DEADLINES_JSON} from complaint_deadlines d where d.complaint_id = c.id) as deadlines
    from complaints c
    where c.organisation_id = ${organisationId} and ${key}`.execute(db);
  const found = rows[0];
  return found && { complaint: complaintFromStored(found.state), deadlines: found.deadlines.map(deadlineOfJson) };
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
