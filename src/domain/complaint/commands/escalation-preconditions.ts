import type { EscalationRules } from '../../policy/index.ts';
import { isText, Missing } from '../input-checks.ts';

/** What a stage 2 request brings for its policy's preconditions (Longhurst: in writing, with reasons, citing a criterion). */
export interface PreconditionInput {
  reason?: string | null;
  /** The request was made in writing. */
  inWriting?: boolean | null;
  /** The policy's criteria the request cites. */
  criteria?: string[] | null;
  /** Why a request that misses the policy's preconditions is accepted all the same. */
  preconditionDiscretion?: string | null;
}

export interface PreconditionOutcome {
  criteria: string[];
  inWriting: boolean | null;
  preconditionDiscretion: string | null;
}

/**
 * Checks a stage 2 request against the policy's own preconditions. A request missing
 * one is a 422 listing each, unless the discretion used to accept it is recorded; cited
 * criteria the policy does not list are always refused. The Code itself has none
 * (§6.12): its rules pass every request.
 */
export function checkPreconditions(rules: EscalationRules, input: PreconditionInput): PreconditionOutcome {
  const cited = Array.isArray(input.criteria) ? input.criteria : [];
  const unknown = new Missing();
  cited.forEach((c, i) => {
    if (!rules.criteria.includes(c)) unknown.add(`criteria[${i}]`, `${JSON.stringify(c)} is not a criterion of this policy (${rules.criteria.join(', ') || 'none'})`);
  });
  unknown.throwIfAny('unknown_escalation_criterion', 'the stage 2 request');
  const discretion = isText(input.preconditionDiscretion) ? input.preconditionDiscretion.trim() : null;
  const missing = new Missing();
  if (rules.reasonsRequired) missing.text(input.reason, 'reason', 'the policy requires the resident’s reasons for escalating');
  if (rules.requestInWriting) missing.truthy(input.inWriting, 'inWriting', 'the policy requires the request in writing');
  if (rules.criteria.length > 0 && cited.length === 0) missing.add('criteria', `the policy requires the request to cite one of ${rules.criteria.join(', ')}`);
  if (discretion === null) missing.throwIfAny('escalation_preconditions_missing', 'the stage 2 request (or record preconditionDiscretion)');
  return { criteria: [...new Set(cited)], inWriting: typeof input.inWriting === 'boolean' ? input.inWriting : null, preconditionDiscretion: missing.problems.length > 0 ? discretion : null };
}
