import { DomainError } from '../domain-error.ts';
import type { Policy, Timescale } from '../policy/index.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from './command-context.ts';
import type { Instant } from './complaint-parts.ts';
import type { Complaint } from './complaint.ts';
import { deadline, timed, type Clocks, type Deadline, type DeadlineKind } from './deadline.ts';
import { isText } from './input-checks.ts';

/**
 * Contacts handled before, or beside, the formal process (Code §1.4–1.5): an informal
 * resolution (Longhurst's "first time fix": resolved on the spot or within 2 working
 * days) or a support-service request (seed 003: contact within 3 working days). Each
 * is recorded like a complaint so its deadline is in the SLA lists and events, but it is
 * not one: the reports count it apart, and it never has stage clocks. It is met by its
 * resolution or by a stage 1 complaint raised from it, linked both ways; an informal
 * resolution ends there, a support request carries on beside the complaint.
 */
export const INFORMAL_KINDS = ['informal_resolution', 'support_request'] as const;
export type InformalKind = (typeof INFORMAL_KINDS)[number];

export interface InformalRecord {
  kind: InformalKind;
  resolvedAt: Instant | null;
  resolution: string | null;
  /** The stage 1 complaints raised from it, first one first. */
  complaintIds: string[];
  /** When the first of them was raised. */
  complaintRaisedAt: Instant | null;
}

const TIMESCALE: Record<InformalKind, { field: 'informalResolution' | 'supportRequestContact'; kind: DeadlineKind }> = {
  informal_resolution: { field: 'informalResolution', kind: 'informal_resolution' },
  support_request: { field: 'supportRequestContact', kind: 'support_request_contact' },
};

/** The informal record a contact logged as `kind` starts; only where the policy sets its time limit. */
export function informalRecordFor(kind: InformalKind | null | undefined, policy: Policy): InformalRecord | null {
  if (kind == null) return null;
  if (!(INFORMAL_KINDS as readonly string[]).includes(kind)) {
    throw new DomainError('invalid_input', 'invalid_informal_kind', `informal must be one of ${INFORMAL_KINDS.join(', ')}`, [{ field: 'informal', message: `must be one of ${INFORMAL_KINDS.join(', ')}` }]);
  }
  const { field } = TIMESCALE[kind];
  if (policy[field] === null) {
    throw new DomainError('conflict', 'no_informal_step_in_policy', `the policy sets no ${field} time limit, so a contact cannot be logged as ${kind}; log it as a complaint`);
  }
  return { kind, resolvedAt: null, resolution: null, complaintIds: [], complaintRaisedAt: null };
}

/** Its one deadline, counted from receipt: met by the resolution or by the first complaint raised from it. */
export function informalDeadlines(clocks: Clocks, ended: Instant | null): Deadline[] {
  const record = clocks.complaint.informal;
  if (record == null) return [];
  const { field, kind } = TIMESCALE[record.kind];
  const timescale: Timescale | null = clocks.policy[field];
  const dates = { ...clocks.dates, support_request: clocks.complaint.receiptDate };
  const timing = timed({ ...clocks, dates }, timescale, field);
  if (timing === undefined) return [];
  const metAt = [record.resolvedAt, record.complaintRaisedAt].filter((x): x is Instant => x !== null).sort()[0] ?? null;
  return [deadline(kind, null, timing, metAt, ended)];
}

export interface ResolveInformallyInput {
  resolution?: string;
}

/** Records how it was resolved; an informal resolution is then closed, a support request too. */
export function resolveInformally(complaint: Complaint, input: ResolveInformallyInput, ctx: CommandContext): CommandResult {
  const at = begin('resolveInformally', complaint, ctx);
  if (!isText(input.resolution)) {
    throw new DomainError('unprocessable', 'resolution_incomplete', 'the resolution is missing required elements: resolution', [{ field: 'resolution', message: 'say how it was resolved' }]);
  }
  const resolution = input.resolution.trim();
  const record = complaint.informal!;
  const next: Complaint = {
    ...complaint,
    status: 'closed',
    informal: { ...record, resolvedAt: at, resolution },
    closure: { at, reason: 'resolved_informally', explanation: resolution, residentToldAt: at, statusBefore: complaint.status },
  };
  return commit(next, ctx, 'complaint.resolved_informally', asJson({ kind: record.kind, resolution }));
}

/** The informal record's side of raising a stage 1 complaint from it: linked, met, and an informal resolution closed. */
export function raisedComplaint(original: Complaint, complaintId: string, ctx: CommandContext): CommandResult {
  const at = begin('linkComplaint', original, ctx);
  const record = original.informal!;
  const ends = record.kind === 'informal_resolution' && original.closure === null;
  const next: Complaint = {
    ...original,
    linkedComplaintIds: [...original.linkedComplaintIds, complaintId],
    informal: { ...record, complaintIds: [...record.complaintIds, complaintId], complaintRaisedAt: record.complaintRaisedAt ?? at },
    ...(ends ? { status: 'closed' as const, closure: { at, reason: 'became_complaint' as const, explanation: null, residentToldAt: null, statusBefore: original.status } } : {}),
  };
  return commit(next, ctx, 'complaint.became_complaint', asJson({ kind: record.kind, complaintId, closed: ends }));
}
