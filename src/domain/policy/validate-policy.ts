import { DomainError } from '../domain-error.ts';
import {
  AGE_LIMIT_EXCEPTIONS,
  CLOCK_STARTS,
  COUNTING_CONVENTIONS,
  EXCLUSION_GROUNDS,
  LIFECYCLE_ORDER,
  TIME_UNITS,
  type ClockStart,
  type ExtensionCap,
  type Policy,
  type Timescale,
} from './policy.ts';
import { escalationRulesProblems } from './escalation-rules.ts';

export interface PolicyProblem {
  field: string;
  message: string;
}

/** Beyond these a value is a typo, not a policy: a working year, a calendar year, two years. */
export const MAX_AMOUNT = { working_days: 250, calendar_days: 365, months: 24 } as const;
const MAX_AGE_LIMIT_MONTHS = 24;
const CUT_OFF = /^([01]\d|2[0-3]):([0-5]\d)$/;

const S1_EVENTS: readonly ClockStart[] = ['receipt', 'logging'];
const S2_EVENTS: readonly ClockStart[] = ['escalation_request', 'escalation_logging'];
const WINDOW_EVENTS: readonly ClockStart[] = ['stage_1_response', 'issue_occurred', 'receipt'];

/**
 * Which events each clock may count from: only events that happen before the
 * step and belong to the same stage (a stage 2 clock started by stage 1's
 * receipt could expire before the resident even escalates).
 */
const ALLOWED_FROM: Readonly<Record<string, { allowed: readonly ClockStart[]; step?: ClockStart }>> = {
  'stage1.acknowledge': { allowed: S1_EVENTS, step: 'stage_1_acknowledgement' },
  'stage1.respond': { allowed: [...S1_EVENTS, 'stage_1_acknowledgement'], step: 'stage_1_response' },
  'stage2.acknowledge': { allowed: S2_EVENTS, step: 'stage_2_acknowledgement' },
  'stage2.respond': { allowed: [...S2_EVENTS, 'stage_2_acknowledgement'], step: 'stage_2_response' },
  escalationWindow: { allowed: WINDOW_EVENTS, step: 'escalation_request' },
  'escalationWindow.orIfLater': { allowed: WINDOW_EVENTS, step: 'escalation_request' },
  autoCloseWindow: { allowed: ['stage_1_response'] },
  // From the request (receipt, or the escalation request), or from an explicit step recording that a decline is considered.
  declineLetter: { allowed: ['decline_request', 'decline_considered'] },
  ombudsmanEvidence: { allowed: ['evidence_request'] },
  informalResolution: { allowed: ['receipt'] },
  supportRequestContact: { allowed: ['support_request'] },
};

function has<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

function amountProblems(field: string, value: ExtensionCap, min: number, out: PolicyProblem[]): void {
  if (!has(TIME_UNITS, value.unit)) {
    out.push({ field: `${field}.unit`, message: `unit must be one of ${TIME_UNITS.join(', ')}` });
    return;
  }
  const { amount, unit } = value;
  if (!Number.isInteger(amount)) out.push({ field: `${field}.amount`, message: `amount must be a whole number, got ${amount}` });
  else if (amount < min) {
    const why = min === 0 ? 'cannot be negative' : 'must be at least 1: a zero deadline would fall due when its clock starts';
    out.push({ field: `${field}.amount`, message: `amount ${why}, got ${amount}` });
  } else if (amount > MAX_AMOUNT[unit]) {
    out.push({ field: `${field}.amount`, message: `${amount} ${unit} is more than the ${MAX_AMOUNT[unit]} allowed` });
  }
}

function timescaleProblems(field: string, value: Timescale, out: PolicyProblem[]): void {
  amountProblems(field, value, 1, out);
  const rule = ALLOWED_FROM[field];
  if (rule === undefined || rule.allowed.includes(value.from)) return;
  if (!has(CLOCK_STARTS, value.from)) {
    out.push({ field: `${field}.from`, message: `unknown clock start ${JSON.stringify(value.from)}` });
    return;
  }
  const own = rule.step === undefined ? undefined : LIFECYCLE_ORDER[rule.step];
  const at = LIFECYCLE_ORDER[value.from];
  const why =
    own !== undefined && at !== undefined && at >= own
      ? `${value.from} cannot happen before this step`
      : `${value.from} does not start this clock`;
  out.push({ field: `${field}.from`, message: `${why}; count from ${rule.allowed.join(' or ')}` });
}

function stageProblems(stage: 'stage1' | 'stage2', policy: Policy, out: PolicyProblem[]): void {
  const { acknowledge, respond, extensionCap } = policy[stage];
  if (acknowledge !== null) timescaleProblems(`${stage}.acknowledge`, acknowledge, out);
  timescaleProblems(`${stage}.respond`, respond, out);
  const ack = stage === 'stage1' ? 'stage_1_acknowledgement' : 'stage_2_acknowledgement';
  if (acknowledge === null && respond.from === ack) {
    out.push({ field: `${stage}.respond.from`, message: `the response counts from ${ack} but the policy sets no acknowledgement` });
  }
  if (extensionCap !== null) amountProblems(`${stage}.extensionCap`, extensionCap, 0, out);
}

function countingProblems(policy: Policy, out: PolicyProblem[]): void {
  const { convention, receiptCutOff } = policy.counting;
  if (!has(COUNTING_CONVENTIONS, convention)) {
    out.push({ field: 'counting.convention', message: `convention must be one of ${COUNTING_CONVENTIONS.join(', ')}` });
  }
  if (receiptCutOff === null) return;
  if (!CUT_OFF.test(receiptCutOff)) {
    out.push({ field: 'counting.receiptCutOff', message: `cut-off must be HH:MM between 00:01 and 23:59, got ${JSON.stringify(receiptCutOff)}` });
  } else if (receiptCutOff === '00:00') {
    out.push({ field: 'counting.receiptCutOff', message: 'a 00:00 cut-off would move every complaint to the next working day' });
  }
}

function listProblems(field: string, values: readonly unknown[], known: readonly string[], out: PolicyProblem[]): void {
  const seen = new Set<unknown>();
  values.forEach((value, i) => {
    if (!has(known, value)) out.push({ field: `${field}[${i}]`, message: `unknown code ${JSON.stringify(value)}; expected one of ${known.join(', ')}` });
    else if (seen.has(value)) out.push({ field: `${field}[${i}]`, message: `${value} is listed twice` });
    seen.add(value);
  });
}

function exclusionProblems(policy: Policy, out: PolicyProblem[]): void {
  const { ageLimit, grounds } = policy.exclusions;
  if (ageLimit !== null) {
    const { months } = ageLimit;
    if (!Number.isInteger(months) || months < 1 || months > MAX_AGE_LIMIT_MONTHS) {
      out.push({ field: 'exclusions.ageLimit.months', message: `age limit must be a whole number of months from 1 to ${MAX_AGE_LIMIT_MONTHS}, got ${months}` });
    }
    listProblems('exclusions.ageLimit.exceptions', ageLimit.exceptions, AGE_LIMIT_EXCEPTIONS, out);
  }
  listProblems('exclusions.grounds', grounds, EXCLUSION_GROUNDS, out);
  const byAge = grounds.includes('older_than_age_limit');
  if (byAge && ageLimit === null) {
    out.push({ field: 'exclusions.grounds', message: 'older_than_age_limit is listed but the policy sets no age limit' });
  } else if (!byAge && ageLimit !== null) {
    out.push({ field: 'exclusions.grounds', message: 'the policy sets an age limit but does not list older_than_age_limit as a ground' });
  }
}

/** Every semantic problem in a policy whose JSON shape is already known to be right. */
export function policyProblems(policy: Policy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  stageProblems('stage1', policy, out);
  stageProblems('stage2', policy, out);
  const window = policy.escalationWindow;
  if (window !== null) {
    timescaleProblems('escalationWindow', window, out);
    if (window.orIfLater !== null) timescaleProblems('escalationWindow.orIfLater', window.orIfLater, out);
  }
  for (const field of ['autoCloseWindow', 'declineLetter', 'ombudsmanEvidence', 'informalResolution', 'supportRequestContact'] as const) {
    const value = policy[field];
    if (value !== null) timescaleProblems(field, value, out);
  }
  escalationRulesProblems(policy.escalationRules, out);
  if (policy.untimedInformalStep && policy.informalResolution !== null) {
    out.push({ field: 'untimedInformalStep', message: 'the informal step has a time limit (informalResolution): it cannot also be untimed' });
  }
  countingProblems(policy, out);
  exclusionProblems(policy, out);
  return out;
}

export function assertValidPolicy(policy: Policy): void {
  const problems = policyProblems(policy);
  if (problems.length === 0) return;
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new DomainError('invalid_input', 'invalid_policy', `invalid policy: ${first.field}: ${first.message}${more}`, problems);
}
