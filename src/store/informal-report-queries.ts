import { sql } from 'kysely';
import type { InformalFigures, InformalTallies, Period } from '../domain/reporting/index.ts';
import type { Db } from './database.ts';
import { receivedIn } from './report-queries.ts';

const none = (): InformalFigures => ({ received: 0, resolved: 0, becameComplaints: 0, open: 0 });

/**
 * Informal resolutions and support requests received in the period (informal.ts): few
 * rows, so the state is read directly. The complaint figures never include them.
 */
export async function informalFiguresIn(db: Db, organisationId: string, period: Period): Promise<InformalTallies> {
  const { rows } = await sql<{ kind: string; received: string; resolved: string; became: string; open: string }>`
    SELECT c.rpt_informal AS kind, count(*) AS received,
      count(*) FILTER (WHERE c.state #>> '{informal,resolvedAt}' IS NOT NULL) AS resolved,
      count(*) FILTER (WHERE jsonb_array_length(coalesce(c.state #> '{informal,complaintIds}', '[]'::jsonb)) > 0) AS became,
      count(*) FILTER (WHERE c.status NOT IN ('closed', 'withdrawn') AND c.state #>> '{informal,resolvedAt}' IS NULL
        AND jsonb_array_length(coalesce(c.state #> '{informal,complaintIds}', '[]'::jsonb)) = 0) AS open
    FROM complaints c
    WHERE c.organisation_id = ${organisationId} AND c.rpt_informal IS NOT NULL
      AND ${receivedIn(period)}
    GROUP BY c.rpt_informal`.execute(db);
  const out = { informalResolutions: none(), supportRequests: none() };
  for (const r of rows) {
    const figures = { received: Number(r.received), resolved: Number(r.resolved), becameComplaints: Number(r.became), open: Number(r.open) };
    if (r.kind === 'informal_resolution') out.informalResolutions = figures;
    else if (r.kind === 'support_request') out.supportRequests = figures;
  }
  return out;
}
