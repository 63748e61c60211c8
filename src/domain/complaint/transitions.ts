import { DomainError } from '../domain-error.ts';
import type { Policy } from '../policy/index.ts';
import { COMPLAINT_STATUSES, ENDED_STATUSES, type ComplaintStatus } from './complaint-parts.ts';
import type { Complaint } from './complaint.ts';

/**
 * Where a command leads: a status, `unchanged`, `stage_responded` (the current
 * stage's responded status) or `status_before` (the status the complaint had
 * before it was closed or withdrawn).
 */
export type TransitionTarget = ComplaintStatus | 'unchanged' | 'stage_responded' | 'status_before';

export interface Transition {
  from: readonly ComplaintStatus[];
  to: TransitionTarget;
}

const ALL: readonly ComplaintStatus[] = COMPLAINT_STATUSES;
const OPEN: readonly ComplaintStatus[] = ALL.filter((s) => !ENDED_STATUSES.includes(s));
/** Where remedies and actions can exist: after acceptance, including after closure (they are tracked to completion). */
const REMEDIABLE: readonly ComplaintStatus[] = [
  'stage_1_in_progress',
  'stage_1_responded',
  'escalation_requested',
  'stage_2_in_progress',
  'stage_2_responded',
  'closed',
];

/** The one table of legal moves. Rules beyond the status (handlers, windows, caps) live in the commands. */
export const TRANSITIONS = {
  acknowledge: { from: ['received'], to: 'stage_1_in_progress' },
  decline: { from: ['received', 'stage_1_in_progress'], to: 'declined' },
  considerDecline: { from: ['received', 'stage_1_in_progress', 'escalation_requested'], to: 'unchanged' },
  resolveInformally: { from: ['received'], to: 'closed' },
  // A restriction never stops a complaint from being handled, and outlives its closure until ended.
  restrictContact: { from: ALL, to: 'unchanged' },
  reviewContactRestriction: { from: ALL, to: 'unchanged' },
  endContactRestriction: { from: ALL, to: 'unchanged' },
  assign: { from: ['received', 'stage_1_in_progress', 'stage_1_responded', 'escalation_requested', 'stage_2_in_progress'], to: 'unchanged' },
  logContact: { from: ALL, to: 'unchanged' },
  // Responded statuses are listed so the command can answer `response_already_sent` rather than a bare invalid_transition.
  addMatter: { from: OPEN, to: 'unchanged' },
  linkComplaint: { from: ALL, to: 'unchanged' },
  extend: { from: ['stage_1_in_progress', 'stage_2_in_progress'], to: 'unchanged' },
  respond: { from: ['stage_1_in_progress', 'stage_2_in_progress'], to: 'stage_responded' },
  escalate: { from: ['stage_1_responded'], to: 'escalation_requested' },
  refuseEscalation: { from: ['escalation_requested'], to: 'closed' },
  acknowledgeStage2: { from: ['escalation_requested'], to: 'stage_2_in_progress' },
  withdraw: { from: ['received', 'stage_1_in_progress', 'stage_1_responded', 'escalation_requested', 'stage_2_in_progress'], to: 'withdrawn' },
  close: { from: OPEN, to: 'closed' },
  reopen: { from: ['closed', 'withdrawn'], to: 'status_before' },
  addRemedy: { from: REMEDIABLE, to: 'unchanged' },
  completeRemedy: { from: [...REMEDIABLE, 'withdrawn'], to: 'unchanged' },
  addAction: { from: REMEDIABLE, to: 'unchanged' },
  completeAction: { from: [...REMEDIABLE, 'withdrawn'], to: 'unchanged' },
  recordOmbudsman: { from: ALL, to: 'unchanged' },
  completeOmbudsmanOrder: { from: ALL, to: 'unchanged' },
  // Awaab's Law clocks run whatever the complaint's status (domain §6).
  reportHazard: { from: ALL, to: 'unchanged' },
  recordHazardStep: { from: ALL, to: 'unchanged' },
} as const satisfies Record<string, Transition>;

export type CommandName = keyof typeof TRANSITIONS;

/**
 * Frontline stages (SPSO, NIPSO; LHP's stage 2): a stage whose policy has no
 * acknowledgement step may be answered, or its response extended, straight after
 * receipt or the escalation request. Only the status before that stage's
 * acknowledgement is added; every other move is the table's.
 */
const FRONTLINE_FROM: Partial<Record<CommandName, { stage1: ComplaintStatus; stage2: ComplaintStatus }>> = {
  extend: { stage1: 'received', stage2: 'escalation_requested' },
  respond: { stage1: 'received', stage2: 'escalation_requested' },
};

/** The statuses `command` may be applied from; with a policy, its frontline stages add their receipt statuses. */
export function allowedFrom(command: CommandName, policy?: Pick<Policy, 'stage1' | 'stage2'>): readonly ComplaintStatus[] {
  const from: readonly ComplaintStatus[] = TRANSITIONS[command].from;
  const frontline = FRONTLINE_FROM[command];
  if (policy === undefined || frontline === undefined) return from;
  const extra = (['stage1', 'stage2'] as const).filter((k) => policy[k].acknowledge === null).map((k) => frontline[k]);
  return extra.length === 0 ? from : [...extra, ...from];
}

export function canApply(command: CommandName, status: ComplaintStatus, policy?: Pick<Policy, 'stage1' | 'stage2'>): boolean {
  return allowedFrom(command, policy).includes(status);
}

/** Commands an informal record (src/domain/complaint/informal.ts) takes; the stage commands belong to the complaint raised from it. */
const INFORMAL_COMMANDS: readonly CommandName[] = [
  'logContact',
  'linkComplaint',
  'resolveInformally',
  'withdraw',
  'assign',
  'recordOmbudsman',
  'restrictContact',
  'reviewContactRestriction',
  'endContactRestriction',
];

export function assertTransition(command: CommandName, complaint: Pick<Complaint, 'status' | 'informal'>, policy?: Pick<Policy, 'stage1' | 'stage2'>): void {
  if (complaint.informal != null && !INFORMAL_COMMANDS.includes(command)) {
    const what = complaint.informal.kind === 'informal_resolution' ? 'an informal resolution' : 'a support request';
    throw new DomainError('conflict', 'informal_record', `${command} is not possible on ${what}: raise a stage 1 complaint from it (POST /v1/complaints/{id}/linked-complaints)`);
  }
  if (!canApply(command, complaint.status, policy)) {
    const allowed = allowedFrom(command, policy).join(', ');
    throw new DomainError(
      'conflict',
      'invalid_transition',
      `${command} is not allowed when the complaint is ${complaint.status} (allowed from: ${allowed})`,
    );
  }
  if (command === 'resolveInformally' && complaint.informal == null) {
    throw new DomainError('conflict', 'not_informal', 'only an informal resolution or a support request is resolved informally; a complaint is responded to');
  }
}

/** The status a command leads to, resolving the table's relative targets against the complaint. */
export function targetStatus(command: CommandName, complaint: Complaint): ComplaintStatus {
  const to: TransitionTarget = TRANSITIONS[command].to;
  if (to === 'unchanged') return complaint.status;
  if (to === 'stage_responded') return complaint.stage === 1 ? 'stage_1_responded' : 'stage_2_responded';
  if (to === 'status_before') {
    const before = complaint.closure?.statusBefore ?? complaint.withdrawal?.statusBefore;
    if (before === undefined) throw new DomainError('conflict', 'invalid_transition', `${command}: the complaint has no earlier status to return to`);
    return before;
  }
  return to;
}
