import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { DomainError } from '../../../src/domain/domain-error.ts';
import {
  applyOverrides,
  CODE_2024_POLICY,
  findPreset,
  policyProblems,
  presetsFrom,
  type Policy,
  type PolicyOverrides,
} from '../../../src/domain/policy/index.ts';

const dir = new URL('../../../config/policy-presets/', import.meta.url);
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const parsed = files.map(read);

const NAMES = [
  'code-2024',
  'northern-ireland-nipso-model',
  'scotland-spso-model',
  'seed-000-lumen',
  'seed-001-lhp',
  'seed-002-longhurst',
  'seed-003-housing-trust',
  'seed-004-lets-for-life',
];

t.test('every shipped preset loads, is named after its file and validates with no problems', async (t) => {
  t.same(files, NAMES.map((n) => `${n}.json`));
  const presets = presetsFrom(parsed);
  t.same(presets.map((p) => p.name), NAMES);
  for (const preset of presets) {
    t.same(policyProblems(preset.policy), [], `${preset.name} has no problems`);
    t.ok(preset.notes.length > 0, `${preset.name} explains its reading of the source`);
  }
});

t.test('the code-2024 preset is the compliance baseline', async (t) => {
  const code = findPreset(presetsFrom(parsed), 'code-2024');
  t.same(code?.policy, CODE_2024_POLICY);
  t.equal(code?.suggestedDivision, 'england-and-wales');
  t.equal(findPreset(presetsFrom(parsed), 'nope'), undefined);
});

t.test('suggested divisions follow the source', async (t) => {
  const divisions = Object.fromEntries(presetsFrom(parsed).map((p) => [p.name, p.suggestedDivision]));
  t.equal(divisions['scotland-spso-model'], 'scotland');
  t.equal(divisions['northern-ireland-nipso-model'], 'northern-ireland');
  t.equal(divisions['seed-002-longhurst'], 'england-and-wales');
});

t.test('presetsFrom reports every broken preset at once', async (t) => {
  const broken = structuredClone(read('seed-000-lumen.json')) as Record<string, unknown>;
  broken.name = 'Lumen Housing';
  broken.suggestedDivision = 'wales';
  // Not reported: values are checked only once the policy's shape is right.
  (broken.policy as Policy).stage1.respond.amount = 0;
  delete (broken.policy as Partial<Policy>).declineLetter;
  const twice = read('code-2024.json');
  try {
    presetsFrom([broken, twice, twice, 'x']);
    t.fail('expected an error');
  } catch (error) {
    t.ok(error instanceof DomainError);
    const e = error as DomainError;
    t.equal(e.code, 'invalid_policy_preset');
    t.same(e.fields.map((f) => f.field), [
      'Lumen Housing.name',
      'Lumen Housing.suggestedDivision',
      'Lumen Housing.policy.declineLetter',
      '[3]',
      '[2].name',
    ]);
  }
  const semantic = structuredClone(read('code-2024.json')) as { policy: Policy };
  semantic.policy.stage2.respond.from = 'receipt';
  t.throws(() => presetsFrom([semantic]), { code: 'invalid_policy_preset', fields: [{ field: 'code-2024.policy.stage2.respond.from' }] });
});

const base = CODE_2024_POLICY;
const overrideCases: [string, PolicyOverrides, (p: Policy) => unknown, unknown][] = [
  ['nothing overridden', {}, (p) => p, base],
  ['one nested amount', { stage1: { respond: { amount: 8 } } }, (p) => p.stage1.respond, { amount: 8, unit: 'working_days', from: 'stage_1_acknowledgement' }],
  ['siblings untouched', { stage1: { respond: { amount: 8 } } }, (p) => [p.stage1.acknowledge, p.stage2], [base.stage1.acknowledge, base.stage2]],
  ['null clears a nullable timescale', { stage1: { acknowledge: null } }, (p) => p.stage1.acknowledge, null],
  ['null clears the age limit', { exclusions: { ageLimit: null, grounds: ['legal_proceedings'] } }, (p) => p.exclusions, { ageLimit: null, grounds: ['legal_proceedings'] }],
  [
    'an object fills a null field whole',
    { escalationWindow: { amount: 1, unit: 'months', from: 'stage_1_response', orIfLater: null } },
    (p) => p.escalationWindow,
    { amount: 1, unit: 'months', from: 'stage_1_response', orIfLater: null },
  ],
  ['arrays are replaced, not merged', { exclusions: { grounds: ['older_than_age_limit'] } }, (p) => p.exclusions.grounds, ['older_than_age_limit']],
  ['arrays inside merged objects too', { exclusions: { ageLimit: { exceptions: [] } } }, (p) => p.exclusions.ageLimit, { months: 12, exceptions: [] }],
  ['scalars', { counting: { receiptCutOff: '16:30' }, ch02ExtensionCountsAsOnTime: false }, (p) => [p.counting, p.ch02ExtensionCountsAsOnTime], [{ convention: 'day_after_is_day_1', receiptCutOff: '16:30' }, false]],
  ['undefined leaves a value alone', { stage2: { extensionCap: undefined } }, (p) => p.stage2.extensionCap, base.stage2.extensionCap],
];

t.test('applyOverrides merges partial policies', async (t) => {
  for (const [name, overrides, pick, expected] of overrideCases) {
    t.same(pick(applyOverrides(base, overrides)), expected, name);
  }
  const merged = applyOverrides(base, { exclusions: { grounds: ['legal_proceedings', 'older_than_age_limit'] } });
  merged.exclusions.grounds.push('anonymous');
  merged.stage1.respond.amount = 99;
  t.same(base.exclusions.grounds, ['older_than_age_limit', 'legal_proceedings', 'already_considered'], 'the base is never changed');
  t.equal(base.stage1.respond.amount, 10);
});

const refused: [string, unknown, string[]][] = [
  ['an unknown top-level field', { stage3: {} }, ['stage3']],
  ['an unknown nested field', { stage1: { respond: { days: 3 } } }, ['stage1.respond.days']],
  ['null where the field is required', { stage1: { respond: null } }, ['stage1.respond']],
  ['a partial object where the base is null', { declineLetter: { amount: 10 } }, ['declineLetter.unit', 'declineLetter.from']],
  ['a wrong JSON type', { stage2: { respond: { amount: '20' } } }, ['stage2.respond.amount']],
  ['not an object', ['stage1'], ['']],
];

t.test('applyOverrides refuses overrides that leave a malformed policy', async (t) => {
  for (const [name, overrides, fields] of refused) {
    t.throws(() => applyOverrides(base, overrides as PolicyOverrides), { code: 'invalid_policy', kind: 'invalid_input' }, name);
    try {
      applyOverrides(base, overrides as PolicyOverrides);
    } catch (error) {
      t.same((error as DomainError).fields.map((f) => f.field), fields, `${name}: fields`);
    }
  }
});

t.test('overriding a preset then validating finds semantic problems', async (t) => {
  const lumen = findPreset(presetsFrom(parsed), 'seed-000-lumen')!;
  const changed = applyOverrides(lumen.policy, { stage2: { acknowledge: null } });
  t.same(policyProblems(changed).map((p) => p.field), ['stage2.respond.from']);
});
