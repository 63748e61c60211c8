import type { Policy } from './policy.ts';
import type { PolicyProblem } from './validate-policy.ts';

/**
 * JSON shape checks for a policy that did not come through the HTTP schema (preset
 * files, merged overrides): required keys and JSON types only. Values are left to
 * policyProblems, which assumes this shape.
 */
type Check = (value: unknown, field: string, out: PolicyProblem[]) => void;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const number: Check = (v, f, out) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) out.push({ field: f, message: 'must be a number' });
};
const string: Check = (v, f, out) => {
  if (typeof v !== 'string') out.push({ field: f, message: 'must be a string' });
};
const boolean: Check = (v, f, out) => {
  if (typeof v !== 'boolean') out.push({ field: f, message: 'must be true or false' });
};
const nullable =
  (check: Check): Check =>
  (v, f, out) => {
    if (v !== null) check(v, f, out);
  };
const arrayOf =
  (check: Check): Check =>
  (v, f, out) => {
    if (!Array.isArray(v)) out.push({ field: f, message: 'must be an array' });
    else v.forEach((item, i) => check(item, `${f}[${i}]`, out));
  };
const object =
  (shape: Record<string, Check>): Check =>
  (v, f, out) => {
    if (!isObject(v)) {
      out.push({ field: f, message: 'must be an object' });
      return;
    }
    for (const [key, check] of Object.entries(shape)) {
      const field = f === '' ? key : `${f}.${key}`;
      if (!(key in v)) out.push({ field, message: 'is required' });
      else check(v[key], field, out);
    }
    for (const key of Object.keys(v)) {
      if (!(key in shape)) out.push({ field: f === '' ? key : `${f}.${key}`, message: 'is not a policy field' });
    }
  };

const amount = { amount: number, unit: string };
const timescale = object({ ...amount, from: string });
const stage = object({ acknowledge: nullable(timescale), respond: timescale, extensionCap: nullable(object(amount)) });

const POLICY = object({
  stage1: stage,
  stage2: stage,
  escalationWindow: nullable(object({ ...amount, from: string, orIfLater: nullable(timescale) })),
  escalationRules: object({
    refusalGrounds: arrayOf(object({ code: string, codeGround: nullable(string), description: string })),
    requestInWriting: boolean,
    reasonsRequired: boolean,
    criteria: arrayOf(string),
  }),
  autoCloseWindow: nullable(timescale),
  declineLetter: nullable(timescale),
  ombudsmanEvidence: nullable(timescale),
  informalResolution: nullable(timescale),
  supportRequestContact: nullable(timescale),
  untimedInformalStep: boolean,
  counting: object({ convention: string, receiptCutOff: nullable(string) }),
  exclusions: object({
    ageLimit: nullable(object({ months: number, exceptions: arrayOf(string) })),
    grounds: arrayOf(string),
  }),
  ch02ExtensionCountsAsOnTime: boolean,
});

/** Missing keys, extra keys and wrong JSON types; field paths relative to `prefix`. */
export function policyShapeProblems(value: unknown, prefix = ''): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  POLICY(value, prefix, out);
  return out;
}

export function isPolicyShape(value: unknown): value is Policy {
  return policyShapeProblems(value).length === 0;
}
