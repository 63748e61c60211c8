import t from 'tap';
import { escalate, refuseEscalation, respond } from '../../../src/domain/complaint/index.ts';
import { aResponse, errorOf, preset, Story } from './builders.ts';

const responded = (name: string) => {
  const s = new Story(preset(name)).log({ receivedAt: '2027-01-04T10:00:00Z' }).acknowledge('2027-01-05T10:00:00Z');
  return s.run(respond, '2027-01-12T10:00:00Z', aResponse(s.complaint));
};
const refusal = (ground: string) => ({ ground, explanation: 'Explained in writing', ombudsmanRightGiven: true });

t.test('LHP ¶29: its own six grounds; one the policy lacks is a 409 naming them', async (t) => {
  const s = responded('seed-001-lhp').run(escalate, '2027-01-14T10:00:00Z', {});
  t.match(errorOf(() => s.attempt(refuseEscalation, '2027-01-15T10:00:00Z', refusal('resident_refused_to_engage'))), {
    kind: 'conflict',
    code: 'refusal_ground_not_in_policy',
    message: /refused_to_engage, outside_policy_remit, not_within_lhp_power, changed_basis_or_new_matters, refuses_documented_evidence, final_response_provided/,
  });
  s.run(refuseEscalation, '2027-01-15T10:00:00Z', refusal('not_within_lhp_power'));
  t.match(s.complaint.escalationRefusal, { ground: 'not_within_lhp_power', codeGround: null });
  t.match(s.events.at(-1), { type: 'complaint.escalation_refused', data: { ground: 'not_within_lhp_power', codeGround: null } });
  const mapped = responded('seed-001-lhp').run(escalate, '2027-01-14T10:00:00Z', {}).run(refuseEscalation, '2027-01-15T10:00:00Z', refusal('changed_basis_or_new_matters'));
  t.match(mapped.complaint.escalationRefusal, { codeGround: 'new_matters_need_new_complaint' });
});

t.test('the housing trust lists no grounds: it cannot refuse', async (t) => {
  const s = responded('seed-003-housing-trust').run(escalate, '2027-01-14T10:00:00Z', {});
  t.match(errorOf(() => s.attempt(refuseEscalation, '2027-01-15T10:00:00Z', refusal('outside_policy_remit'))), { code: 'refusal_ground_not_in_policy', message: /its grounds: none/ });
});

t.test('Longhurst: in writing, with reasons, citing a criterion; else a 422 listing each, unless a discretion is recorded', async (t) => {
  const s = responded('seed-002-longhurst');
  const e = errorOf(() => s.attempt(escalate, '2027-01-14T10:00:00Z', {}));
  t.match(e, { kind: 'unprocessable', code: 'escalation_preconditions_missing' });
  t.same(e.fields.map((f) => f.field), ['reason', 'inWriting', 'criteria']);
  t.match(e.fields[2]?.message, /response_factually_inaccurate, response_does_not_address_complaint, complaints_process_not_followed/);
  t.match(errorOf(() => s.attempt(escalate, '2027-01-14T10:00:00Z', { reason: 'Wrong', inWriting: true, criteria: ['i_disagree'] })), {
    kind: 'unprocessable',
    code: 'unknown_escalation_criterion',
    fields: [{ field: 'criteria[0]' }],
  });
  const ok = responded('seed-002-longhurst').run(escalate, '2027-01-14T10:00:00Z', { reason: 'The visit dates are wrong', inWriting: true, criteria: ['response_factually_inaccurate'] });
  t.match(ok.complaint.escalation, { criteria: ['response_factually_inaccurate'], inWriting: true, preconditionDiscretion: null });
  const phoned = responded('seed-002-longhurst').run(escalate, '2027-01-14T10:00:00Z', { inWriting: false, preconditionDiscretion: 'The resident cannot write; accepted by phone (Equality Act adjustment)' });
  t.match(phoned.complaint, { status: 'escalation_requested', escalation: { inWriting: false, preconditionDiscretion: 'The resident cannot write; accepted by phone (Equality Act adjustment)' } });
  t.match(phoned.events.at(-1), { type: 'complaint.escalated', data: { preconditionDiscretion: /cannot write/ } });
});

t.test('the Code asks for nothing: a request with no reasons, not in writing, escalates (§6.12)', async (t) => {
  const s = responded('code-2024').run(escalate, '2027-01-14T10:00:00Z', {});
  t.match(s.complaint.escalation, { reason: null, criteria: [], inWriting: null, preconditionDiscretion: null });
  t.match(errorOf(() => responded('code-2024').attempt(escalate, '2027-01-14T10:00:00Z', { criteria: ['anything'] })), { code: 'unknown_escalation_criterion' });
});
