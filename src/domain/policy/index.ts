export {
  AGE_LIMIT_EXCEPTIONS,
  CLOCK_STARTS,
  COUNTING_CONVENTIONS,
  EXCLUSION_GROUNDS,
  LIFECYCLE_ORDER,
  OPTIONAL_TIMESCALES,
  TIME_UNITS,
  type AgeLimit,
  type AgeLimitException,
  type ClockStart,
  type Counting,
  type CountingConvention,
  type EscalationWindow,
  type ExclusionGround,
  type Exclusions,
  type ExtensionCap,
  type Policy,
  type StagePolicy,
  type Timescale,
  type TimeUnit,
} from './policy.ts';
export { CODE_2024_POLICY } from './code-2024.ts';
export {
  CODE_ESCALATION_REFUSAL_GROUNDS,
  CODE_ESCALATION_RULES,
  type CodeEscalationRefusalGround,
  type EscalationRefusalGroundRule,
  type EscalationRules,
} from './escalation-rules.ts';
export { assertValidPolicy, MAX_AMOUNT, policyProblems, type PolicyProblem } from './validate-policy.ts';
export { isPolicyShape, policyShapeProblems } from './policy-shape.ts';
export { addExtension, deadlineFor, dueDateFor, effectiveReceiptDate, escalationWindowCloses, type EventDates } from './timescale.ts';
export {
  assertNewPolicyVersion,
  newPolicyVersionProblems,
  policyVersionInForce,
  type NewVersionOptions,
  type PolicyVersionRef,
} from './policy-versions.ts';
export { applyOverrides, findPreset, presetsFrom, type PolicyOverrides, type PolicyPreset } from './presets.ts';
export { complianceGaps, complianceNotices, maxWorkingDays, type ComplianceGap, type ComplianceNotice } from './compliance.ts';
