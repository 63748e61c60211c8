import type { EscalationRules } from './escalation-rules.ts';

/**
 * A landlord's complaint policy as plain, JSON-serialisable data (domain §3, §5).
 * The UK division belongs to the organisation, not the policy: the same policy
 * counts working days on whichever division calendar the organisation uses.
 */

export const TIME_UNITS = ['working_days', 'calendar_days', 'months'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/**
 * What a clock counts from. Names are unambiguous across stages: `receipt` and
 * `logging` are the complaint's (stage 1), `escalation_request` and
 * `escalation_logging` are the stage 2 request's. Listed in the order they can
 * happen in one complaint's life; the rest are side events.
 */
export const CLOCK_STARTS = [
  'issue_occurred',
  'receipt',
  'logging',
  'stage_1_acknowledgement',
  'stage_1_response',
  'escalation_request',
  'escalation_logging',
  'stage_2_acknowledgement',
  'stage_2_response',
  'decline_request',
  'decline_considered',
  'evidence_request',
  'support_request',
] as const;
export type ClockStart = (typeof CLOCK_STARTS)[number];

/** Position in a complaint's life; side events have none. */
export const LIFECYCLE_ORDER: Readonly<Partial<Record<ClockStart, number>>> = {
  issue_occurred: 0,
  receipt: 1,
  logging: 2,
  stage_1_acknowledgement: 3,
  stage_1_response: 4,
  escalation_request: 5,
  escalation_logging: 6,
  stage_2_acknowledgement: 7,
  stage_2_response: 8,
};

export interface Timescale {
  amount: number;
  unit: TimeUnit;
  from: ClockStart;
}

/**
 * The most an extension may add without a recorded good reason, counted from the
 * response's original due date (Code §6.4, §6.15). In a policy, `null` means the
 * policy sets no cap (extensions are possible but unbounded by the policy); an
 * amount of 0 means the policy allows no extension at all.
 */
export interface ExtensionCap {
  amount: number;
  unit: TimeUnit;
}

export interface StagePolicy {
  /** null: the policy has no separate acknowledgement step (SPSO/NIPSO frontline). */
  acknowledge: Timescale | null;
  respond: Timescale;
  extensionCap: ExtensionCap | null;
}

/**
 * How long a resident has to ask for stage 2. `orIfLater` models "within six
 * months of the event, or two months of the stage 1 response if later" (SPSO):
 * the window closes at the later of the two deadlines.
 */
export interface EscalationWindow extends Timescale {
  orIfLater: Timescale | null;
}

/**
 * `day_after_is_day_1` (default, domain §4): the event's day is day 0, "within N
 * days" ends on the N-th day after it. `event_day_is_day_1`: the event's day is
 * day 1, so every deadline falls one day earlier.
 */
export const COUNTING_CONVENTIONS = ['day_after_is_day_1', 'event_day_is_day_1'] as const;
export type CountingConvention = (typeof COUNTING_CONVENTIONS)[number];

export interface Counting {
  convention: CountingConvention;
  /** 'HH:MM' London time at or after which a complaint counts as received the next working day. */
  receiptCutOff: string | null;
}

/** Grounds for not accepting a complaint (domain §2, Code §2.2, and the seeds' own). */
export const EXCLUSION_GROUNDS = [
  'older_than_age_limit',
  'legal_proceedings',
  'already_considered',
  'anti_social_behaviour',
  'rent_or_service_charge_levels',
  'insurance_or_compensation_claim',
  'another_organisation',
  'appeal_process',
  'anonymous',
  'unacceptable_behaviour_arrangement',
  'law_correctly_applied',
  'information_rights_request',
] as const;
export type ExclusionGround = (typeof EXCLUSION_GROUNDS)[number];

/** Matters never excluded for age, whatever the limit (domain §2). */
export const AGE_LIMIT_EXCEPTIONS = ['safeguarding', 'health_and_safety'] as const;
export type AgeLimitException = (typeof AGE_LIMIT_EXCEPTIONS)[number];

export interface AgeLimit {
  /** Counted from when the issue occurred or the resident became aware of it (Code §2.3). */
  months: number;
  exceptions: AgeLimitException[];
}

export interface Exclusions {
  /** null: the policy sets no age limit. */
  ageLimit: AgeLimit | null;
  grounds: ExclusionGround[];
}

export interface Policy {
  stage1: StagePolicy;
  stage2: StagePolicy;
  escalationWindow: EscalationWindow | null;
  /** Grounds for refusing stage 2 and what a request must contain (src/domain/policy/escalation-rules.ts). */
  escalationRules: EscalationRules;
  /** Close after a stage 1 response when the resident makes no contact (Lumen: 25 wd). */
  autoCloseWindow: Timescale | null;
  /** Written reasons for not accepting or not escalating a complaint (Lumen: 10 wd). */
  declineLetter: Timescale | null;
  /** Answer an Ombudsman evidence request (LHP: 15 wd). */
  ombudsmanEvidence: Timescale | null;
  /** An informal "first time fix" window before stage 1 (Longhurst: 2 wd). */
  informalResolution: Timescale | null;
  /** Contact after a support-service request (seed 003: 3 wd). */
  supportRequestContact: Timescale | null;
  /**
   * The policy has an informal step with no time limit (Lumen's "informal complaints outside of
   * this Policy", Lets for Life's informal resolution with the Housing Officer): reported, since an
   * informal step must never delay a formal complaint (Code §5.2). Only with informalResolution null.
   */
  untimedInformalStep: boolean;
  counting: Counting;
  exclusions: Exclusions;
  /** Whether a response inside an allowed extension counts as on time for CH02 (domain §7). */
  ch02ExtensionCountsAsOnTime: boolean;
}

/** The timescale fields other than the two stages, in the order reports list them. */
export const OPTIONAL_TIMESCALES = [
  'autoCloseWindow',
  'declineLetter',
  'ombudsmanEvidence',
  'informalResolution',
  'supportRequestContact',
] as const satisfies readonly (keyof Policy)[];
