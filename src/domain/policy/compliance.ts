import { CODE_2024_POLICY } from './code-2024.ts';
import { escalationRuleGaps } from './escalation-rules.ts';
import { LIFECYCLE_ORDER, type ExtensionCap, type Policy, type Timescale, type TimeUnit } from './policy.ts';

/** One point where a policy is looser than the Complaint Handling Code 2024 (England). */
export interface ComplianceGap {
  /** Stable code, e.g. `stage_1_response_longer`. */
  rule: string;
  codeParagraph: string;
  policyValue: string;
  codeValue: string;
  message: string;
}

/**
 * The most working days a span can hold, so that a calendar-day or month timescale
 * is only called compliant when it cannot exceed the Code in any week or month:
 * N calendar days hold at most 5 per full week plus up to 5 of the rest; a month
 * is taken as 31 days (at most 23 working days, not the 20 of a typical month).
 */
export function maxWorkingDays(amount: number, unit: TimeUnit): number {
  if (unit === 'working_days') return amount;
  const days = unit === 'calendar_days' ? amount : amount * 31;
  return 5 * Math.floor(days / 7) + Math.min(days % 7, 5);
}

const UNIT_NAMES: Record<TimeUnit, [string, string]> = {
  working_days: ['working day', 'working days'],
  calendar_days: ['calendar day', 'calendar days'],
  months: ['month', 'months'],
};
const describeAmount = (a: ExtensionCap): string => `${a.amount} ${UNIT_NAMES[a.unit][a.amount === 1 ? 0 : 1]}`;
const describe = (t: Timescale): string => `${describeAmount(t)} from ${t.from}`;

interface Step {
  key: string;
  label: string;
  paragraph: string;
}

function timescaleGaps(step: Step, policy: Timescale | null, code: Timescale, out: ComplianceGap[]): void {
  const codeValue = describe(code);
  if (policy === null) {
    out.push({ rule: `${step.key}_missing`, codeParagraph: step.paragraph, policyValue: 'none', codeValue, message: `the policy has no ${step.label}; the Code requires one within ${codeValue}` });
    return;
  }
  const policyValue = describe(policy);
  const most = maxWorkingDays(policy.amount, policy.unit);
  if (most > code.amount) {
    const bound = policy.unit === 'working_days' ? '' : ` (up to ${most} working days)`;
    out.push({ rule: `${step.key}_longer`, codeParagraph: step.paragraph, policyValue, codeValue, message: `${step.label} allows ${describeAmount(policy)}${bound}, longer than the Code's ${describeAmount(code)}` });
  }
  if ((LIFECYCLE_ORDER[policy.from] ?? 0) > (LIFECYCLE_ORDER[code.from] ?? 0)) {
    out.push({ rule: `${step.key}_clock_later`, codeParagraph: step.paragraph, policyValue, codeValue, message: `${step.label} counts from ${policy.from}, later than the Code's ${code.from}` });
  }
}

function extensionGaps(step: Step, policy: ExtensionCap | null, code: ExtensionCap, out: ComplianceGap[]): void {
  const codeValue = describeAmount(code);
  if (policy === null) {
    out.push({ rule: `${step.key}_uncapped`, codeParagraph: step.paragraph, policyValue: 'no cap', codeValue, message: `the policy sets no cap on a ${step.label}; the Code allows at most ${codeValue} without good reason` });
  } else if (maxWorkingDays(policy.amount, policy.unit) > code.amount) {
    out.push({ rule: `${step.key}_longer`, codeParagraph: step.paragraph, policyValue: describeAmount(policy), codeValue, message: `a ${step.label} of up to ${describeAmount(policy)} exceeds the Code's ${codeValue}` });
  }
}

/**
 * Every point where `policy` is looser than the Code 2024 for England; a stricter
 * value is never a gap. Not checked: CH02's treatment of extensions (domain §7
 * counts an extended response as on time only when the extension met the Code's
 * rules, whatever the policy allows); the counting convention (`event_day_is_day_1`
 * only brings deadlines forward); and the age limit's exception list, because the
 * decline command never excludes a safeguarding or health-and-safety matter for
 * age whatever the list says (domain §2).
 */
export function complianceGaps(policy: Policy): ComplianceGap[] {
  const code = CODE_2024_POLICY;
  const out: ComplianceGap[] = [];
  const s1 = { ack: 'stage 1 acknowledgement', resp: 'stage 1 response', ext: 'stage 1 extension' };
  timescaleGaps({ key: 'stage_1_acknowledgement', label: s1.ack, paragraph: '§6.2' }, policy.stage1.acknowledge, code.stage1.acknowledge!, out);
  timescaleGaps({ key: 'stage_1_response', label: s1.resp, paragraph: '§6.3' }, policy.stage1.respond, code.stage1.respond, out);
  extensionGaps({ key: 'stage_1_extension', label: s1.ext, paragraph: '§6.4' }, policy.stage1.extensionCap, code.stage1.extensionCap!, out);
  const window = policy.escalationWindow;
  if (window !== null) {
    const value = describe(window) + (window.orIfLater === null ? '' : `, or ${describe(window.orIfLater)} if later`);
    out.push({
      rule: 'escalation_window',
      codeParagraph: '§6.10',
      policyValue: value,
      codeValue: 'none',
      message: `residents must ask for stage 2 within ${value}; the Code sets no time limit on escalation`,
    });
  }
  out.push(...escalationRuleGaps(policy.escalationRules));
  const s2 = { ack: 'stage 2 acknowledgement', resp: 'stage 2 response', ext: 'stage 2 extension' };
  timescaleGaps({ key: 'stage_2_acknowledgement', label: s2.ack, paragraph: '§6.11' }, policy.stage2.acknowledge, code.stage2.acknowledge!, out);
  timescaleGaps({ key: 'stage_2_response', label: s2.resp, paragraph: '§6.14' }, policy.stage2.respond, code.stage2.respond, out);
  extensionGaps({ key: 'stage_2_extension', label: s2.ext, paragraph: '§6.15' }, policy.stage2.extensionCap, code.stage2.extensionCap!, out);
  if (policy.informalResolution !== null) {
    out.push({
      rule: 'informal_stage',
      codeParagraph: '§5.2',
      policyValue: `informal resolution within ${describe(policy.informalResolution)}`,
      codeValue: 'none',
      message: 'the policy has an informal stage before stage 1; the Code allows no extra named stage such as "stage 0" or "informal complaint"',
    });
  }
  if (policy.untimedInformalStep) {
    out.push({
      rule: 'informal_stage_untimed',
      codeParagraph: '§5.2',
      policyValue: 'an informal step with no time limit',
      codeValue: 'none',
      message: 'the policy has an informal step with no time limit; informal resolution must never delay a formal complaint the resident asks for',
    });
  }
  const age = policy.exclusions.ageLimit;
  const codeAge = code.exclusions.ageLimit!;
  if (age !== null && age.months < codeAge.months) {
    out.push({
      rule: 'age_limit_shorter',
      codeParagraph: '§2.3',
      policyValue: `${age.months} months`,
      codeValue: `${codeAge.months} months`,
      message: `complaints older than ${age.months} months may be declined; the Code requires accepting complaints within ${codeAge.months} months`,
    });
  }
  const cutOff = policy.counting.receiptCutOff;
  if (cutOff !== null && code.counting.receiptCutOff === null) {
    // Every clock counted from a receipt then starts a working day later for whatever
    // arrives late in the day: a clock that starts later than the Code's.
    out.push({
      rule: 'receipt_cut_off',
      codeParagraph: '§6.2',
      policyValue: `received at or after ${cutOff} counts as received the next working day`,
      codeValue: 'none',
      message: `a complaint or escalation request received at or after ${cutOff} (London time) starts its clocks on the next working day; the Code counts from the day it is received (§6.2, §6.11)`,
    });
  }
  return out;
}

/** Something the Code does not set but the service needs to track a duty: not a gap, so `compliant` ignores it. */
export interface ComplianceNotice {
  rule: string;
  policyValue: string;
  message: string;
}

/**
 * Timescales a policy should set for duties outside the Code's two stages. The Ombudsman's
 * evidence requests (domain §6): without `ombudsmanEvidence`, a request the Ombudsman gave
 * no date gets no deadline, so it can never show as breached (LHP: 15 working days).
 */
export function complianceNotices(policy: Policy): ComplianceNotice[] {
  if (policy.ombudsmanEvidence !== null) return [];
  return [
    {
      rule: 'ombudsman_evidence_missing',
      policyValue: 'none',
      message: "the policy sets no timescale for answering the Ombudsman's evidence requests (ombudsmanEvidence): a request without its own due date gets no deadline and is never breached",
    },
  ];
}
