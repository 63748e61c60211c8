import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { DomainError } from '../../../src/domain/domain-error.ts';
import {
  applyOverrides,
  CODE_2024_POLICY,
  CODE_ESCALATION_RULES,
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

// Each preset's policy, worked out by hand from its source (the seed texts in the
// shared spec's seeds/ folder, quoted below; domain §3 and §5 for the Code, SPSO and
// NIPSO). Where the text is silent or ambiguous the reading is the preset's `notes`.
const wd = (amount: number, from: Policy['stage1']['respond']['from']) => ({ amount, unit: 'working_days' as const, from });
const cap = (amount: number) => ({ amount, unit: 'working_days' as const });
const ageLimit = (months: number) => ({ months, exceptions: ['safeguarding' as const, 'health_and_safety' as const] });
const NONE = {
  escalationWindow: null,
  // The Code's four grounds for refusing escalation and no preconditions, unless the source lists its own.
  escalationRules: CODE_ESCALATION_RULES,
  autoCloseWindow: null,
  declineLetter: null,
  ombudsmanEvidence: null,
  informalResolution: null,
  supportRequestContact: null,
  untimedInformalStep: false,
  counting: { convention: 'day_after_is_day_1' as const, receiptCutOff: null },
  ch02ExtensionCountsAsOnTime: true,
};

const fromSource: Record<string, Policy> = {
  // Domain §3: 5 wd from receipt, 10 wd from the acknowledgement, +10; stage 2 5 wd from
  // the request, 20 wd from its acknowledgement, +20; 12 months (§2.2–2.3).
  'code-2024': {
    ...NONE,
    stage1: { acknowledge: wd(5, 'receipt'), respond: wd(10, 'stage_1_acknowledgement'), extensionCap: cap(10) },
    stage2: { acknowledge: wd(5, 'escalation_request'), respond: wd(20, 'stage_2_acknowledgement'), extensionCap: cap(20) },
    exclusions: { ageLimit: ageLimit(12), grounds: ['older_than_age_limit', 'legal_proceedings', 'already_considered'] },
  },
  'seed-000-lumen': {
    ...NONE,
    // "acknowledged, defined and logged ... within five working days of the complaint being received";
    // "within 10 working days of the complaint being acknowledged"; "no more than 10 working days".
    stage1: { acknowledge: wd(5, 'receipt'), respond: wd(10, 'stage_1_acknowledgement'), extensionCap: cap(10) },
    // "acknowledged within 5 working days"; "within 20 working days of the escalated complaint being
    // acknowledged"; "no more than 20 working days".
    stage2: { acknowledge: wd(5, 'escalation_request'), respond: wd(20, 'stage_2_acknowledgement'), extensionCap: cap(20) },
    // "25 working days from the date of the Stage 1 response to request an escalation".
    escalationWindow: { ...wd(25, 'stage_1_response'), orIfLater: null },
    // "no further contact from the customer after 25 working days from the issue of the response".
    autoCloseWindow: wd(25, 'stage_1_response'),
    // "a written explanation ... within 10 working days of a request being made".
    declineLetter: wd(10, 'decline_request'),
    // "resolved ... as informal complaints outside of this Policy", with no timescale.
    untimedInformalStep: true,
    exclusions: {
      // "occurred 12 months ago", with discretion.
      ageLimit: ageLimit(12),
      grounds: [
        'older_than_age_limit',
        'legal_proceedings',
        'already_considered',
        'anti_social_behaviour',
        'rent_or_service_charge_levels',
        'insurance_or_compensation_claim',
        'another_organisation',
        'appeal_process',
        'anonymous',
        'unacceptable_behaviour_arrangement',
        'law_correctly_applied',
      ],
    },
  },
  'seed-001-lhp': {
    ...NONE,
    // ¶15–16 "in five working days"; ¶17 "10 working days from the date of the original complaint",
    // "no longer than a further 10 working days".
    stage1: { acknowledge: wd(5, 'receipt'), respond: wd(10, 'receipt'), extensionCap: cap(10) },
    // ¶21 "respond in full in 20 working days ... no longer than a further 10 working days"; no acknowledgement.
    stage2: { acknowledge: null, respond: wd(20, 'escalation_request'), extensionCap: cap(10) },
    // ¶62 "provide this within 15 working days".
    ombudsmanEvidence: wd(15, 'evidence_request'),
    // ¶29 "Reasons for not escalating a complaint will meet one of the following criteria": six grounds, two
    // of them ("not within LHP's power", "refusal to accept documented evidence") beyond the Code's.
    escalationRules: {
      ...CODE_ESCALATION_RULES,
      refusalGrounds: [
        { code: 'refused_to_engage', codeGround: 'resident_refused_to_engage', description: "The complainant has refused to reasonably engage with the complaint's investigation process or with the service complained about" },
        { code: 'outside_policy_remit', codeGround: 'outside_policy_remit', description: 'The issues raised do not fall within the remit of the complaints policy' },
        { code: 'not_within_lhp_power', codeGround: null, description: "The issues raised are not within LHP's power to investigate, change or influence" },
        { code: 'changed_basis_or_new_matters', codeGround: 'new_matters_need_new_complaint', description: 'The basis of the complaint has changed or there are subsidiary issues subsequently raised which are not part of the initial complaint' },
        { code: 'refuses_documented_evidence', codeGround: null, description: "A complainant's refusal to accept documented evidence as factual" },
        { code: 'final_response_provided', codeGround: 'final_response_already_given', description: 'That a final response has been provided' },
      ],
    },
    exclusions: {
      // ¶13 "over six months ago ... would not apply where the complaint concerns safeguarding or health and safety".
      ageLimit: ageLimit(6),
      grounds: ['older_than_age_limit', 'legal_proceedings', 'insurance_or_compensation_claim', 'anonymous', 'already_considered'],
    },
  },
  'seed-002-longhurst': {
    ...NONE,
    // "contact them within two working days"; "within 10 working days"; "a further 10 working days".
    stage1: { acknowledge: wd(2, 'receipt'), respond: wd(10, 'receipt'), extensionCap: cap(10) },
    // "contact the customer within 2 working days"; "within 20 working days"; "a further 10 workingdays".
    stage2: { acknowledge: wd(2, 'escalation_request'), respond: wd(20, 'escalation_request'), extensionCap: cap(10) },
    // "in writing within one month".
    escalationWindow: { amount: 1, unit: 'months', from: 'stage_1_response', orIfLater: null },
    // "put their reasons for their appeal, in writing ... only ... if one or more of the following criteria has
    // been evidenced"; "new complaints or issues not raised during the initial complaint ... are not grounds for an appeal".
    escalationRules: {
      refusalGrounds: [
        { code: 'new_issues_not_in_initial_complaint', codeGround: 'new_matters_need_new_complaint', description: 'Any new complaints or issues not raised during the initial complaint would be dealt with separately and are not grounds for an appeal' },
        { code: 'no_criterion_evidenced', codeGround: null, description: 'A customer can only use stage 2, if one or more of the following criteria has been evidenced' },
      ],
      requestInWriting: true,
      reasonsRequired: true,
      criteria: ['response_factually_inaccurate', 'response_does_not_address_complaint', 'complaints_process_not_followed'],
    },
    // "within the agreed timescale of 15 days" (not "working days", unlike every other timescale).
    ombudsmanEvidence: { amount: 15, unit: 'calendar_days', from: 'evidence_request' },
    // first time fix: "resolved on the spot or within two working days".
    informalResolution: wd(2, 'receipt'),
    exclusions: { ageLimit: null, grounds: ['unacceptable_behaviour_arrangement'] },
  },
  'seed-003-housing-trust': {
    ...NONE,
    // "logged and acknowledged within five working days of them being received"; "10 working days from
    // the complaint being logged"; "up to a further 10 working days".
    stage1: { acknowledge: wd(5, 'receipt'), respond: wd(10, 'logging'), extensionCap: cap(10) },
    // "acknowledged within five working days from receipt"; "20 working days from the complaint being
    // logged" (the escalation); "up to a further 10 working days".
    stage2: { acknowledge: wd(5, 'escalation_request'), respond: wd(20, 'escalation_logging'), extensionCap: cap(10) },
    // "within 10 working days from the date of the Stage 1 decision letter".
    escalationWindow: { ...wd(10, 'stage_1_response'), orIfLater: null },
    // "Within 3 working days contact will be made with the client".
    supportRequestContact: wd(3, 'support_request'),
    // "We may choose not to escalate a complaint to Stage 2 if:" is followed by no list: no grounds.
    escalationRules: { ...CODE_ESCALATION_RULES, refusalGrounds: [] },
    // The lists of out-of-scope complaints are missing from the text.
    exclusions: { ageLimit: null, grounds: [] },
  },
  'seed-004-lets-for-life': {
    ...NONE,
    // "acknowledge receipt of the complaint within 5 working days"; "within 10 working days"; longer for
    // complex complaints with no limit.
    stage1: { acknowledge: wd(5, 'receipt'), respond: wd(10, 'receipt'), extensionCap: null },
    // "acknowledge your wish to escalate ... within 5 working days"; "within 20 working days. If it takes
    // longer, we will write to you".
    stage2: { acknowledge: wd(5, 'escalation_request'), respond: wd(20, 'escalation_request'), extensionCap: null },
    // "Informal resolution of concerns" with the Housing Officer, with no timescale.
    untimedInformalStep: true,
    exclusions: {
      // "occurred over twelve months ago".
      ageLimit: ageLimit(12),
      grounds: ['older_than_age_limit', 'legal_proceedings', 'already_considered', 'another_organisation', 'information_rights_request'],
    },
  },
  // Domain §5: no acknowledgement, 5 wd frontline extendable to 10 in total; stage 2 window 6 months from
  // the event or 2 months from stage 1; 3 wd, 20 wd, extension agreed.
  'scotland-spso-model': {
    ...NONE,
    stage1: { acknowledge: null, respond: wd(5, 'receipt'), extensionCap: cap(5) },
    stage2: { acknowledge: wd(3, 'escalation_request'), respond: wd(20, 'escalation_request'), extensionCap: null },
    escalationWindow: { amount: 2, unit: 'months', from: 'stage_1_response', orIfLater: { amount: 6, unit: 'months', from: 'issue_occurred' } },
    exclusions: { ageLimit: ageLimit(6), grounds: ['older_than_age_limit'] },
  },
  // Domain §5: no acknowledgement, 5 wd; 3 wd, 20 wd; no caps, no window.
  'northern-ireland-nipso-model': {
    ...NONE,
    stage1: { acknowledge: null, respond: wd(5, 'receipt'), extensionCap: null },
    stage2: { acknowledge: wd(3, 'escalation_request'), respond: wd(20, 'escalation_request'), extensionCap: null },
    exclusions: { ageLimit: null, grounds: [] },
  },
};

t.test('each preset encodes what its source says', async (t) => {
  const presets = presetsFrom(parsed);
  t.same(Object.keys(fromSource).sort(), NAMES);
  for (const preset of presets) t.strictSame(preset.policy, fromSource[preset.name], preset.name);
});
