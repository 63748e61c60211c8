import { sql } from 'kysely';
import type { Db } from './database.ts';
import { pastSql } from './sla-queries.ts';

export interface SummaryRow {
  kind: string;
  stage: number | null;
  dueToday: number;
  dueWithin: number;
  breached: number;
}

/**
 * Per kind and stage, the landlord's deadlines unmet as of asOf: due that day, due by
 * `until` (from asOf on), and past due (an instant deadline is past once its due_at is
 * before `at`, on its due date too). One pass over the unmet index up to `until`.
 */
export async function summariseDeadlines(db: Db, organisationId: string, q: { asOf: string; until: string; today: string; at: string }): Promise<SummaryRow[]> {
  const unmet = sql`
    select d.kind, d.stage, d.due_date, ${pastSql(q.asOf, q.at)} as past from complaint_deadlines d
    where d.organisation_id = ${organisationId} and d.owner = 'landlord' and d.status in ('pending', 'missed') and d.due_date <= ${q.until}::date`;
  const metLater = sql`
    select d.kind, d.stage, d.due_date, ${pastSql(q.asOf, q.at)} as past from complaint_deadlines d
    where d.organisation_id = ${organisationId} and d.owner = 'landlord' and d.status in ('met', 'met_late')
      and d.met_on > ${q.asOf}::date and d.due_date <= ${q.until}::date`;
  const rows = q.asOf < q.today ? sql`${unmet} union all ${metLater}` : unmet;
  const result = await sql<{ kind: string; stage: number | null; due_today: number; due_within: number; breached: number }>`
    select kind, stage,
      count(*) filter (where due_date = ${q.asOf}::date and not past) as due_today,
      count(*) filter (where due_date >= ${q.asOf}::date and not past) as due_within,
      count(*) filter (where past) as breached
    from (${rows}) u
    group by kind, stage
    order by kind, stage`.execute(db);
  return result.rows.map((r) => ({ kind: r.kind, stage: r.stage, dueToday: Number(r.due_today), dueWithin: Number(r.due_within), breached: Number(r.breached) }));
}
