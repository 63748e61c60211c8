import t from 'tap';
import { acknowledgeStage2, canApply, escalate, extend, respond } from '../../../src/domain/complaint/index.ts';
import { aResponse, errorOf, preset, scotland, Story } from './builders.ts';

const told = (at: string) => ({ reason: 'Inspection', residentToldAt: at, ombudsmanDetailsGiven: true });

// A stage whose policy has no acknowledgement step is answered at the frontline: the response (and an
// extension) may follow receipt, or the escalation request, directly; its deadline counts from receipt.
t.test('SPSO: a frontline response on the spot, with no acknowledgement', async (t) => {
  const s = new Story(preset('scotland-spso-model'), scotland).log({ receivedAt: '2026-11-25T14:00:00Z' });
  t.equal(s.complaint.status, 'received');
  t.equal(s.complaint.definition, null);
  s.run(respond, '2026-11-25T15:00:00Z', aResponse(s.complaint, { definition: 'The boiler repair was missed' }));
  t.equal(s.complaint.status, 'stage_1_responded');
  t.equal(s.complaint.definition, 'The boiler repair was missed', 'the frontline response sets out the definition');
  t.match(s.deadline('stage_1_response'), { dueDate: '2026-12-03', status: 'met', countsFrom: { event: 'receipt' } });
  t.notOk(s.has('stage_1_acknowledgement'));
  t.same(s.events.map((e) => e.type), ['complaint.logged', 'complaint.responded']);
});

t.test('NIPSO: an extension straight after receipt, then the response', async (t) => {
  const s = new Story(preset('northern-ireland-nipso-model')).log({ receivedAt: '2027-03-01T10:00:00Z' });
  // 5 wd from Mon 1 Mar 2027 (England calendar here): Mon 8 Mar.
  t.equal(s.deadline('stage_1_response').dueDate, '2027-03-08');
  s.run(extend, '2027-03-05T10:00:00Z', { ...told('2027-03-05T10:00:00Z'), newDueDate: '2027-03-12' });
  t.match(s.deadline('stage_1_response'), { dueDate: '2027-03-12', originalDueDate: '2027-03-08' });
  s.run(respond, '2027-03-12T10:00:00Z', aResponse(s.complaint));
  t.match(s.deadline('stage_1_response'), { status: 'met' });
});

t.test('LHP: stage 2 has no acknowledgement step; stage 1 still needs its own', async (t) => {
  const s = new Story(preset('seed-001-lhp')).log({ receivedAt: '2027-06-07T10:00:00+01:00' });
  t.match(errorOf(() => s.attempt(respond, '2027-06-08T10:00:00+01:00', aResponse(s.complaint))), { code: 'invalid_transition' }, 'stage 1 has an acknowledgement step');
  s.acknowledge('2027-06-08T10:00:00+01:00');
  s.run(respond, '2027-06-18T10:00:00+01:00', aResponse(s.complaint));
  s.run(escalate, '2027-07-05T10:00:00+01:00', {});
  t.equal(s.complaint.status, 'escalation_requested');
  // 20 wd from Mon 5 Jul: Mon 2 Aug; cap 10 wd after it: Mon 16 Aug.
  s.run(extend, '2027-07-30T10:00:00+01:00', { ...told('2027-07-30T10:00:00+01:00'), newDueDate: '2027-08-16' });
  s.run(respond, '2027-08-13T10:00:00+01:00', aResponse(s.complaint));
  t.equal(s.complaint.status, 'stage_2_responded');
  t.match(s.deadline('stage_2_response'), { dueDate: '2027-08-16', status: 'met' });
  t.notOk(s.has('stage_2_acknowledgement'));
  t.equal(s.complaint.acknowledgements.stage2, null, 'no invented acknowledgement');
});

t.test('a stage 2 acknowledgement is still possible on a frontline stage, and the stage then runs as before', async (t) => {
  const s = new Story(preset('seed-001-lhp')).log({ receivedAt: '2027-06-07T10:00:00+01:00' });
  s.acknowledge('2027-06-08T10:00:00+01:00').run(respond, '2027-06-18T10:00:00+01:00', aResponse(s.complaint)).run(escalate, '2027-07-05T10:00:00+01:00', {});
  s.run(acknowledgeStage2, '2027-07-06T10:00:00+01:00', { definition: 'Review', outcomesSought: ['Repair'], handler: 'bob' });
  s.run(respond, '2027-07-20T10:00:00+01:00', aResponse(s.complaint));
  t.equal(s.complaint.definition, 'Review', 'the acknowledged definition is kept');
});

t.test('Code 2024 keeps its acknowledgement steps: no response or extension before them', async (t) => {
  const code = preset('code-2024');
  t.notOk(canApply('respond', 'received', code));
  t.notOk(canApply('extend', 'escalation_requested', code));
  t.ok(canApply('respond', 'received', preset('scotland-spso-model')));
  t.notOk(canApply('respond', 'escalation_requested', preset('scotland-spso-model')), 'SPSO acknowledges at stage 2');
  t.ok(canApply('respond', 'escalation_requested', preset('seed-001-lhp')));
  const s = new Story(code).log();
  t.match(errorOf(() => s.attempt(respond, '2026-12-17T10:00:00Z', aResponse(s.complaint))), { code: 'invalid_transition', message: /respond is not allowed when the complaint is received/ });
});
