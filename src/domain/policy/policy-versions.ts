import { isIsoDate, type IsoDate } from '../calendar/index.ts';
import { DomainError } from '../domain-error.ts';
import type { PolicyProblem } from './validate-policy.ts';

export interface PolicyVersionRef {
  version: number;
  effectiveFrom: IsoDate;
}

/**
 * The version in force on `onDate` (domain §5: a complaint keeps the version in
 * force when it was received): the latest `effectiveFrom` on or before the date,
 * the highest version number on a tie; undefined before the first version.
 */
export function policyVersionInForce<V extends PolicyVersionRef>(versions: readonly V[], onDate: IsoDate): V | undefined {
  if (!isIsoDate(onDate)) {
    throw new DomainError('invalid_input', 'invalid_date', `expected a date as YYYY-MM-DD, got ${JSON.stringify(onDate)}`);
  }
  let best: V | undefined;
  for (const v of versions) {
    // ISO dates compare correctly as strings.
    if (v.effectiveFrom > onDate) continue;
    if (best === undefined || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) {
      best = v;
    }
  }
  return best;
}

export interface NewVersionOptions {
  /** When given, the first day the new version may take effect (e.g. today, to refuse backdating). */
  notBefore?: IsoDate;
  /**
   * A historic version, added on purpose (`backdate: true`): it may start before versions
   * that already exist, and is in force from its date until the next version's.
   */
  historic?: boolean;
}

/**
 * Ordering rules for adding a version: numbers go up, and a later version never
 * takes effect before an earlier one, so "highest version" and "latest in force"
 * always agree and an older version can never come back into force after a newer
 * one. The same day is allowed: it replaces a version before it takes effect.
 * Whether complaints already use a version is the store's concern.
 */
export function newPolicyVersionProblems(
  existing: readonly PolicyVersionRef[],
  candidate: PolicyVersionRef,
  options: NewVersionOptions = {},
): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  if (!isIsoDate(candidate.effectiveFrom)) {
    out.push({ field: 'effectiveFrom', message: `expected a date as YYYY-MM-DD, got ${JSON.stringify(candidate.effectiveFrom)}` });
  }
  if (!Number.isInteger(candidate.version) || candidate.version < 1) {
    out.push({ field: 'version', message: `version must be a whole number from 1, got ${candidate.version}` });
  }
  const latest = existing.reduce<PolicyVersionRef | undefined>((a, v) => (a === undefined || v.version > a.version ? v : a), undefined);
  if (latest !== undefined && candidate.version <= latest.version) {
    out.push({ field: 'version', message: `version ${candidate.version} must be after the latest version ${latest.version}` });
  }
  const lastStart = existing.reduce<IsoDate | undefined>((a, v) => (a === undefined || v.effectiveFrom > a ? v.effectiveFrom : a), undefined);
  if (out.length === 0 && options.historic !== true && lastStart !== undefined && candidate.effectiveFrom < lastStart) {
    out.push({
      field: 'effectiveFrom',
      message: `a new version cannot take effect on ${candidate.effectiveFrom}, before an existing version takes effect on ${lastStart}; send backdate: true to add a historic version on purpose`,
    });
  }
  if (options.notBefore !== undefined && isIsoDate(candidate.effectiveFrom) && candidate.effectiveFrom < options.notBefore) {
    out.push({
      field: 'effectiveFrom',
      message: `a new version cannot take effect on ${candidate.effectiveFrom}, before ${options.notBefore}; send backdate: true to add a historic version on purpose`,
    });
  }
  return out;
}

export function assertNewPolicyVersion(existing: readonly PolicyVersionRef[], candidate: PolicyVersionRef, options: NewVersionOptions = {}): void {
  const problems = newPolicyVersionProblems(existing, candidate, options);
  if (problems.length > 0) {
    throw new DomainError('invalid_input', 'invalid_policy_version', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
}
