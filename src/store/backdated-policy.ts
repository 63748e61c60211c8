import { parseDivision, type CalendarFor, type IsoDate } from '../domain/calendar/index.ts';
import { deadlinesOf } from '../domain/complaint/index.ts';
import { londonStartOf } from '../domain/reporting/index.ts';
import { deadlineChanges, recordDeadlinesRecomputed } from '../domain/sla/index.ts';
import { deadlinesOfComplaints } from './complaint-queries.ts';
import { lockComplaint, updateComplaint } from './complaints.ts';
import type { Db } from './database.ts';
import { findOrganisation } from './organisations.ts';
import type { PolicyVersion } from './policy-versions.ts';

// A historic policy version (PUT /v1/policy with backdate: true) governs the complaints
// received from its date until the next version's. Those already logged in that range
// are listed; with replan: true they move onto it, each move an event on the complaint.

export const REPLAN_ACTOR_PREFIX = 'policy-backdate:';
/** The answer lists at most this many; `total` counts them all. */
const LISTED = 500;

export interface AlreadyReceived {
  total: number;
  replanned: boolean;
  items: { complaintId: string; reference: string; receivedAt: string; policyVersion: number; deadlinesMoved: number | null }[];
}

/** The London dates [from, until) the new version is in force for: until the next version starts. */
function rangeOf(version: PolicyVersion, others: readonly PolicyVersion[]): { from: IsoDate; until: IsoDate | null } {
  const later = others.filter((v) => v.version !== version.version && v.effectiveFrom > version.effectiveFrom).map((v) => v.effectiveFrom);
  return { from: version.effectiveFrom, until: later.sort()[0] ?? null };
}

async function receivedInRange(tx: Db, organisationId: string, version: PolicyVersion, others: readonly PolicyVersion[]) {
  const { from, until } = rangeOf(version, others);
  let query = tx
    .selectFrom('complaints')
    .select(['id', 'reference', 'received_at', 'policy_version'])
    .where('organisation_id', '=', organisationId)
    .where('received_at', '>=', londonStartOf(from))
    .where('policy_version', '!=', version.version);
  if (until !== null) query = query.where('received_at', '<', londonStartOf(until));
  return query.orderBy('received_at').orderBy('id').execute();
}

/**
 * Lists (and with `replan`, moves) the complaints the historic `version` now governs,
 * in the caller's transaction: all of them move, or none.
 */
export async function complaintsUnderHistoricVersion(
  tx: Db,
  input: { organisationId: string; version: PolicyVersion; versions: readonly PolicyVersion[]; replan: boolean; now: Date; actor: string; calendarFor: CalendarFor },
): Promise<AlreadyReceived> {
  const rows = await receivedInRange(tx, input.organisationId, input.version, input.versions);
  const items: AlreadyReceived['items'] = [];
  const organisation = rows.length > 0 && input.replan ? await findOrganisation(tx, input.organisationId) : undefined;
  const calendar = organisation && input.calendarFor(parseDivision(organisation.division), organisation.closureDays.map((c) => c.date));
  for (const row of rows) {
    let moved: number | null = null;
    if (calendar) {
      const complaint = (await lockComplaint(tx, input.organisationId, row.id))!;
      const stored = (await deadlinesOfComplaints(tx, input.organisationId, [row.id])).get(row.id) ?? [];
      const moving = { ...complaint, policyVersion: input.version.version };
      const fresh = deadlinesOf(moving, input.version.policy, calendar);
      const changes = deadlineChanges(stored, fresh);
      const reason = `policy version ${input.version.version}, back-dated to ${input.version.effectiveFrom}, governs complaints received from then (was version ${complaint.policyVersion})`;
      const next = recordDeadlinesRecomputed(moving, changes, { recordedAt: input.now, actor: `${REPLAN_ACTOR_PREFIX}${input.actor}`, reason });
      next.event.data = { ...next.event.data, policyVersion: { from: complaint.policyVersion, to: input.version.version } };
      if (!(await updateComplaint(tx, next.complaint, complaint.version, [next.event], fresh, input.now))) throw new Error(`complaint ${row.id} changed while locked`);
      moved = changes.length;
    }
    if (items.length < LISTED) {
      items.push({ complaintId: row.id, reference: row.reference, receivedAt: new Date(row.received_at).toISOString(), policyVersion: row.policy_version, deadlinesMoved: moved });
    }
  }
  return { total: rows.length, replanned: input.replan, items };
}
