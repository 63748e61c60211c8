import { isDivision, type Division } from '../calendar/index.ts';
import { DomainError } from '../domain-error.ts';
import type { Policy } from './policy.ts';
import { policyShapeProblems } from './policy-shape.ts';
import { policyProblems, type PolicyProblem } from './validate-policy.ts';

/** A named starting policy shipped in config/policy-presets/ (one JSON file each). */
export interface PolicyPreset {
  name: string;
  title: string;
  description: string;
  source: string;
  /** The division an organisation using this preset most likely has; the organisation decides. */
  suggestedDivision: Division | null;
  policy: Policy;
  /** Ambiguities in the source and how the preset resolved them. */
  notes: string[];
}

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
/** A partial policy: objects merge key by key, arrays replace, null clears a nullable field. */
export type PolicyOverrides = DeepPartial<Policy>;

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function presetProblems(raw: unknown, at: string): PolicyProblem[] {
  if (!isObject(raw)) return [{ field: at, message: 'a preset must be an object' }];
  const out: PolicyProblem[] = [];
  if (typeof raw.name !== 'string' || !NAME.test(raw.name)) out.push({ field: `${at}.name`, message: 'name must be kebab-case' });
  for (const key of ['title', 'description', 'source'] as const) {
    if (typeof raw[key] !== 'string' || raw[key] === '') out.push({ field: `${at}.${key}`, message: `${key} must be a non-empty string` });
  }
  if (raw.suggestedDivision !== null && !isDivision(raw.suggestedDivision)) {
    out.push({ field: `${at}.suggestedDivision`, message: 'suggestedDivision must be a UK division or null' });
  }
  if (!Array.isArray(raw.notes) || !raw.notes.every((n) => typeof n === 'string')) {
    out.push({ field: `${at}.notes`, message: 'notes must be an array of strings' });
  }
  const shape = policyShapeProblems(raw.policy, `${at}.policy`);
  if (shape.length > 0) return [...out, ...shape];
  const policy = raw.policy as Policy;
  return [...out, ...policyProblems(policy).map((p) => ({ field: `${at}.policy.${p.field}`, message: p.message }))];
}

/**
 * Checks parsed preset files (the loader reads them) and returns them typed and
 * sorted by name; throws with every problem of every preset at once.
 */
export function presetsFrom(parsed: readonly unknown[]): PolicyPreset[] {
  const problems = parsed.flatMap((raw, i) => presetProblems(raw, isObject(raw) && typeof raw.name === 'string' ? raw.name : `[${i}]`));
  const names = parsed.map((raw) => (isObject(raw) ? raw.name : undefined));
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) problems.push({ field: `[${i}].name`, message: `preset name ${String(name)} is used twice` });
  });
  if (problems.length > 0) {
    throw new DomainError('invalid_input', 'invalid_policy_preset', `policy presets have ${problems.length} problem(s), first: ${problems[0]!.field}: ${problems[0]!.message}`, problems);
  }
  return (structuredClone(parsed) as PolicyPreset[]).sort((a, b) => a.name.localeCompare(b.name));
}

export function findPreset(presets: readonly PolicyPreset[], name: string): PolicyPreset | undefined {
  return presets.find((p) => p.name === name);
}

function merge(base: unknown, override: unknown, field: string, out: PolicyProblem[]): unknown {
  if (override === undefined) return structuredClone(base);
  if (!isObject(override) || !isObject(base)) return structuredClone(override);
  const result: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(override)) {
    const path = field === '' ? key : `${field}.${key}`;
    if (!(key in base)) out.push({ field: path, message: 'is not a policy field' });
    else result[key] = merge(base[key], value, path, out);
  }
  return result;
}

/**
 * A policy with partial overrides applied: nested objects merge, arrays replace,
 * null clears a nullable timescale, and an object given where the base is null
 * is taken whole. Throws `invalid_policy` when an override names a field that does
 * not exist or leaves the policy malformed; semantic checks are policyProblems'.
 */
export function applyOverrides(policy: Policy, overrides: PolicyOverrides): Policy {
  const out: PolicyProblem[] = [];
  if (!isObject(overrides)) out.push({ field: '', message: 'overrides must be an object' });
  const merged = out.length === 0 ? merge(policy, overrides, '', out) : policy;
  if (out.length === 0) out.push(...policyShapeProblems(merged));
  if (out.length > 0) {
    throw new DomainError('invalid_input', 'invalid_policy', `invalid policy overrides: ${out[0]!.field}: ${out[0]!.message}`, out);
  }
  return merged as Policy;
}
