import type { IsoDate } from '../calendar/index.ts';
import type { OmbudsmanIssueFinding, OmbudsmanOrder } from '../ombudsman/ombudsman-case.ts';
import { CODE_ESCALATION_REFUSAL_GROUNDS, type CodeEscalationRefusalGround, type ExclusionGround } from '../policy/index.ts';
import type { ComplaintStatus, Instant, Stage } from './complaint-parts.ts';

/** What a complaint's handling produced and how it ended. */
export const OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Decision {
  matterId: string;
  outcome: Outcome;
  reasons: string;
}

export interface StageResponse {
  stage: Stage;
  sentAt: Instant;
  definition: string;
  decisions: Decision[];
  /** Remedies and actions offered in this response (ids in `remedies` / `actions`). */
  remedyIds: string[];
  actionIds: string[];
  /** Stage 1: how to escalate to stage 2; stage 2: the right to go to the Ombudsman. */
  escalationExplained: true;
}

export const REMEDY_TYPES = [
  'apology',
  'explanation',
  'repair_or_action',
  'changed_decision_or_record',
  'financial',
  'policy_change',
  'training',
] as const;
export type RemedyType = (typeof REMEDY_TYPES)[number];

export interface Remedy {
  id: string;
  stage: Stage;
  type: RemedyType;
  description: string;
  /** Money in integer pence; both 0 unless type is financial. */
  compensationPence: number;
  refundPence: number;
  dueDate: IsoDate | null;
  offeredAt: Instant;
  completedAt: Instant | null;
}

export interface Action {
  id: string;
  stage: Stage;
  description: string;
  owner: string;
  dueDate: IsoDate;
  agreedAt: Instant;
  completedAt: Instant | null;
}

export interface Escalation {
  requestedAt: Instant;
  /** When the request was entered (the `escalation_logging` clock start). */
  loggedAt: Instant;
  /** §6.12: the resident need not give one. */
  reason: string | null;
  /** Why a request after the policy's escalation window was accepted. */
  lateDiscretion: string | null;
  /** The policy's criteria the request cited; absent on requests recorded before policies had any. */
  criteria?: string[];
  /** Whether the request was in writing, when the caller said. */
  inWriting?: boolean | null;
  /** Why a request missing the policy's preconditions was accepted. */
  preconditionDiscretion?: string | null;
}

/** The Code's grounds for refusing escalation (domain §3); a policy lists its own, mapped onto these. */
export const ESCALATION_REFUSAL_GROUNDS = CODE_ESCALATION_REFUSAL_GROUNDS;
export type EscalationRefusalGround = CodeEscalationRefusalGround;

export interface EscalationRefusal {
  at: Instant;
  /** The policy's ground (its `escalationRules.refusalGrounds[].code`). */
  ground: string;
  /** The Code's ground it maps to; null where none fits; absent on refusals recorded before policies had their own grounds (then `ground` is the Code's). */
  codeGround?: EscalationRefusalGround | null;
  explanation: string;
  ombudsmanRightGiven: true;
}

export interface Decline {
  at: Instant;
  ground: ExclusionGround;
  explanation: string;
  discretionConsidered: boolean;
  ombudsmanRightGiven: true;
}

/** The landlord records that it is considering not accepting (stage 1) or not escalating (stage 2): a decline-letter clock start. */
export interface DeclineConsideration {
  at: Instant;
  stage: Stage;
  note: string | null;
}

export interface Withdrawal {
  at: Instant;
  reason: string | null;
  statusBefore: ComplaintStatus;
}

export const CLOSURE_REASONS = [
  'stage_2_response',
  'resolved_at_stage_1',
  'no_escalation_within_window',
  'auto_close',
  'landlord_discretion',
  'escalation_refused',
  // Informal records (src/domain/complaint/informal.ts) only:
  'resolved_informally',
  'became_complaint',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export interface Closure {
  at: Instant;
  reason: ClosureReason;
  explanation: string | null;
  residentToldAt: Instant | null;
  statusBefore: ComplaintStatus;
}

export interface Reopening {
  at: Instant;
  discretion: string;
  ended: { closure: Closure | null; withdrawal: Withdrawal | null; escalationRefusal: EscalationRefusal | null };
}

export interface EvidenceRequest {
  id: string;
  requestedAt: Instant;
  description: string;
  /** Set by the Ombudsman's request; else the policy's `ombudsmanEvidence` timescale applies. */
  dueDate: IsoDate | null;
  providedAt: Instant | null;
}

export interface OmbudsmanDetermination {
  at: Instant;
  /** One finding per issue, from the Ombudsman's scale; empty on a determination recorded as free text before it. */
  issues: OmbudsmanIssueFinding[];
  /** The findings as text: each issue's finding, or the free text of an older record. */
  findings: string[];
  /** The orders' and recommendations' descriptions (their tracking is `OmbudsmanRecord.orders`). */
  orders: string[];
}

export interface OmbudsmanRecord {
  referral: { at: Instant; ombudsmanRef: string | null } | null;
  evidenceRequests: EvidenceRequest[];
  determination: OmbudsmanDetermination | null;
  /** Orders and recommendations, each tracked to compliance. */
  orders: OmbudsmanOrder[];
}
