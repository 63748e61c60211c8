import t from 'tap';
import { DomainError } from '../../../src/domain/domain-error.ts';
import {
  applyOverrides,
  assertValidPolicy,
  CODE_2024_POLICY,
  isPolicyShape,
  policyProblems,
  policyShapeProblems,
  type PolicyOverrides,
} from '../../../src/domain/policy/index.ts';

const aPolicy = (overrides: PolicyOverrides = {}) => applyOverrides(CODE_2024_POLICY, overrides);
// Values the JSON types allow but the domain types do not, as a client could send them.
const bad = <T>(value: unknown) => value as T;

t.test('the Code baseline and a fully populated policy have no problems', async (t) => {
  t.same(policyProblems(aPolicy()), []);
  const full = aPolicy({
    escalationWindow: { amount: 2, unit: 'months', from: 'stage_1_response', orIfLater: { amount: 6, unit: 'months', from: 'issue_occurred' } },
    autoCloseWindow: { amount: 25, unit: 'working_days', from: 'stage_1_response' },
    declineLetter: { amount: 10, unit: 'working_days', from: 'decline_request' },
    ombudsmanEvidence: { amount: 15, unit: 'calendar_days', from: 'evidence_request' },
    informalResolution: { amount: 2, unit: 'working_days', from: 'receipt' },
    supportRequestContact: { amount: 3, unit: 'working_days', from: 'support_request' },
    counting: { convention: 'event_day_is_day_1', receiptCutOff: '17:00' },
    stage1: { acknowledge: null, respond: { from: 'receipt' }, extensionCap: { amount: 0 } },
    stage2: { respond: { amount: 250, from: 'escalation_logging' }, extensionCap: null },
  });
  t.same(policyProblems(full), []);
  t.doesNotThrow(() => assertValidPolicy(full));
});

const cases: [string, PolicyOverrides, string[]][] = [
  ['negative amount', { stage1: { respond: { amount: -1 } } }, ['stage1.respond.amount']],
  ['zero deadline', { stage1: { acknowledge: { amount: 0 } } }, ['stage1.acknowledge.amount']],
  ['fractional amount', { stage2: { respond: { amount: 20.5 } } }, ['stage2.respond.amount']],
  ['more than 250 working days', { stage2: { respond: { amount: 251 } } }, ['stage2.respond.amount']],
  ['10,000 working days', { stage1: { respond: { amount: 10_000 } } }, ['stage1.respond.amount']],
  ['an absurd escalation window', { escalationWindow: { amount: 10_000, unit: 'working_days', from: 'stage_1_response', orIfLater: null } }, ['escalationWindow.amount']],
  ['a zero evidence deadline', { ombudsmanEvidence: { amount: 0, unit: 'working_days', from: 'evidence_request' } }, ['ombudsmanEvidence.amount']],
  ['unknown extension unit', { stage2: { extensionCap: { unit: bad('fortnights') } } }, ['stage2.extensionCap.unit']],
  ['cut-off minutes out of range', { counting: { receiptCutOff: '17:60' } }, ['counting.receiptCutOff']],
  ['cut-off without a leading zero', { counting: { receiptCutOff: '9:30' } }, ['counting.receiptCutOff']],
  ['more than 365 calendar days', { declineLetter: { amount: 366, unit: 'calendar_days', from: 'decline_request' } }, ['declineLetter.amount']],
  ['more than 24 months', { stage1: { respond: { amount: 25, unit: 'months' } } }, ['stage1.respond.amount']],
  ['negative extension cap', { stage1: { extensionCap: { amount: -5 } } }, ['stage1.extensionCap.amount']],
  ['absurd extension cap', { stage2: { extensionCap: { amount: 30, unit: 'months' } } }, ['stage2.extensionCap.amount']],
  ['unknown unit', { stage1: { respond: { unit: bad('weeks') } } }, ['stage1.respond.unit']],
  ['unknown clock start', { stage1: { respond: { from: bad('lunchtime') } } }, ['stage1.respond.from']],
  ['stage 2 response from stage 1 receipt', { stage2: { respond: { from: 'receipt' } } }, ['stage2.respond.from']],
  ['stage 2 acknowledgement from the stage 1 response', { stage2: { acknowledge: { from: 'stage_1_response' } } }, ['stage2.acknowledge.from']],
  ['stage 1 acknowledgement from itself', { stage1: { acknowledge: { from: 'stage_1_acknowledgement' } } }, ['stage1.acknowledge.from']],
  ['stage 1 response from the stage 2 acknowledgement', { stage1: { respond: { from: 'stage_2_acknowledgement' } } }, ['stage1.respond.from']],
  ['response from a missing acknowledgement', { stage2: { acknowledge: null } }, ['stage2.respond.from']],
  ['escalation window from the stage 2 response', { escalationWindow: { amount: 1, unit: 'months', from: 'stage_2_response', orIfLater: null } }, ['escalationWindow.from']],
  [
    'escalation alternative from a side event',
    { escalationWindow: { amount: 1, unit: 'months', from: 'stage_1_response', orIfLater: { amount: 6, unit: 'months', from: 'evidence_request' } } },
    ['escalationWindow.orIfLater.from'],
  ],
  ['auto-close from receipt', { autoCloseWindow: { amount: 25, unit: 'working_days', from: 'receipt' } }, ['autoCloseWindow.from']],
  ['evidence from receipt', { ombudsmanEvidence: { amount: 15, unit: 'working_days', from: 'receipt' } }, ['ombudsmanEvidence.from']],
  ['informal window from the stage 1 response', { informalResolution: { amount: 2, unit: 'working_days', from: 'stage_1_response' } }, ['informalResolution.from']],
  ['malformed cut-off', { counting: { receiptCutOff: '5pm' } }, ['counting.receiptCutOff']],
  ['impossible cut-off', { counting: { receiptCutOff: '24:00' } }, ['counting.receiptCutOff']],
  ['midnight cut-off', { counting: { receiptCutOff: '00:00' } }, ['counting.receiptCutOff']],
  ['unknown convention', { counting: { convention: bad('day_0') } }, ['counting.convention']],
  ['unknown age-limit exception', { exclusions: { ageLimit: { exceptions: ['safeguarding', bad('fire')] } } }, ['exclusions.ageLimit.exceptions[1]']],
  ['duplicate exception', { exclusions: { ageLimit: { exceptions: ['safeguarding', 'safeguarding'] } } }, ['exclusions.ageLimit.exceptions[1]']],
  ['age limit of zero months', { exclusions: { ageLimit: { months: 0 } } }, ['exclusions.ageLimit.months']],
  ['age limit over 24 months', { exclusions: { ageLimit: { months: 36 } } }, ['exclusions.ageLimit.months']],
  [
    'duplicate ground',
    { exclusions: { grounds: ['older_than_age_limit', 'legal_proceedings', 'legal_proceedings'] } },
    ['exclusions.grounds[2]'],
  ],
  ['unknown ground', { exclusions: { grounds: ['older_than_age_limit', bad('too_busy')] } }, ['exclusions.grounds[1]']],
  ['age ground without an age limit', { exclusions: { ageLimit: null } }, ['exclusions.grounds']],
  ['age limit without the age ground', { exclusions: { grounds: ['legal_proceedings'] } }, ['exclusions.grounds']],
  [
    'several problems at once',
    { stage1: { respond: { amount: 0, from: 'stage_1_response' } }, counting: { receiptCutOff: '17' } },
    ['stage1.respond.amount', 'stage1.respond.from', 'counting.receiptCutOff'],
  ],
];

t.test('each semantic problem is found, at its field', async (t) => {
  for (const [name, overrides, fields] of cases) {
    const problems = policyProblems(aPolicy(overrides));
    t.same(problems.map((p) => p.field), fields, name);
    t.ok(problems.every((p) => p.message.length > 0), `${name}: messages say why`);
  }
});

t.test('messages explain the rule', async (t) => {
  const [late] = policyProblems(aPolicy({ stage1: { acknowledge: { from: 'stage_1_response' } } }));
  t.match(late?.message, /stage_1_response cannot happen before this step; count from receipt or logging/);
  const [other] = policyProblems(aPolicy({ stage2: { respond: { from: 'receipt' } } }));
  t.match(other?.message, /receipt does not start this clock; count from escalation_request or escalation_logging or stage_2_acknowledgement/);
  const [big] = policyProblems(aPolicy({ stage2: { respond: { amount: 251 } } }));
  t.match(big?.message, /251 working_days is more than the 250 allowed/);
});

t.test('assertValidPolicy throws a coded invalid_input error carrying every problem', async (t) => {
  const policy = aPolicy({ stage1: { respond: { amount: -1 } }, stage2: { extensionCap: { amount: 1.5 } } });
  try {
    assertValidPolicy(policy);
    t.fail('expected an error');
  } catch (error) {
    t.ok(error instanceof DomainError);
    const e = error as DomainError;
    t.equal(e.kind, 'invalid_input');
    t.equal(e.code, 'invalid_policy');
    t.match(e.message, /stage1\.respond\.amount.*\(and 1 more\)/);
    t.same(e.fields.map((f) => f.field), ['stage1.respond.amount', 'stage2.extensionCap.amount']);
  }
});

t.test('shape checks find missing keys, extra keys and wrong JSON types', async (t) => {
  t.equal(isPolicyShape(aPolicy()), true);
  const raw = structuredClone(aPolicy()) as unknown as Record<string, unknown>;
  delete raw.declineLetter;
  raw.colour = 'blue';
  (raw.stage1 as Record<string, unknown>).respond = { amount: '10', unit: 'working_days', from: 'receipt' };
  (raw.counting as Record<string, unknown>).receiptCutOff = 1700;
  raw.ch02ExtensionCountsAsOnTime = 'yes';
  t.same(policyShapeProblems(raw), [
    { field: 'stage1.respond.amount', message: 'must be a number' },
    { field: 'declineLetter', message: 'is required' },
    { field: 'counting.receiptCutOff', message: 'must be a string' },
    { field: 'ch02ExtensionCountsAsOnTime', message: 'must be true or false' },
    { field: 'colour', message: 'is not a policy field' },
  ]);
  t.same(policyShapeProblems(null, 'policy'), [{ field: 'policy', message: 'must be an object' }]);
});
