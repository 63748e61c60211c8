import { isDeepStrictEqual } from 'node:util';
import type { IsoDate } from '../calendar/index.ts';
import { DomainError } from '../domain-error.ts';
import type { Policy } from './policy.ts';
import { policyVersionInForce, assertNewPolicyVersion } from './policy-versions.ts';
import { applyOverrides, findPreset, type PolicyOverrides, type PolicyPreset } from './presets.ts';
import { assertValidPolicy } from './validate-policy.ts';

export interface PolicyChangeRequest {
  /** Start from a shipped preset... */
  preset?: string;
  /** ...or from a whole policy; with neither, from the version in force on effectiveFrom. */
  policy?: Policy;
  overrides?: PolicyOverrides;
  /** Defaults to today; earlier only with `backdate`, so no complaint changes policy by accident. */
  effectiveFrom?: IsoDate;
  /** Adds a historic version: effectiveFrom may be in the past, before existing versions. */
  backdate?: boolean;
  /** With backdate: move the complaints already received in its range onto it, re-planning their deadlines. */
  replan?: boolean;
}

export interface ExistingVersion {
  version: number;
  effectiveFrom: IsoDate;
  preset: string | null;
  policy: Policy;
}

export type PolicyChange =
  | { kind: 'new_version'; version: number; effectiveFrom: IsoDate; preset: string | null; policy: Policy }
  | { kind: 'unchanged'; version: number };

function hasPath(value: unknown, path: string): boolean {
  let node = value;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/** Validates the merged policy, naming each bad field where the request gave it: in `overrides` or in `policy`. */
function assertValidRequestedPolicy(policy: Policy, request: PolicyChangeRequest): void {
  try {
    assertValidPolicy(policy);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const where = (field: string) => (request.policy !== undefined && !hasPath(request.overrides, field) ? 'policy' : 'overrides');
    throw new DomainError(error.kind, error.code, error.message, error.fields.map((f) => ({ ...f, field: `${where(f.field)}.${f.field}` })));
  }
}

/**
 * What a PUT /v1/policy means: a new version, or — when the result equals the latest
 * version with the same start date, as a retried request would — no change at all.
 */
export function planPolicyChange(
  request: PolicyChangeRequest,
  existing: readonly ExistingVersion[],
  presets: readonly PolicyPreset[],
  today: IsoDate,
): PolicyChange {
  if (request.preset !== undefined && request.policy !== undefined) {
    throw new DomainError('invalid_input', 'invalid_policy', 'Give either preset or policy, not both', [
      { field: 'policy', message: 'cannot be given with preset' },
    ]);
  }
  const effectiveFrom = request.effectiveFrom ?? today;
  let base: Policy;
  let presetName: string | null = null;
  if (request.preset !== undefined) {
    const preset = findPreset(presets, request.preset);
    if (!preset) {
      throw new DomainError('invalid_input', 'unknown_preset', `There is no policy preset "${request.preset}"`, [
        { field: 'preset', message: `must be one of ${presets.map((p) => p.name).join(', ')}` },
      ]);
    }
    base = preset.policy;
    presetName = preset.name;
  } else if (request.policy !== undefined) {
    base = request.policy;
  } else {
    const inForce = policyVersionInForce(existing, effectiveFrom);
    if (!inForce) throw new DomainError('invalid_input', 'invalid_policy', 'There is no policy to override: give preset or policy');
    base = inForce.policy;
    presetName = inForce.preset;
  }
  const policy = request.overrides ? applyOverrides(base, request.overrides) : base;
  assertValidRequestedPolicy(policy, request);

  const latest = existing.reduce<ExistingVersion | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined);
  if (latest && latest.effectiveFrom === effectiveFrom && isDeepStrictEqual(latest.policy, policy)) {
    return { kind: 'unchanged', version: latest.version };
  }
  const version = (latest?.version ?? 0) + 1;
  assertNewPolicyVersion(existing, { version, effectiveFrom }, request.backdate === true ? { historic: true } : { notBefore: today });
  if (request.replan === true && request.backdate !== true) {
    throw new DomainError('invalid_input', 'invalid_policy', 'replan applies to a back-dated version only', [{ field: 'replan', message: 'needs backdate: true' }]);
  }
  return { kind: 'new_version', version, effectiveFrom, preset: presetName, policy };
}
