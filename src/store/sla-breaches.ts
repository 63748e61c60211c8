import { sql } from 'kysely';
import type { Db } from './database.ts';
import { filterSql, pastSql, toSlaRow, type SlaCursor, type SlaDeadlineRow, type SlaFilters } from './sla-queries.ts';

export interface LateQuery {
  asOf: string;
  /** The as-of moment, for instant deadlines (see asOfInstant). */
  at: string;
  filters: SlaFilters;
  limit: number;
  after: SlaCursor | undefined;
  /** The first day `ordinals` covers: no due date of the landlord is earlier. */
  base: string;
  /** Working days in [base, day] for each day from base to asOf (see workingDayOrdinals). */
  ordinals: readonly number[];
}

/**
 * Past-due deadlines unmet as of asOf and those met late, most working days late first.
 * Met-late lateness runs to the day it was met, so it is not monotone in the due date:
 * the database computes it from the landlord's working-day ordinals and sorts on it.
 */
export async function lateDeadlines(db: Db, organisationId: string, q: LateQuery): Promise<SlaDeadlineRow[]> {
  const ordinals = `{${q.ordinals.join(',')}}`;
  const at = (day: ReturnType<typeof sql>) => sql`o.v[${day} - ${q.base}::date + 1]`;
  const daysLate = sql`(case when d.met_on is not null and d.met_on <= ${q.asOf}::date then ${at(sql`d.met_on`)} else ${at(sql`${q.asOf}::date`)} end) - ${at(sql`d.due_date`)}`;
  const after = q.after
    ? sql`where x.days_late < ${q.after.daysLate} or (x.days_late = ${q.after.daysLate} and (x.due_date, x.complaint_id, x.kind, x.ref) > (${q.after.dueDate}::date, ${q.after.complaintId}::uuid, ${q.after.kind}, ${q.after.ref}))`
    : sql``;
  const query = sql<Parameters<typeof toSlaRow>[0]>`
    select x.* from (
      select d.complaint_id, c.reference, c.handler, c.service_area, d.kind, d.stage, d.ref, d.due_date, d.due_at, d.met_at, d.met_on, d.status, d.provisional,
        ${daysLate} as days_late
      from complaint_deadlines d
      join complaints c on c.id = d.complaint_id and c.organisation_id = d.organisation_id
      cross join (select ${ordinals}::int[] as v) o
      where d.organisation_id = ${organisationId} and d.owner = 'landlord' and d.status in ('pending', 'missed', 'met_late')
        and d.due_date <= ${q.asOf}::date and ${pastSql(q.asOf, q.at)} ${filterSql(q.filters)}
    ) x ${after}
    order by x.days_late desc, x.due_date, x.complaint_id, x.kind, x.ref
    limit ${q.limit}`;
  return (await query.execute(db)).rows.map(toSlaRow);
}
