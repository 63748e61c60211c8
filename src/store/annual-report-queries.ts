import { sql } from 'kysely';
import { londonEndOf, londonStartOf, type Period } from '../domain/reporting/index.ts';
import type { Db } from './database.ts';

// What the annual report shows beyond the performance report's figures, for the same
// cohort (complaints received in the period, London dates): Ombudsman referrals and
// orders, and the learning remedies (policy changes, training) per service area.

export interface AnnualExtras {
  ombudsmanReferrals: number;
  ombudsmanOrders: number;
  /** Per service area ('none recorded' when blank) and remedy type: how many were agreed. */
  learning: { serviceArea: string; type: string; count: number }[];
}

/** The remedy types that record a lesson learned rather than putting one case right. */
export const LEARNING_REMEDY_TYPES = ['policy_change', 'training'] as const;

export async function annualExtras(db: Db, organisationId: string, period: Period): Promise<AnnualExtras> {
  const cohort = sql`c.organisation_id = ${organisationId} and c.received_at >= ${londonStartOf(period.from)} and c.received_at < ${londonEndOf(period.to)}`;
  const ombudsman = await sql<{ referrals: number; orders: number }>`
    select
      count(*) filter (where jsonb_typeof(c.state #> '{ombudsman,referral}') = 'object') as referrals,
      coalesce(sum(case when jsonb_typeof(c.state #> '{ombudsman,determination,orders}') = 'array'
        then jsonb_array_length(c.state #> '{ombudsman,determination,orders}') else 0 end), 0) as orders
    from complaints c
    where ${cohort}`.execute(db);
  const learning = await sql<{ service_area: string; type: string; count: number }>`
    select coalesce(nullif(c.service_area, ''), 'none recorded') as service_area, t.type, count(*) as count
    from complaints c cross join lateral jsonb_array_elements_text(coalesce(c.rpt_remedy_types, '[]'::jsonb)) as t(type)
    where ${cohort} and t.type in (${sql.join([...LEARNING_REMEDY_TYPES])})
    group by 1, 2
    order by 3 desc, 1, 2`.execute(db);
  const row = ombudsman.rows[0];
  return {
    ombudsmanReferrals: Number(row?.referrals ?? 0),
    ombudsmanOrders: Number(row?.orders ?? 0),
    learning: learning.rows.map((r) => ({ serviceArea: r.service_area, type: r.type, count: Number(r.count) })),
  };
}
