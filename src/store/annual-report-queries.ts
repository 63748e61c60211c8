import { sql } from 'kysely';
import type { Period } from '../domain/reporting/index.ts';
import type { Db } from './database.ts';
import { receivedIn } from './report-queries.ts';

/**
 * The Ombudsman referrals and orders of the complaints received in the period (London
 * dates), for the annual report. Only complaints with a referral or a determination can
 * add to either count: the condition is the partial index's (migration 20261203T1400),
 * word for word, so the planner reads those complaints alone.
 */
export async function ombudsmanCountsIn(db: Db, organisationId: string, period: Period): Promise<{ ombudsmanReferrals: number; ombudsmanOrders: number }> {
  const { rows } = await sql<{ referrals: number; orders: number }>`
    select
      count(*) filter (where jsonb_typeof(c.state #> '{ombudsman,referral}') = 'object') as referrals,
      coalesce(sum(case when jsonb_typeof(c.state #> '{ombudsman,determination,orders}') = 'array'
        then jsonb_array_length(c.state #> '{ombudsman,determination,orders}') else 0 end), 0) as orders
    from complaints c
    where c.organisation_id = ${organisationId} and ${receivedIn(period)}
      and (jsonb_typeof(c.state #> '{ombudsman,referral}') = 'object' or jsonb_typeof(c.state #> '{ombudsman,determination}') = 'object')`.execute(db);
  return { ombudsmanReferrals: Number(rows[0]?.referrals ?? 0), ombudsmanOrders: Number(rows[0]?.orders ?? 0) };
}
