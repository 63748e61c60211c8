/**
 * A policy's own rules for asking for stage 2: the grounds on which it may refuse
 * to escalate, and what a request must contain. The Code lets a resident escalate
 * without giving reasons (§6.12); a landlord may refuse only on the grounds domain §3
 * lists, in writing, with the Ombudsman right.
 */

/** The grounds for refusing escalation that the Code allows (domain §3): a policy's own grounds map onto these where one fits. */
export const CODE_ESCALATION_REFUSAL_GROUNDS = [
  'outside_policy_remit',
  'final_response_already_given',
  'new_matters_need_new_complaint',
  'resident_refused_to_engage',
] as const;
export type CodeEscalationRefusalGround = (typeof CODE_ESCALATION_REFUSAL_GROUNDS)[number];

export interface EscalationRefusalGroundRule {
  /** The policy's name for the ground (snake_case): what a refusal cites. */
  code: string;
  /** The Code's ground it corresponds to; null when none fits (a compliance gap). */
  codeGround: CodeEscalationRefusalGround | null;
  /** The policy's own words. */
  description: string;
}

export interface EscalationRules {
  refusalGrounds: EscalationRefusalGroundRule[];
  /** The request must be made in writing (Longhurst: "in writing within one month"). */
  requestInWriting: boolean;
  /** The resident must give reasons for escalating (contrary to §6.12). */
  reasonsRequired: boolean;
  /** Criteria (snake_case codes) of which the request must cite at least one; empty: none. */
  criteria: string[];
}

/** The Code's own rules: its four grounds, each its own mapping, and no preconditions. */
export const CODE_ESCALATION_RULES: EscalationRules = {
  refusalGrounds: [
    { code: 'outside_policy_remit', codeGround: 'outside_policy_remit', description: 'the matter is outside the scope of the complaints policy' },
    { code: 'final_response_already_given', codeGround: 'final_response_already_given', description: 'a final (stage 2) response was already given' },
    { code: 'new_matters_need_new_complaint', codeGround: 'new_matters_need_new_complaint', description: 'new matters, which belong in a new complaint' },
    { code: 'resident_refused_to_engage', codeGround: 'resident_refused_to_engage', description: 'the resident refused to engage with the stage 1 process' },
  ],
  requestInWriting: false,
  reasonsRequired: false,
  criteria: [],
};

const CODE = /^[a-z][a-z0-9_]{0,59}$/;

function codeProblems(field: string, values: readonly string[], out: { field: string; message: string }[]): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (!CODE.test(value)) out.push({ field: `${field}[${i}]`, message: `a code must be snake_case (a-z, 0-9, _), up to 60 characters, got ${JSON.stringify(value)}` });
    else if (seen.has(value)) out.push({ field: `${field}[${i}]`, message: `${value} is listed twice` });
    seen.add(value);
  });
}

export function escalationRulesProblems(rules: EscalationRules, out: { field: string; message: string }[]): void {
  codeProblems('escalationRules.refusalGrounds', rules.refusalGrounds.map((g) => g.code), out);
  rules.refusalGrounds.forEach((g, i) => {
    const at = `escalationRules.refusalGrounds[${i}]`;
    if (g.codeGround !== null && !(CODE_ESCALATION_REFUSAL_GROUNDS as readonly string[]).includes(g.codeGround)) {
      out.push({ field: `${at}.codeGround`, message: `codeGround must be null or one of ${CODE_ESCALATION_REFUSAL_GROUNDS.join(', ')}` });
    }
    if (g.description.trim() === '') out.push({ field: `${at}.description`, message: "a ground needs the policy's wording" });
  });
  codeProblems('escalationRules.criteria', rules.criteria, out);
}

export interface EscalationRuleGap {
  rule: string;
  codeParagraph: string;
  policyValue: string;
  codeValue: string;
  message: string;
}

/** Where the policy's stage 2 rules go beyond what the Code allows. */
export function escalationRuleGaps(rules: EscalationRules): EscalationRuleGap[] {
  const out: EscalationRuleGap[] = [];
  const codeGrounds = CODE_ESCALATION_REFUSAL_GROUNDS.join(', ');
  for (const g of rules.refusalGrounds.filter((r) => r.codeGround === null)) {
    out.push({
      rule: 'escalation_refusal_ground_not_in_code',
      codeParagraph: '§6.10',
      policyValue: `${g.code}: ${g.description}`,
      codeValue: codeGrounds,
      message: `the policy may refuse to escalate on "${g.description}", which is none of the grounds the Code allows; an unresolved complaint must progress to stage 2`,
    });
  }
  if (rules.requestInWriting) {
    out.push({ rule: 'escalation_in_writing', codeParagraph: '§1.2', policyValue: 'in writing', codeValue: 'however made', message: 'a stage 2 request must be made in writing; the Code accepts dissatisfaction however it is expressed' });
  }
  if (rules.reasonsRequired) {
    out.push({ rule: 'escalation_reasons_required', codeParagraph: '§6.12', policyValue: 'reasons required', codeValue: 'no reasons required', message: 'the resident must give reasons to escalate; the Code says residents need not explain their reasons' });
  }
  if (rules.criteria.length > 0) {
    const value = rules.criteria.join(', ');
    out.push({ rule: 'escalation_criteria', codeParagraph: '§6.12', policyValue: value, codeValue: 'none', message: `a stage 2 request must cite one of the policy's criteria (${value}); the Code lets any unresolved complaint escalate without reasons` });
  }
  return out;
}
