import { londonDateOf } from '../../calendar/index.ts';
import { DomainError } from '../../domain-error.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import { CLOSURE_REASONS, type ClosureReason } from '../complaint-outcomes.ts';
import type { ComplaintStatus } from '../complaint-parts.ts';
import type { Complaint } from '../complaint.ts';
import { deadlinesOf } from '../deadlines.ts';
import { instant, isText, Missing, oneOf, textOrNull } from '../input-checks.ts';
import { targetStatus } from '../transitions.ts';

/** `escalation_refused` is set by refuseEscalation only. */
export type CloseReason = Exclude<ClosureReason, 'escalation_refused' | 'resolved_informally' | 'became_complaint'>;
const SET_ELSEWHERE: readonly ClosureReason[] = ['escalation_refused', 'resolved_informally', 'became_complaint'];
export const CLOSE_REASONS = CLOSURE_REASONS.filter((r): r is CloseReason => !SET_ELSEWHERE.includes(r));

export interface CloseInput {
  reason: CloseReason;
  explanation?: string | null;
  residentToldAt?: string | null;
}

const REQUIRED_STATUS: Partial<Record<CloseReason, ComplaintStatus>> = {
  stage_2_response: 'stage_2_responded',
  resolved_at_stage_1: 'stage_1_responded',
  no_escalation_within_window: 'stage_1_responded',
  auto_close: 'stage_1_responded',
};

/** The resident's window must have run out, unanswered, before the date of closing. */
function assertWindowPassed(complaint: Complaint, reason: 'no_escalation_within_window' | 'auto_close', ctx: CommandContext, on: string): void {
  const kind = reason === 'auto_close' ? 'auto_close' : 'escalation_window';
  const window = deadlinesOf(complaint, ctx.policy, ctx.calendar).find((d) => d.kind === kind);
  if (window === undefined) {
    throw new DomainError('conflict', 'no_policy_window', `the policy sets no ${kind.replace('_', ' ')}: close with another reason`);
  }
  if (window.metAt !== null) throw new DomainError('conflict', 'resident_came_back', `the resident came back on ${window.metOn}, within the ${kind.replace('_', ' ')}`);
  if (on <= window.dueDate) throw new DomainError('conflict', 'window_still_open', `the ${kind.replace('_', ' ')} runs until ${window.dueDate}`);
}

/**
 * Closing (domain §3): after the stage 2 response; after a stage 1 response
 * when resolved or the resident did not come back within the policy's window;
 * or early at the landlord's discretion, with a reason told to the resident.
 */
export function close(complaint: Complaint, input: CloseInput, ctx: CommandContext): CommandResult {
  const at = begin('close', complaint, ctx);
  const reason = oneOf(CLOSE_REASONS, input.reason, 'reason', 'invalid_closure_reason');
  const required = REQUIRED_STATUS[reason];
  if (required !== undefined && complaint.status !== required) {
    throw new DomainError('conflict', 'closure_reason_not_applicable', `${reason} needs the complaint to be ${required}; it is ${complaint.status}`);
  }
  if (reason === 'no_escalation_within_window' || reason === 'auto_close') assertWindowPassed(complaint, reason, ctx, londonDateOf(at));
  if (reason === 'landlord_discretion') {
    const missing = new Missing();
    missing.text(input.explanation, 'explanation', 'an early closure needs a reason');
    missing.text(input.residentToldAt, 'residentToldAt', 'the resident must be told the reason for closing');
    missing.throwIfAny('closure_incomplete', 'the closure');
  }
  const residentToldAt = isText(input.residentToldAt) ? instant(input.residentToldAt, 'residentToldAt') : null;
  const closure = { at, reason, explanation: textOrNull(input.explanation), residentToldAt, statusBefore: complaint.status };
  return commit({ ...complaint, status: targetStatus('close', complaint), closure }, ctx, 'complaint.closed', asJson(closure));
}

export interface WithdrawInput {
  reason?: string | null;
}

export function withdraw(complaint: Complaint, input: WithdrawInput, ctx: CommandContext): CommandResult {
  const at = begin('withdraw', complaint, ctx);
  const withdrawal = { at, reason: textOrNull(input.reason), statusBefore: complaint.status };
  return commit({ ...complaint, status: targetStatus('withdraw', complaint), withdrawal }, ctx, 'complaint.withdrawn', asJson(withdrawal));
}

export interface ReopenInput {
  /** Why the landlord uses its discretion to reopen (recorded; it also covers a late escalation). */
  discretion: string;
}

/** Back to where it was before closing or withdrawal; a complaint with a final (stage 2) response stays closed. */
export function reopen(complaint: Complaint, input: ReopenInput, ctx: CommandContext): CommandResult {
  const at = begin('reopen', complaint, ctx);
  const missing = new Missing();
  missing.text(input.discretion, 'discretion', 'reopening is a discretion: record why');
  missing.throwIfAny('reopen_incomplete', 'the reopening');
  if (complaint.responses.stage2 !== null) {
    throw new DomainError('conflict', 'final_response_given', 'the stage 2 (final) response has been sent: the resident can refer the complaint to the Ombudsman');
  }
  const status = targetStatus('reopen', complaint);
  const ended = { closure: complaint.closure, withdrawal: complaint.withdrawal, escalationRefusal: complaint.escalationRefusal };
  const next: Complaint = { ...complaint, status, closure: null, withdrawal: null, escalationRefusal: null, reopenings: [...complaint.reopenings, { at, discretion: input.discretion.trim(), ended }] };
  return commit(next, ctx, 'complaint.reopened', asJson({ discretion: input.discretion.trim(), status }));
}
