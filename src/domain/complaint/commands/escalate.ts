import { londonDateOf } from '../../calendar/index.ts';
import { DomainError } from '../../domain-error.ts';
import { escalationWindowCloses } from '../../policy/index.ts';
import { clockDates } from '../clock-dates.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import type { Complaint } from '../complaint.ts';
import { instant, Missing, textOrNull } from '../input-checks.ts';
import { targetStatus } from '../transitions.ts';
import { checkPreconditions, type PreconditionInput } from './escalation-preconditions.ts';

export interface EscalateInput extends PreconditionInput {
  /** §6.12: the resident need not give a reason (a policy may ask for one: see its escalationRules). */
  reason?: string | null;
  /** Why a request after the policy's escalation window is accepted. */
  lateDiscretion?: string | null;
  /**
   * When the request was logged (the `escalation_logging` clock start): between the
   * request and the moment it is entered; defaults to the request's own time, so a
   * back-dated escalation counts from its real date, never from the day it was typed in.
   */
  loggedAt?: string | null;
}

function loggedAtOf(input: EscalateInput, requestedAt: string, ctx: CommandContext): string {
  if (input.loggedAt == null) return requestedAt;
  const loggedAt = instant(input.loggedAt, 'loggedAt');
  if (Date.parse(loggedAt) < Date.parse(requestedAt)) {
    throw new DomainError('conflict', 'logged_before_requested', `loggedAt ${loggedAt} is before the escalation was requested (${requestedAt})`);
  }
  if (Date.parse(loggedAt) > ctx.recordedAt.getTime()) {
    throw new DomainError('conflict', 'occurred_in_future', `loggedAt ${loggedAt} is after the time it was recorded (${ctx.recordedAt.toISOString()})`);
  }
  return loggedAt;
}

/**
 * The resident asks for stage 2 (the request's London date, not moved by the
 * cut-off, is what must fall inside the window). After the policy's window it
 * is accepted only with a recorded discretion: given here, or the discretion
 * of a reopening that happened after the stage 1 response.
 */
export function escalate(complaint: Complaint, input: EscalateInput, ctx: CommandContext): CommandResult {
  const at = begin('escalate', complaint, ctx);
  const window = ctx.policy.escalationWindow;
  const closes = window === null ? undefined : escalationWindowCloses(window, clockDates(complaint, ctx.policy, ctx.calendar), ctx.calendar, ctx.policy.counting.convention);
  let lateDiscretion = textOrNull(input.lateDiscretion);
  if (closes !== undefined && londonDateOf(at) > closes.date) {
    const respondedAt = Date.parse(complaint.responses.stage1?.sentAt ?? at);
    lateDiscretion ??= complaint.reopenings.filter((r) => Date.parse(r.at) >= respondedAt).at(-1)?.discretion ?? null;
    if (lateDiscretion === null) {
      throw new DomainError(
        'conflict',
        'escalation_window_passed',
        `the policy's escalation window closed on ${closes.date}; record the discretion (lateDiscretion) to accept this request`,
      );
    }
  }
  const loggedAt = loggedAtOf(input, at, ctx);
  const preconditions = checkPreconditions(ctx.policy.escalationRules, input);
  const next: Complaint = {
    ...complaint,
    status: targetStatus('escalate', complaint),
    stage: 2,
    escalation: { requestedAt: at, loggedAt, reason: textOrNull(input.reason), lateDiscretion, ...preconditions },
  };
  return commit(next, ctx, 'complaint.escalated', asJson({ reason: textOrNull(input.reason), lateDiscretion, loggedAt, windowClosesOn: closes?.date ?? null, ...preconditions }));
}

export interface RefuseEscalationInput {
  /** One of the policy's own refusal grounds (`escalationRules.refusalGrounds[].code`). */
  ground: string;
  explanation?: string;
  ombudsmanRightGiven?: boolean;
}

/**
 * Refusing stage 2 only on a ground the policy lists (domain §3), in writing, with the
 * Ombudsman right; it closes the complaint. The refusal records the Code's ground the
 * policy's maps to (null where none fits), so reports can tell them apart.
 */
export function refuseEscalation(complaint: Complaint, input: RefuseEscalationInput, ctx: CommandContext): CommandResult {
  const at = begin('refuseEscalation', complaint, ctx);
  const grounds = ctx.policy.escalationRules.refusalGrounds;
  const rule = grounds.find((g) => g.code === input.ground);
  if (rule === undefined) {
    throw new DomainError(
      'conflict',
      'refusal_ground_not_in_policy',
      `${JSON.stringify(input.ground)} is not a ground of this policy for refusing to escalate (its grounds: ${grounds.map((g) => g.code).join(', ') || 'none'})`,
    );
  }
  const ground = rule.code;
  const missing = new Missing();
  missing.text(input.explanation, 'explanation', 'a written explanation of the refusal is required');
  missing.truthy(input.ombudsmanRightGiven, 'ombudsmanRightGiven', 'the resident must be told of the right to go to the Ombudsman');
  missing.throwIfAny('refusal_incomplete', 'the escalation refusal');
  const explanation = input.explanation!.trim();
  const next: Complaint = {
    ...complaint,
    status: targetStatus('refuseEscalation', complaint),
    escalationRefusal: { at, ground, codeGround: rule.codeGround, explanation, ombudsmanRightGiven: true },
    closure: { at, reason: 'escalation_refused', explanation, residentToldAt: at, statusBefore: complaint.status },
  };
  return commit(next, ctx, 'complaint.escalation_refused', asJson({ ground, codeGround: rule.codeGround, explanation, ombudsmanRightGiven: true }));
}
