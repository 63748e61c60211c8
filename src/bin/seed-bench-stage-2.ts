import { sql } from 'kysely';
import type { Db } from '../store/database.ts';
import { at, iso, met, outcome } from './seed-bench-sql.ts';
import type { StateTemplates } from './seed-bench-templates.ts';

// Stage 2 of the bench seed, in the same bulk style as stage 1 (seed-bench.ts). About 12 %
// of the complaints with a stage 1 response ask to escalate 2-6 working days after it
// (such a complaint is not closed after stage 1). 97 % of those are acknowledged at stage 2
// by another handler (Code §6.13), 85 % within the 5 working days from the request and the
// rest up to 10; 95 % of those get the stage 2 response, 80 % within the 20 working days
// from the acknowledgement and the rest up to 32; 90 % of the answered are closed 3 working
// days later with reason stage_2_response. The rest are stuck: the stage 2 breaches.

/** The temporary table bench_stage2: the escalated complaints (by bench_seed.n) with their stage 2 dates. */
export async function planStage2(conn: Db, todayOrd: number): Promise<void> {
  await sql`drop table if exists bench_stage2`.execute(conn);
  await sql`
    create temp table bench_stage2 as
    select x.n, e.day as e_day, a2.day as a2_day, p2.day as p2_day, c2.day as c2_day, ack_due.day as ack2_due, resp_due.day as resp2_due,
      case when x.a2 is not null then 'handler-' || ((x.n + 7) % 40) end as handler2, case when x.p2 is not null then x.o2 end as o2
    from (
      select n, e, a2, case when a2 is not null and rd2 is not null and a2 + rd2 <= ${todayOrd} then a2 + rd2 end as p2, closes2, o2
      from (
        select n, e,
          case when random() < 0.03 or e + ad2 > ${todayOrd} then null else e + ad2 end as a2,
          case when random() < 0.05 then null when random() < 0.8 then 5 + floor(random() * 16)::int else 21 + floor(random() * 12)::int end as rd2,
          random() < 0.9 as closes2, ${outcome()} as o2
        from (select n, p + 2 + floor(random() * 5)::int as e,
                case when random() < 0.85 then 1 + floor(random() * 5)::int else 6 + floor(random() * 5)::int end as ad2
              from bench_seed where p is not null and random() < 0.12) z
        where e <= ${todayOrd}
      ) y
    ) x
    join bench_wd e on e.ord = x.e
    join bench_wd ack_due on ack_due.ord = x.e + 5
    left join bench_wd a2 on a2.ord = x.a2
    left join bench_wd resp_due on resp_due.ord = x.a2 + 20
    left join bench_wd p2 on p2.ord = x.p2
    left join bench_wd c2 on c2.ord = x.p2 + 3 and x.closes2 and x.p2 + 3 <= ${todayOrd}`.execute(conn);
  await sql`alter table bench_stage2 add primary key (n)`.execute(conn);
}

/** The state JSON's stage 2 parts for a bench_rows row `s` (null before each step). */
export function stage2State(t: StateTemplates) {
  return {
    escalation: sql`case when s.e_day is not null then ${JSON.stringify(t.escalation)}::jsonb
      || jsonb_build_object('requestedAt', ${iso(at('s.e_day', '11:00'))}, 'loggedAt', ${iso(at('s.e_day', '11:30'))}) end`,
    acknowledgement: sql`case when s.a2_day is not null then ${JSON.stringify(t.acknowledgement2)}::jsonb
      || jsonb_build_object('at', ${iso(at('s.a2_day', '10:30'))}, 'handler', s.handler2) end`,
    response: sql`case when s.p2_day is not null then (${JSON.stringify(t.response2)}::jsonb -> s.o2)
      || jsonb_build_object('sentAt', ${iso(at('s.p2_day', '14:00'))}) end`,
    closure: sql`${JSON.stringify(t.closure2)}::jsonb || jsonb_build_object('at', ${iso(at('s.c2_day', '15:00'))})`,
  };
}

/** The stage 2 rows of complaint_deadlines, as deadlinesOf counts them on the Code 2024 preset. */
export async function insertStage2Deadlines(conn: Db, organisationId: string): Promise<void> {
  await sql`
    insert into complaint_deadlines (organisation_id, complaint_id, kind, stage, ref, owner, counts_from_event, counts_from_date, rule,
      due_date, original_due_date, provisional, met_at, met_on, status)
    select ${organisationId}::uuid, s.id, 'stage_2_acknowledgement', 2, '', 'landlord', 'escalation_request', s.e_day, 'stage2.acknowledge', s.ack2_due, s.ack2_due, false,
      ${at('s.a2_day', '10:30')}, s.a2_day, ${met('s.a2_day', 's.ack2_due')}
    from bench_rows s where s.e_day is not null
    union all
    select ${organisationId}::uuid, s.id, 'stage_2_response', 2, '', 'landlord', 'stage_2_acknowledgement', s.a2_day, 'stage2.respond', s.resp2_due, s.resp2_due, false,
      ${at('s.p2_day', '14:00')}, s.p2_day, ${met('s.p2_day', 's.resp2_due')}
    from bench_rows s where s.a2_day is not null`.execute(conn);
}
