import t from 'tap';
import { applyOverrides, CODE_2024_POLICY, policyProblems, type PolicyOverrides } from '../../../src/domain/policy/index.ts';

const problems = (overrides: PolicyOverrides) => policyProblems(applyOverrides(CODE_2024_POLICY, overrides)).map((p) => p.field);

t.test('escalation rules: snake_case codes, listed once, a known Code ground or null, wording given', async (t) => {
  t.same(problems({ escalationRules: { refusalGrounds: [{ code: 'Not Ours', codeGround: null, description: 'x' }] } }), ['escalationRules.refusalGrounds[0]']);
  const twice = { code: 'a', codeGround: null, description: 'x' };
  t.same(problems({ escalationRules: { refusalGrounds: [twice, twice] } }), ['escalationRules.refusalGrounds[1]']);
  t.same(problems({ escalationRules: { refusalGrounds: [{ code: 'a', codeGround: 'too_busy' as never, description: ' ' }] } }), ['escalationRules.refusalGrounds[0].codeGround', 'escalationRules.refusalGrounds[0].description']);
  t.same(problems({ escalationRules: { criteria: ['ok', 'ok'] } }), ['escalationRules.criteria[1]']);
});

t.test('an untimed informal step excludes a timed one', async (t) => {
  t.same(problems({ untimedInformalStep: true }), []);
  t.same(problems({ untimedInformalStep: true, informalResolution: { amount: 2, unit: 'working_days', from: 'receipt' } }), ['untimedInformalStep']);
});

t.test('decline letters count from the request or from the decline_considered step, nothing else', async (t) => {
  t.same(problems({ declineLetter: { amount: 10, unit: 'working_days', from: 'decline_considered' } }), []);
  t.same(problems({ declineLetter: { amount: 10, unit: 'working_days', from: 'receipt' } }), ['declineLetter.from']);
});
