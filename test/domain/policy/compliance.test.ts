import { readFileSync } from 'node:fs';
import t from 'tap';
import {
  applyOverrides,
  CODE_2024_POLICY,
  complianceGaps,
  maxWorkingDays,
  presetsFrom,
  type PolicyOverrides,
} from '../../../src/domain/policy/index.ts';

const preset = (name: string) =>
  presetsFrom([JSON.parse(readFileSync(new URL(`../../../config/policy-presets/${name}.json`, import.meta.url), 'utf8'))])[0]!;
const aPolicy = (overrides: PolicyOverrides = {}) => applyOverrides(CODE_2024_POLICY, overrides);
const rules = (overrides: PolicyOverrides) => complianceGaps(aPolicy(overrides)).map((g) => g.rule);

t.test('the Code itself has no gaps', async (t) => {
  t.same(complianceGaps(CODE_2024_POLICY), []);
  t.same(complianceGaps(preset('code-2024').policy), []);
});

// Worked by hand from each preset's values against the Code 2024 (domain §3 table).
const expectedGaps: [string, string[]][] = [
  // Code timescales throughout; only the 25 wd escalation window cuts residents off.
  ['seed-000-lumen', ['escalation_window']],
  // S1 from receipt is stricter and the 10 wd S2 cap is stricter; no S2 acknowledgement; 6 month age limit.
  ['seed-001-lhp', ['stage_2_acknowledgement_missing', 'age_limit_shorter']],
  // 2 wd contacts and 10 wd caps are stricter; one month to appeal; first time fix is a stage 0.
  ['seed-002-longhurst', ['escalation_window', 'informal_stage']],
  // Logging precedes acknowledgement, so counting from it is fine; 10 wd escalation window.
  ['seed-003-housing-trust', ['escalation_window']],
  // Extensions promised with no limit at either stage.
  ['seed-004-lets-for-life', ['stage_1_extension_uncapped', 'stage_2_extension_uncapped']],
  ['scotland-spso-model', ['stage_1_acknowledgement_missing', 'escalation_window', 'stage_2_extension_uncapped', 'age_limit_shorter']],
  ['northern-ireland-nipso-model', ['stage_1_acknowledgement_missing', 'stage_1_extension_uncapped', 'stage_2_extension_uncapped']],
];

t.test('each preset lists exactly its gaps', async (t) => {
  for (const [name, expected] of expectedGaps) {
    t.same(complianceGaps(preset(name).policy).map((g) => g.rule), expected, name);
  }
});

t.test('a gap carries the paragraph, both values and a message', async (t) => {
  const longhurst = complianceGaps(preset('seed-002-longhurst').policy);
  t.same(longhurst[0], {
    rule: 'escalation_window',
    codeParagraph: '§6.10',
    policyValue: '1 month from stage_1_response',
    codeValue: 'none',
    message: 'residents must ask for stage 2 within 1 month from stage_1_response; the Code sets no time limit on escalation',
  });
  t.match(longhurst[1], { rule: 'informal_stage', codeParagraph: '§5.2', policyValue: 'informal resolution within 2 working days from receipt' });
  const lhp = complianceGaps(preset('seed-001-lhp').policy);
  t.match(lhp, [
    { rule: 'stage_2_acknowledgement_missing', codeParagraph: '§6.11', policyValue: 'none', codeValue: '5 working days from escalation_request' },
    { rule: 'age_limit_shorter', codeParagraph: '§2.3', policyValue: '6 months', codeValue: '12 months' },
  ]);
  const spso = complianceGaps(preset('scotland-spso-model').policy);
  t.equal(spso[1]?.policyValue, '2 months from stage_1_response, or 6 months from issue_occurred if later');
});

t.test('a stricter policy has no gaps', async (t) => {
  const strict = aPolicy({
    stage1: { acknowledge: { amount: 3 }, respond: { amount: 8, from: 'receipt' }, extensionCap: { amount: 0 } },
    stage2: { acknowledge: { amount: 2, from: 'escalation_request' }, respond: { amount: 15, from: 'escalation_logging' }, extensionCap: { amount: 10 } },
    ombudsmanEvidence: { amount: 10, unit: 'working_days', from: 'evidence_request' },
    declineLetter: { amount: 5, unit: 'working_days', from: 'decline_request' },
    counting: { convention: 'event_day_is_day_1' },
    exclusions: { ageLimit: { months: 24 } },
    ch02ExtensionCountsAsOnTime: false,
  });
  t.same(complianceGaps(strict), []);
  t.same(rules({ exclusions: { ageLimit: null, grounds: ['legal_proceedings'] } }), [], 'no age limit accepts more');
  t.same(rules({ stage1: { respond: { amount: 2, unit: 'calendar_days' } } }), [], '2 calendar days hold at most 2 working days');
});

const looser: [string, PolicyOverrides, string[]][] = [
  ['longer stage 1 acknowledgement', { stage1: { acknowledge: { amount: 6 } } }, ['stage_1_acknowledgement_longer']],
  ['acknowledgement counted from logging', { stage1: { acknowledge: { from: 'logging' } } }, ['stage_1_acknowledgement_clock_later']],
  ['longer stage 1 response', { stage1: { respond: { amount: 11 } } }, ['stage_1_response_longer']],
  ['longer response from receipt is still longer', { stage1: { respond: { amount: 12, from: 'receipt' } } }, ['stage_1_response_longer']],
  ['14 calendar days may hold 10 working days: fine', { stage1: { respond: { amount: 14, unit: 'calendar_days' } } }, []],
  ['15 calendar days may hold 11', { stage1: { respond: { amount: 15, unit: 'calendar_days' } } }, ['stage_1_response_longer']],
  ['one month may hold 23 working days', { stage2: { respond: { amount: 1, unit: 'months' } } }, ['stage_2_response_longer']],
  ['higher stage 1 cap', { stage1: { extensionCap: { amount: 15 } } }, ['stage_1_extension_longer']],
  ['stage 1 cap of a month', { stage1: { extensionCap: { amount: 1, unit: 'months' } } }, ['stage_1_extension_longer']],
  ['no stage 2 cap', { stage2: { extensionCap: null } }, ['stage_2_extension_uncapped']],
  ['higher stage 2 cap', { stage2: { extensionCap: { amount: 21 } } }, ['stage_2_extension_longer']],
  ['no stage 1 acknowledgement', { stage1: { acknowledge: null, respond: { from: 'receipt' } } }, ['stage_1_acknowledgement_missing']],
  ['longer, later stage 2 acknowledgement', { stage2: { acknowledge: { amount: 10, from: 'escalation_logging' } } }, ['stage_2_acknowledgement_longer', 'stage_2_acknowledgement_clock_later']],
  ['any escalation window', { escalationWindow: { amount: 12, unit: 'months', from: 'stage_1_response', orIfLater: null } }, ['escalation_window']],
  ['an informal stage', { informalResolution: { amount: 1, unit: 'working_days', from: 'receipt' } }, ['informal_stage']],
  ['age limit under 12 months', { exclusions: { ageLimit: { months: 11 } } }, ['age_limit_shorter']],
];

t.test('each looser setting is one gap', async (t) => {
  for (const [name, overrides, expected] of looser) t.same(rules(overrides), expected, name);
});

t.test('maxWorkingDays is an upper bound for any start day', async (t) => {
  const table: [number, 'working_days' | 'calendar_days' | 'months', number][] = [
    [10, 'working_days', 10],
    [4, 'calendar_days', 4],
    [6, 'calendar_days', 5],
    [7, 'calendar_days', 5],
    [14, 'calendar_days', 10],
    [15, 'calendar_days', 11],
    [1, 'months', 23],
    [2, 'months', 45],
  ];
  for (const [amount, unit, expected] of table) t.equal(maxWorkingDays(amount, unit), expected, `${amount} ${unit}`);
});
