import { CODE_ESCALATION_RULES } from './escalation-rules.ts';
import type { Policy } from './policy.ts';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The Housing Ombudsman's Complaint Handling Code 2024 for England (statutory since
 * 1 April 2024), as a policy: the baseline the compliance check compares against.
 * The `code-2024` preset carries the same values.
 */
export const CODE_2024_POLICY: Policy = deepFreeze({
  stage1: {
    // §6.2: acknowledged, defined and logged within five working days of receipt.
    acknowledge: { amount: 5, unit: 'working_days', from: 'receipt' },
    // §6.3: full response within 10 working days of the acknowledgement.
    respond: { amount: 10, unit: 'working_days', from: 'stage_1_acknowledgement' },
    // §6.4: an extension of no more than 10 working days without good reason.
    extensionCap: { amount: 10, unit: 'working_days' },
  },
  stage2: {
    // §6.11: acknowledged within five working days of the escalation request.
    acknowledge: { amount: 5, unit: 'working_days', from: 'escalation_request' },
    // §6.14 (numbering not confirmed): response within 20 working days of the acknowledgement.
    respond: { amount: 20, unit: 'working_days', from: 'stage_2_acknowledgement' },
    // §6.15 (numbering not confirmed): an extension of no more than 20 working days.
    extensionCap: { amount: 20, unit: 'working_days' },
  },
  // The Code sets no time limit on asking for stage 2.
  escalationWindow: null,
  escalationRules: CODE_ESCALATION_RULES,
  autoCloseWindow: null,
  declineLetter: null,
  ombudsmanEvidence: null,
  // §5.2: no extra named stages such as "stage 0" or "informal complaint".
  informalResolution: null,
  supportRequestContact: null,
  untimedInformalStep: false,
  counting: { convention: 'day_after_is_day_1', receiptCutOff: null },
  exclusions: {
    // §2.3: complaints within 12 months of the issue (or of becoming aware of it) must be accepted.
    ageLimit: { months: 12, exceptions: ['safeguarding', 'health_and_safety'] },
    // §2.2: the acceptable exclusions the Code itself lists.
    grounds: ['older_than_age_limit', 'legal_proceedings', 'already_considered'],
  },
  ch02ExtensionCountsAsOnTime: true,
} satisfies Policy);
