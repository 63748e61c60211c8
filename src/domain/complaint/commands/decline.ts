import { civilFromEpochDay, daysInMonth, epochDayFromCivil, fromEpochDay, parseIsoDate, type IsoDate } from '../../calendar/iso-date.ts';
import { DomainError } from '../../domain-error.ts';
import { EXCLUSION_GROUNDS, type ExclusionGround } from '../../policy/index.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import type { Complaint } from '../complaint.ts';
import { isoDate, Missing, oneOf } from '../input-checks.ts';
import { targetStatus } from '../transitions.ts';

/** Not accepting a complaint (domain §2): a written, evidenced reason and the Ombudsman right. */
export interface DeclineInput {
  ground: ExclusionGround;
  explanation?: string;
  discretionConsidered?: boolean;
  ombudsmanRightGiven?: boolean;
  /** For `older_than_age_limit`: when the issue occurred or the resident became aware of it; defaults to the complaint's. */
  issueOccurredOn?: IsoDate | null;
}

function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = civilFromEpochDay(parseIsoDate(date));
  const index = year * 12 + month - 1 + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return fromEpochDay(epochDayFromCivil(y, m, Math.min(day, daysInMonth(y, m))));
}

/**
 * Safeguarding and health-and-safety matters are never excluded for age
 * (domain §2), whatever the policy's own exception list says; and a complaint
 * received within the limit of the issue cannot be declined for age.
 */
function assertAgeLimitApplies(complaint: Complaint, ctx: CommandContext, issueOccurredOn: IsoDate): void {
  const { safeguarding, healthAndSafety } = complaint.urgency;
  if (safeguarding || healthAndSafety) {
    const what = safeguarding ? 'safeguarding' : 'health and safety';
    throw new DomainError('conflict', 'age_limit_not_applicable', `a ${what} matter is never excluded for age (Code §2.3)`);
  }
  const limit = ctx.policy.exclusions.ageLimit;
  if (limit === null) return;
  const expires = addMonths(issueOccurredOn, limit.months);
  if (complaint.receiptDate <= expires) {
    throw new DomainError(
      'conflict',
      'within_age_limit',
      `the issue (${issueOccurredOn}) is within the policy's ${limit.months}-month limit of the complaint's receipt (${complaint.receiptDate})`,
    );
  }
}

export function decline(complaint: Complaint, input: DeclineInput, ctx: CommandContext): CommandResult {
  const at = begin('decline', complaint, ctx);
  const ground = oneOf(EXCLUSION_GROUNDS, input.ground, 'ground', 'unknown_ground');
  if (!ctx.policy.exclusions.grounds.includes(ground)) {
    throw new DomainError(
      'conflict',
      'ground_not_in_policy',
      `${ground} is not an exclusion ground of this policy (its grounds: ${ctx.policy.exclusions.grounds.join(', ') || 'none'})`,
    );
  }
  const byAge = ground === 'older_than_age_limit';
  const missing = new Missing();
  missing.text(input.explanation, 'explanation', 'a written explanation of the decline is required');
  missing.truthy(input.ombudsmanRightGiven, 'ombudsmanRightGiven', 'the resident must be told of the right to go to the Ombudsman');
  if (byAge) missing.truthy(input.discretionConsidered, 'discretionConsidered', 'discretion must be considered before declining for age (Code §2.3)');
  const issue = input.issueOccurredOn ?? complaint.issueOccurredOn;
  if (byAge && issue == null) missing.add('issueOccurredOn', 'when the issue occurred is needed to decline for age');
  missing.throwIfAny('decline_incomplete', 'the decline');
  const issueOccurredOn = issue == null ? null : isoDate(issue, 'issueOccurredOn');
  if (byAge) assertAgeLimitApplies(complaint, ctx, issueOccurredOn!);
  const next: Complaint = {
    ...complaint,
    status: targetStatus('decline', complaint),
    issueOccurredOn,
    decline: { at, ground, explanation: input.explanation!.trim(), discretionConsidered: input.discretionConsidered === true, ombudsmanRightGiven: true },
  };
  return commit(next, ctx, 'complaint.declined', asJson({ ...input, ground, issueOccurredOn }));
}
