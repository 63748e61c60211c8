import t from 'tap';
import { acknowledgeStage2, considerDecline, deadlineStatusAsOf, decline, escalate, refuseEscalation, respond, withdraw } from '../../../src/domain/complaint/index.ts';
import { aResponse, errorOf, preset, Story } from './builders.ts';

// Lumen (seed 000): written reasons "within 10 working days of the request". The clock starts at the
// request, so a letter not yet sent is due, and breaches, before the decline is recorded.
const lumen = () => new Story(preset('seed-000-lumen')).log({ receivedAt: '2027-02-01T11:00:00Z' });
const declining = { ground: 'anti_social_behaviour' as const, explanation: 'An ASB report, passed to the ASB team', ombudsmanRightGiven: true };

t.test('the stage 1 decline letter is due from receipt while the complaint is undecided', async (t) => {
  const s = lumen();
  // 10 wd from Mon 1 Feb 2027: 2-5 (4), 8-12 (9), Mon 15 Feb (10).
  const letter = s.deadline('decline_letter');
  t.match(letter, { stage: 1, dueDate: '2027-02-15', countsFrom: { event: 'decline_request', date: '2027-02-01' }, status: 'pending', rule: 'declineLetter' });
  t.equal(deadlineStatusAsOf(letter, '2027-02-15'), 'pending');
  t.equal(deadlineStatusAsOf(letter, '2027-02-16'), 'breached', 'a letter still unsent after the due date is a breach');
  s.run(decline, '2027-02-16T10:00:00Z', declining);
  t.match(s.deadline('decline_letter'), { status: 'met_late', metOn: '2027-02-16' });
});

t.test('accepting the complaint means no letter is due', async (t) => {
  const s = lumen().acknowledge('2027-02-03T10:00:00Z');
  t.notOk(s.has('decline_letter'), 'an acknowledged complaint has no decline letter to send');
  s.run(decline, '2027-02-05T10:00:00Z', declining);
  t.match(s.deadline('decline_letter'), { dueDate: '2027-02-15', status: 'met' }, 'a decline after acknowledgement still counts from the request');
});

t.test('a considered decline then an acceptance shows the letter cancelled; a withdrawal ends it', async (t) => {
  const s = lumen().run(considerDecline, '2027-02-02T10:00:00Z', { note: 'Possibly an ASB report' });
  t.same(s.complaint.declineConsiderations, [{ at: '2027-02-02T10:00:00.000Z', stage: 1, note: 'Possibly an ASB report' }]);
  t.equal(s.events.at(-1)?.type, 'complaint.decline_considered');
  t.equal(s.complaint.status, 'received', 'considering a decline never stops the complaint');
  s.acknowledge('2027-02-03T10:00:00Z');
  t.match(s.deadline('decline_letter'), { status: 'cancelled', metAt: null });
  const w = lumen().run(withdraw, '2027-02-04T10:00:00Z', {});
  t.match(w.deadline('decline_letter'), { status: 'cancelled' });
});

t.test('a policy counting from decline_considered starts the clock at that step', async (t) => {
  const policy = preset('seed-000-lumen', { declineLetter: { from: 'decline_considered' } });
  const s = new Story(policy).log({ receivedAt: '2027-02-01T11:00:00Z' });
  t.notOk(s.has('decline_letter'), 'nothing is due before a decline is considered');
  s.run(considerDecline, '2027-02-08T10:00:00Z', {});
  // 10 wd from Mon 8 Feb: 9-12 (4), 15-19 (9), Mon 22 Feb (10).
  t.match(s.deadline('decline_letter'), { dueDate: '2027-02-22', countsFrom: { event: 'decline_considered', date: '2027-02-08' }, status: 'pending' });
  s.run(decline, '2027-02-19T10:00:00Z', declining);
  t.match(s.deadline('decline_letter'), { status: 'met' });
  const direct = new Story(policy).log({ receivedAt: '2027-02-01T11:00:00Z' }).run(decline, '2027-02-10T10:00:00Z', declining);
  t.match(direct.deadline('decline_letter'), { countsFrom: { event: 'decline_considered', date: '2027-02-10' }, status: 'met' }, 'a decline with no prior step is considered when it is made');
});

t.test('stage 2: the refusal letter is due from the escalation request until the escalation is acknowledged or refused', async (t) => {
  const responded = () => lumen().acknowledge('2027-02-02T10:00:00Z');
  const s = responded();
  s.run(respond, '2027-02-10T10:00:00Z', aResponse(s.complaint)).run(escalate, '2027-02-15T10:00:00Z', {});
  // 10 wd from Mon 15 Feb: 16-19 (4), 22-26 (9), Mon 1 Mar (10).
  t.match(s.deadline('decline_letter'), { stage: 2, dueDate: '2027-03-01', countsFrom: { event: 'decline_request', date: '2027-02-15' }, status: 'pending' });
  const refused = s.attempt(refuseEscalation, '2027-02-20T10:00:00Z', { ground: 'outside_policy_remit', explanation: 'Rent level', ombudsmanRightGiven: true });
  t.ok(refused.complaint.escalationRefusal);
  s.run(acknowledgeStage2, '2027-02-16T10:00:00Z', { definition: 'Review', outcomesSought: ['Repair'], handler: 'bob' });
  t.notOk(s.deadlines.some((d) => d.kind === 'decline_letter' && d.stage === 2), 'an acknowledged escalation needs no refusal letter');
  t.match(errorOf(() => s.attempt(considerDecline, '2027-02-17T10:00:00Z', {})), { code: 'invalid_transition' }, 'too late to consider refusing once stage 2 is under way');
});
