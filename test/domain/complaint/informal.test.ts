import t from 'tap';
import { acknowledge, deadlineStatusAsOf, logContact, openLinkedComplaint, resolveInformally, withdraw } from '../../../src/domain/complaint/index.ts';
import { anAcknowledgement, errorOf, preset, Story } from './builders.ts';

// Longhurst's first time fix: "resolved on the spot or within two working days"; seed 003's support
// service requests: "Within 3 working days contact will be made with the client".
t.test('a first time fix carries its 2 working day deadline and no stage clocks', async (t) => {
  const s = new Story(preset('seed-002-longhurst')).log({ receivedAt: '2027-03-01T10:00:00Z', informal: 'informal_resolution' });
  t.match(s.complaint.informal, { kind: 'informal_resolution', resolvedAt: null, complaintIds: [] });
  t.same(s.deadlines.map((d) => d.kind), ['informal_resolution']);
  // 2 wd from Mon 1 Mar 2027: Wed 3 Mar.
  const d = s.deadline('informal_resolution');
  t.match(d, { dueDate: '2027-03-03', countsFrom: { event: 'receipt', date: '2027-03-01' }, rule: 'informalResolution', status: 'pending' });
  t.equal(deadlineStatusAsOf(d, '2027-03-04'), 'breached');
  t.match(errorOf(() => s.attempt(acknowledge, '2027-03-02T10:00:00Z', anAcknowledgement())), { code: 'informal_record', message: /raise a stage 1 complaint/ });
  s.run(logContact, '2027-03-02T09:00:00Z', { direction: 'outbound', channel: 'phone', summary: 'Booked the repair' });
  s.run(resolveInformally, '2027-03-02T10:00:00Z', { resolution: 'Repaired on the second visit' });
  t.match(s.complaint, { status: 'closed', closure: { reason: 'resolved_informally' }, informal: { resolution: 'Repaired on the second visit' } });
  t.match(s.deadline('informal_resolution'), { status: 'met' });
  t.equal(s.events.at(-1)?.type, 'complaint.resolved_informally');
});

t.test('a first time fix that becomes a stage 1 complaint: met, ended, linked both ways', async (t) => {
  const s = new Story(preset('seed-002-longhurst')).log({ receivedAt: '2027-03-01T10:00:00Z', informal: 'informal_resolution' });
  const { original, linked } = openLinkedComplaint(s.complaint, { receivedAt: '2027-03-04T09:00:00Z', description: 'Still not repaired' }, { ...s.logCtx('2027-03-04T09:30:00Z'), id: 'c-2' });
  t.match(original.complaint, { status: 'closed', closure: { reason: 'became_complaint' }, linkedComplaintIds: ['c-2'], informal: { complaintIds: ['c-2'], complaintRaisedAt: '2027-03-04T09:30:00.000Z' } });
  t.equal(original.events[0]?.type, 'complaint.became_complaint');
  t.match(linked.complaint, { id: 'c-2', linkedFrom: 'c-1', informal: null, status: 'received' });
  const raised = new Story(preset('seed-002-longhurst'));
  raised.complaint = original.complaint;
  t.match(raised.deadline('informal_resolution'), { status: 'met_late', metOn: '2027-03-04' }, 'it met the deadline late, by becoming a complaint');
});

t.test('a support request carries on beside the complaint raised from it', async (t) => {
  const s = new Story(preset('seed-003-housing-trust')).log({ receivedAt: '2027-03-01T10:00:00Z', informal: 'support_request' });
  // 3 wd from Mon 1 Mar 2027: Thu 4 Mar.
  t.match(s.deadline('support_request_contact'), { dueDate: '2027-03-04', countsFrom: { event: 'support_request', date: '2027-03-01' }, rule: 'supportRequestContact' });
  const { original } = openLinkedComplaint(s.complaint, { receivedAt: '2027-03-02T09:00:00Z', description: 'Unhappy with the wait' }, { ...s.logCtx('2027-03-02T09:30:00Z'), id: 'c-2' });
  t.match(original.complaint, { status: 'received', closure: null, informal: { complaintIds: ['c-2'] } }, 'the service request carries on (Code §1.4–1.5)');
  const w = new Story(preset('seed-003-housing-trust')).log({ receivedAt: '2027-03-01T10:00:00Z', informal: 'support_request' }).run(withdraw, '2027-03-02T10:00:00Z', {});
  t.match(w.deadline('support_request_contact'), { status: 'cancelled' });
});

t.test('only where the policy sets the time limit; a complaint is never resolved informally', async (t) => {
  t.match(errorOf(() => new Story(preset('code-2024')).log({ informal: 'informal_resolution' })), { kind: 'conflict', code: 'no_informal_step_in_policy' });
  t.match(errorOf(() => new Story(preset('seed-002-longhurst')).log({ informal: 'support_request' })), { code: 'no_informal_step_in_policy' });
  const c = new Story(preset('seed-002-longhurst')).log();
  t.match(errorOf(() => c.attempt(resolveInformally, '2026-12-17T10:00:00Z', { resolution: 'x' })), { code: 'not_informal' });
});
