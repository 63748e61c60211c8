import t from 'tap';
import {
  acknowledgeStage2,
  assign,
  close,
  escalate,
  logContact,
  recordOmbudsman,
  refuseEscalation,
  reopen,
  respond,
  withdraw,
} from '../../../src/domain/complaint/index.ts';
import { aResponse, errorOf, preset, Story } from './builders.ts';

/** Code 2024: received 16 Dec 2026, acknowledged by alice 17 Dec, responded 23 Dec. */
function responded(policy = preset('code-2024')): Story {
  const s = new Story(policy).log().acknowledge('2026-12-17T10:00:00Z', { handler: 'alice' });
  return s.run(respond, '2026-12-23T10:00:00Z', aResponse(s.complaint));
}
const stage2Ack = (handler: string) => ({ definition: 'Stage 2 review', outcomesSought: ['Compensation'], handler });

t.test('escalation needs no reason (§6.12)', async (t) => {
  const s = responded().run(escalate, '2027-01-04T10:00:00Z', {});
  t.match(s.complaint, { status: 'escalation_requested', stage: 2, escalation: { reason: null, requestedAt: '2027-01-04T10:00:00.000Z' } });
  t.same(s.events.at(-1)?.type, 'complaint.escalated');
});

t.test('the stage 2 handler must not be the stage 1 handler (§6.13)', async (t) => {
  const s = responded().run(escalate, '2027-01-04T10:00:00Z', {});
  t.match(errorOf(() => s.attempt(acknowledgeStage2, '2027-01-05T10:00:00Z', stage2Ack('alice'))), { kind: 'conflict', code: 'same_handler_at_stage_2' });
  t.match(errorOf(() => s.attempt(acknowledgeStage2, '2027-01-05T10:00:00Z', stage2Ack(' Alice '))), { code: 'same_handler_at_stage_2' }, 'compared trimmed, case-insensitively');
  s.run(acknowledgeStage2, '2027-01-05T10:00:00Z', stage2Ack('bob'));
  t.same(s.complaint.handlers, { stage1: 'alice', stage2: 'bob' });
  t.match(errorOf(() => s.attempt(assign, '2027-01-06T10:00:00Z', { stage: 2, handler: 'alice' })), { code: 'same_handler_at_stage_2' }, 'nor by reassignment');
  t.match(errorOf(() => s.attempt(assign, '2027-01-06T10:00:00Z', { stage: 1, handler: 'carol' })), { code: 'wrong_stage' });
  t.equal(s.run(assign, '2027-01-06T10:00:00Z', { stage: 2, handler: 'carol' }).complaint.handlers.stage2, 'carol');
  const incomplete = errorOf(() => s.attempt(acknowledgeStage2, '2027-01-06T10:00:00Z', { handler: 'dave' }));
  t.match(incomplete, { code: 'invalid_transition' }, 'already acknowledged');
});

t.test('refusing to escalate: listed grounds only, in writing, with the Ombudsman right; it closes the complaint', async (t) => {
  const s = responded().run(escalate, '2027-01-04T10:00:00Z', {});
  t.match(errorOf(() => s.attempt(refuseEscalation, '2027-01-05T10:00:00Z', { ground: 'too_busy' as never, explanation: 'x', ombudsmanRightGiven: true })), { kind: 'conflict', code: 'refusal_ground_not_in_policy', message: /its grounds: outside_policy_remit, final_response_already_given/ });
  const e = errorOf(() => s.attempt(refuseEscalation, '2027-01-05T10:00:00Z', { ground: 'resident_refused_to_engage' }));
  t.same(e.fields.map((f) => f.field), ['explanation', 'ombudsmanRightGiven']);
  s.run(refuseEscalation, '2027-01-05T10:00:00Z', { ground: 'resident_refused_to_engage', explanation: 'No response to 3 calls', ombudsmanRightGiven: true });
  t.match(s.complaint, { status: 'closed', closure: { reason: 'escalation_refused', statusBefore: 'escalation_requested' }, escalationRefusal: { ground: 'resident_refused_to_engage' } });
  t.match(s.deadline('stage_2_acknowledgement'), { status: 'cancelled' }, 'refused within the acknowledgement time');
  // The landlord reconsiders: reopening returns to the request, which is then acknowledged.
  s.run(reopen, '2027-01-06T10:00:00Z', { discretion: 'Resident called back' });
  t.match(s.complaint, { status: 'escalation_requested', escalationRefusal: null, closure: null });
  t.equal(s.complaint.reopenings[0]?.ended.escalationRefusal?.ground, 'resident_refused_to_engage');
});

t.test('reopen a complaint closed after stage 1, then escalate', async (t) => {
  const s = responded().run(close, '2027-01-04T10:00:00Z', { reason: 'resolved_at_stage_1', residentToldAt: '2027-01-04T10:00:00Z' });
  t.match(errorOf(() => s.attempt(escalate, '2027-02-01T10:00:00Z', {})), { code: 'invalid_transition' });
  t.match(errorOf(() => s.attempt(reopen, '2027-02-01T10:00:00Z', { discretion: ' ' })), { kind: 'unprocessable', code: 'reopen_incomplete', fields: [{ field: 'discretion' }] });
  s.run(reopen, '2027-02-01T10:00:00Z', { discretion: 'New evidence of the leak' });
  t.match(s.complaint, { status: 'stage_1_responded', closure: null, reopenings: [{ discretion: 'New evidence of the leak', ended: { closure: { reason: 'resolved_at_stage_1' } } }] });
  s.run(escalate, '2027-02-01T11:00:00Z', {});
  t.equal(s.complaint.status, 'escalation_requested');
});

t.test('after the final response a complaint is not reopened', async (t) => {
  const s = responded().run(escalate, '2027-01-04T10:00:00Z', {}).run(acknowledgeStage2, '2027-01-05T10:00:00Z', stage2Ack('bob'));
  s.run(respond, '2027-01-20T10:00:00Z', aResponse(s.complaint)).run(close, '2027-01-21T10:00:00Z', { reason: 'stage_2_response' });
  t.match(errorOf(() => s.attempt(reopen, '2027-01-22T10:00:00Z', { discretion: 'Asked again' })), { kind: 'conflict', code: 'final_response_given' });
  s.run(recordOmbudsman, '2027-03-01T10:00:00Z', { kind: 'referral', ombudsmanRef: 'HOS-123' });
  t.match(s.complaint.ombudsman.referral, { ombudsmanRef: 'HOS-123' });
});

// Lumen (seed 000): escalation window and auto-close both 25 wd after the stage 1 response.
// Response Wed 23 Dec 2026: 24 (1), [25 Christmas, 26-27, 28 Boxing sub], 29 (2), 30 (3), 31 (4), [1 Jan, 2-3],
// 4-8 Jan (9), 11-15 (14), 18-22 (19), 25-29 (24), Mon 1 Feb 2027 (25).
t.test('closing needs the right status, a passed window, or a told reason', async (t) => {
  const lumen = preset('seed-000-lumen');
  t.equal(responded(lumen).deadline('escalation_window').dueDate, '2027-02-01');
  t.match(errorOf(() => responded(lumen).attempt(close, '2027-02-01T10:00:00Z', { reason: 'no_escalation_within_window' })), { code: 'window_still_open' });
  t.equal(responded(lumen).run(close, '2027-02-02T10:00:00Z', { reason: 'no_escalation_within_window' }).complaint.status, 'closed');
  t.match(errorOf(() => responded().attempt(close, '2027-06-01T10:00:00Z', { reason: 'no_escalation_within_window' })), { code: 'no_policy_window' }, 'the Code sets no window');
  const cameBack = responded(lumen).run(logContact, '2027-01-20T10:00:00Z', { direction: 'inbound', channel: 'phone', summary: 'Still unhappy' });
  t.match(errorOf(() => cameBack.attempt(close, '2027-02-02T10:00:00Z', { reason: 'auto_close' })), { code: 'resident_came_back' });
  const quiet = responded(lumen).run(logContact, '2027-01-20T10:00:00Z', { direction: 'outbound', channel: 'phone', summary: 'We called' });
  t.equal(quiet.run(close, '2027-02-02T10:00:00Z', { reason: 'auto_close' }).complaint.closure?.reason, 'auto_close');
  t.match(errorOf(() => responded().attempt(close, '2027-01-04T10:00:00Z', { reason: 'stage_2_response' })), { code: 'closure_reason_not_applicable' });
  const early = new Story().log();
  const e = errorOf(() => early.attempt(close, '2026-12-17T10:00:00Z', { reason: 'landlord_discretion' }));
  t.same(e.fields.map((f) => f.field), ['explanation', 'residentToldAt']);
  early.run(close, '2026-12-17T10:00:00Z', { reason: 'landlord_discretion', explanation: 'Resolved by phone', residentToldAt: '2026-12-17T10:00:00Z' });
  t.match(early.deadline('stage_1_acknowledgement'), { status: 'cancelled' });
});

t.test('escalating after the window needs a recorded discretion', async (t) => {
  const lumen = preset('seed-000-lumen');
  t.match(errorOf(() => responded(lumen).attempt(escalate, '2027-02-02T10:00:00Z', {})), { kind: 'conflict', code: 'escalation_window_passed', message: /2027-02-01/ });
  t.ok(responded(lumen).attempt(escalate, '2027-02-01T23:30:00Z', {}), 'the last day counts, to midnight London time');
  const late = responded(lumen).run(escalate, '2027-02-02T10:00:00Z', { lateDiscretion: 'Resident was in hospital' });
  t.match(late.deadline('escalation_window'), { owner: 'resident', status: 'met_late' });
  // Closed for no escalation, reopened with discretion: the reopening's discretion covers the late request.
  const reopened = responded(lumen).run(close, '2027-02-02T10:00:00Z', { reason: 'no_escalation_within_window' });
  reopened.run(reopen, '2027-03-01T10:00:00Z', { discretion: 'Resident had not received our letter' }).run(escalate, '2027-03-01T11:00:00Z', {});
  t.equal(reopened.complaint.escalation?.lateDiscretion, 'Resident had not received our letter');
});

t.test('withdrawal cancels running clocks and can be undone', async (t) => {
  const s = new Story().log().acknowledge('2026-12-17T10:00:00Z');
  s.run(withdraw, '2026-12-18T10:00:00Z', { reason: 'Sorted with the contractor' });
  t.match(s.deadline('stage_1_response'), { status: 'cancelled' });
  s.run(reopen, '2026-12-21T10:00:00Z', { discretion: 'Resident changed their mind' });
  t.match(s.complaint, { status: 'stage_1_in_progress', withdrawal: null });
  t.match(s.deadline('stage_1_response'), { status: 'pending' });
});
