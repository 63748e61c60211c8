import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.ts';

// Lists of a landlord's deadlines for SLA monitoring. "Unmet as of a date" is a stored
// state of pending or missed (missed: the complaint ended after the due date without the
// step), or, for a past date, a deadline met only after it. The status literals below
// match the partial indexes of migration 20261123T2000, so keep them literal. A deadline
// that is an instant (due_at, Awaab's Law) is past as soon as due_at is before the as-of
// moment `at`, even on its due date; due_date holds its London date for ordering.

export interface SlaFilters {
  kind?: string;
  stage?: number;
  handler?: string;
  serviceArea?: string;
}

export interface SlaDeadlineRow {
  complaintId: string;
  reference: string;
  handler: string | null;
  serviceArea: string | null;
  kind: string;
  stage: number | null;
  ref: string;
  dueDate: string;
  /** The instant, for a deadline counted in hours; else null. */
  dueAt: string | null;
  metAt: string | null;
  metOn: string | null;
  status: string;
  provisional: boolean;
  /** Computed in the database for the met-late list only. */
  daysLate?: number;
}

/** The sort key of the last item of a page; daysLate is only used by the list with met-late deadlines. */
export interface SlaCursor {
  daysLate: number;
  dueDate: string;
  complaintId: string;
  kind: string;
  ref: string;
}

interface Row {
  complaint_id: string;
  reference: string;
  handler: string | null;
  service_area: string | null;
  kind: string;
  stage: number | null;
  ref: string;
  due_date: string;
  due_at: Date | null;
  met_at: Date | null;
  met_on: string | null;
  status: string;
  provisional: boolean;
  days_late?: number;
}

export const toSlaRow = (r: Row): SlaDeadlineRow => ({
  complaintId: r.complaint_id,
  reference: r.reference,
  handler: r.handler,
  serviceArea: r.service_area,
  kind: r.kind,
  stage: r.stage,
  ref: r.ref,
  dueDate: r.due_date,
  dueAt: r.due_at?.toISOString() ?? null,
  metAt: r.met_at?.toISOString() ?? null,
  metOn: r.met_on,
  status: r.status,
  provisional: r.provisional,
  ...(r.days_late !== undefined ? { daysLate: Number(r.days_late) } : {}),
});

export const SELECT_DEADLINE = sql`
  select d.complaint_id, c.reference, c.handler, c.service_area, d.kind, d.stage, d.ref, d.due_date, d.due_at, d.met_at, d.met_on, d.status, d.provisional
  from complaint_deadlines d join complaints c on c.id = d.complaint_id and c.organisation_id = d.organisation_id`;

export function filterSql(f: SlaFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql``];
  if (f.kind) parts.push(sql`and d.kind = ${f.kind}`);
  if (f.stage) parts.push(sql`and d.stage = ${f.stage}`);
  if (f.handler) parts.push(sql`and c.handler = ${f.handler}`);
  if (f.serviceArea) parts.push(sql`and c.service_area = ${f.serviceArea}`);
  return sql.join(parts, sql` `);
}

const afterSql = (after: SlaCursor | undefined) =>
  after ? sql`and (d.due_date, d.complaint_id, d.kind, d.ref) > (${after.dueDate}::date, ${after.complaintId}::uuid, ${after.kind}, ${after.ref})` : sql``;

/** Past as of asOf at the moment `at`: due before asOf, or an instant due on it that has passed. */
export const pastSql = (asOf: string, at: string) =>
  sql`(d.due_date < ${asOf}::date or (d.due_date = ${asOf}::date and coalesce(d.due_at < ${at}::timestamptz, false)))`;

export interface RangeQuery {
  asOf: string;
  /** The as-of moment (see asOfInstant), for instant deadlines. */
  at: string;
  /** past: only deadlines past as of `at` (breaches); future: only those not yet past (due). */
  when: 'past' | 'future';
  /** The real today: nothing can have been met after it, so a later asOf needs no met branch. */
  today: string;
  /** Due dates in [from, to]; either end open when undefined. */
  from?: string;
  to?: string;
  filters: SlaFilters;
  limit: number;
  after: SlaCursor | undefined;
}

/**
 * Deadlines unmet as of `asOf` with due dates in the range, in (due date, complaint,
 * kind, ref) order: each branch walks an index in that order and stops at the limit.
 */
export async function unmetDeadlinesInRange(db: Db, organisationId: string, q: RangeQuery): Promise<SlaDeadlineRow[]> {
  const past = pastSql(q.asOf, q.at);
  const when = q.when === 'past' ? sql`and ${past}` : sql`and not ${past}`;
  const range = sql.join([sql``, q.from ? sql`and d.due_date >= ${q.from}::date` : sql``, q.to ? sql`and d.due_date <= ${q.to}::date` : sql``, when], sql` `);
  const where = sql`d.organisation_id = ${organisationId} and d.owner = 'landlord' ${range} ${filterSql(q.filters)} ${afterSql(q.after)}`;
  const order = sql`order by d.due_date, d.complaint_id, d.kind, d.ref limit ${q.limit}`;
  const unmet = sql`(${SELECT_DEADLINE} where ${where} and d.status in ('pending', 'missed') ${order})`;
  const metLater = sql`(${SELECT_DEADLINE} where ${where} and d.status in ('met', 'met_late') and d.met_on > ${q.asOf}::date ${order})`;
  const query =
    q.asOf < q.today
      ? sql<Row>`select * from (${unmet} union all ${metLater}) u order by due_date, complaint_id, kind, ref limit ${q.limit}`
      : sql<Row>`${unmet}`;
  const { rows } = await query.execute(db);
  return rows.map(toSlaRow);
}

/** The earliest due date any of the landlord's deadlines could have (each min is one index probe). */
export async function earliestDueDate(db: Db, organisationId: string): Promise<string | null> {
  const min = (status: string) =>
    sql`(select min(due_date) from complaint_deadlines where organisation_id = ${organisationId} and status = ${status})`;
  const { rows } = await sql<{ earliest: string | null }>`select least(${min('pending')}, ${min('missed')}, ${min('met_late')}) as earliest`.execute(db);
  return rows[0]?.earliest ?? null;
}
