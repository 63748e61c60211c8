import t from 'tap';
import {
  acknowledge,
  addMatter,
  decline,
  extend,
  logComplaint,
  logContact,
  openLinkedComplaint,
  respond,
  type ExtendInput,
  type RespondInput,
} from '../../../src/domain/complaint/index.ts';
import { aLogInput, anAcknowledgement, aResponse, errorOf, preset, Story } from './builders.ts';

t.test('logging', async (t) => {
  const s = new Story();
  t.match(errorOf(() => logComplaint(aLogInput({ receivedAt: '2026-12-17T10:00:00Z' }), s.logCtx('2026-12-16T10:00:00Z'))), { kind: 'conflict', code: 'received_after_logged' });
  const noConsent = aLogInput({ representative: { name: 'Cllr Jones', relationship: 'councillor', consentDate: '' } });
  t.match(errorOf(() => logComplaint(noConsent, s.logCtx('2026-12-16T17:00:00Z'))), { kind: 'unprocessable', code: 'complaint_incomplete', fields: [{ field: 'representative.consentDate' }] });
  t.match(errorOf(() => logComplaint(aLogInput({ description: ' ' }), s.logCtx('2026-12-16T17:00:00Z'))), { fields: [{ field: 'description' }] });
  t.match(errorOf(() => logComplaint(aLogInput({ receivedAt: '2026-12-16 16:00' }), s.logCtx('2026-12-16T17:00:00Z'))), { kind: 'invalid_input' });
  const logged = new Story().log({ matters: ['Missed repair', 'Rude operative'], linkedFrom: 'c-0' }).complaint;
  t.same(logged.matters.map((m) => m.id), ['m1', 'm2']);
  t.same(logged.linkedComplaintIds, ['c-0']);
});

t.test('occurredAt may not be in the future, nor before the previous event', async (t) => {
  const s = new Story().log({ receivedAt: '2026-12-16T16:00:00Z' }, '2026-12-17T09:00:00Z');
  t.match(errorOf(() => s.attempt(acknowledge, '2026-12-18T10:00:00Z', anAcknowledgement(), '2026-12-18T09:59:59Z')), { kind: 'conflict', code: 'occurred_in_future' });
  t.match(errorOf(() => s.attempt(acknowledge, '2026-12-16T15:59:00Z', anAcknowledgement())), { kind: 'conflict', code: 'occurred_before_previous_event' }, 'not before the receipt');
  // A CRM that syncs late may date a step between the receipt and its entry here.
  t.ok(s.attempt(logContact, '2026-12-16T17:00:00Z', { direction: 'outbound', channel: 'phone', summary: 'Called back before the sync' }, '2026-12-17T09:30:00Z'));
  s.acknowledge('2026-12-18T10:00:00Z', {});
  t.match(errorOf(() => s.attempt(logContact, '2026-12-18T09:00:00Z', { direction: 'inbound', channel: 'phone', summary: 'Called' })), { code: 'occurred_before_previous_event' });
  t.ok(s.attempt(logContact, '2026-12-18T10:00:00Z', { direction: 'inbound', channel: 'phone', summary: 'Same instant is fine' }));
  // Backdating is allowed: a letter dated yesterday, entered today.
  t.ok(s.attempt(logContact, '2026-12-21T10:00:00Z', { direction: 'outbound', channel: 'letter', summary: 'Letter' }, '2026-12-22T10:00:00Z'));
});

t.test('acknowledgement sets the definition and outcomes sought', async (t) => {
  const s = new Story().log();
  const e = errorOf(() => s.attempt(acknowledge, '2026-12-17T10:00:00Z', { definition: '', outcomesSought: [] }));
  t.match(e, { kind: 'unprocessable', code: 'acknowledgement_incomplete' });
  t.same(e.fields.map((f) => f.field), ['definition', 'outcomesSought', 'handler']);
});

// Code 2024, received Wed 16 Dec 2026, acknowledged Tue 22 Dec: response due Fri 8 Jan 2027 (see the journey test);
// cap: 10 wd after 8 Jan = Fri 22 Jan 2027.
t.test('extensions', async (t) => {
  const acked = () => new Story().log().acknowledge('2026-12-22T10:00:00Z');
  const ext = (over: Partial<ExtendInput> = {}): ExtendInput => ({
    reason: 'Awaiting survey', newDueDate: '2027-01-15', residentToldAt: '2027-01-07T10:00:00Z', ombudsmanDetailsGiven: true, ...over,
  });
  t.match(errorOf(() => acked().attempt(extend, '2027-01-11T09:00:00Z', ext({ residentToldAt: '2027-01-11T09:00:00Z' }))), { kind: 'conflict', code: 'extension_after_due_date' }, 'decided after the due date');
  t.match(errorOf(() => acked().attempt(extend, '2027-01-07T10:00:00Z', ext({ residentToldAt: '2027-01-09T10:00:00Z' }), '2027-01-09T11:00:00Z')), { code: 'extension_after_due_date' }, 'told after the due date');
  t.ok(acked().attempt(extend, '2027-01-08T16:00:00Z', ext({ residentToldAt: '2027-01-08T16:00:00Z' })), 'on the due date itself is still in time');
  const incomplete = errorOf(() => acked().attempt(extend, '2027-01-07T10:00:00Z', ext({ reason: '', ombudsmanDetailsGiven: false })));
  t.match(incomplete, { kind: 'unprocessable', code: 'extension_incomplete' });
  t.same(incomplete.fields.map((f) => f.field), ['reason', 'ombudsmanDetailsGiven']);
  t.match(errorOf(() => acked().attempt(extend, '2027-01-07T10:00:00Z', ext({ newDueDate: '2027-01-08' }))), { code: 'extension_not_later' });
  t.match(errorOf(() => acked().attempt(extend, '2027-01-07T10:00:00Z', ext({ newDueDate: '2027-01-25' }))), { kind: 'conflict', code: 'extension_cap_exceeded', message: /2027-01-22/ });
  t.ok(acked().attempt(extend, '2027-01-07T10:00:00Z', ext({ newDueDate: '2027-01-22' })), 'exactly the cap');

  const good = acked().run(extend, '2027-01-07T10:00:00Z', ext({ newDueDate: '2027-02-26', goodReason: 'Major works need a structural engineer' }));
  t.match(good.complaint.extensions[0], { newDueDate: '2027-02-26', goodReason: 'Major works need a structural engineer', previousDueDate: '2027-01-08' });
  t.match(good.deadline('stage_1_response'), { dueDate: '2027-02-26', originalDueDate: '2027-01-08' });

  // The cap counts from the original due date: two extensions cannot stack past 22 Jan.
  const twice = acked().run(extend, '2027-01-07T10:00:00Z', ext({ newDueDate: '2027-01-15' }));
  t.match(errorOf(() => twice.attempt(extend, '2027-01-14T10:00:00Z', ext({ newDueDate: '2027-01-27', residentToldAt: '2027-01-14T10:00:00Z' }))), { code: 'extension_cap_exceeded' });
  t.match(errorOf(() => twice.attempt(extend, '2027-01-18T10:00:00Z', ext({ newDueDate: '2027-01-20', residentToldAt: '2027-01-18T10:00:00Z' }))), { code: 'extension_after_due_date' }, 'the current due date is now the 15th');

  // Lets for Life sets no cap (null): any length. A cap of 0 allows none at all.
  const lfl = new Story(preset('seed-004-lets-for-life')).log().acknowledge('2026-12-17T10:00:00Z');
  t.ok(lfl.attempt(extend, '2026-12-18T10:00:00Z', ext({ newDueDate: '2027-06-30', residentToldAt: '2026-12-18T10:00:00Z' })));
  const none = new Story(preset('code-2024', { stage1: { extensionCap: { amount: 0, unit: 'working_days' } } })).log().acknowledge('2026-12-22T10:00:00Z');
  t.match(errorOf(() => none.attempt(extend, '2027-01-07T10:00:00Z', ext({ goodReason: 'Even so' }))), { code: 'extension_not_allowed' });
});

t.test('a response missing an element is rejected, naming it', async (t) => {
  const s = new Story().log({ matters: ['Missed repair', 'Rude operative'] }).acknowledge('2026-12-17T10:00:00Z');
  const full = aResponse(s.complaint);
  const cases: [string, Partial<RespondInput>][] = [
    ['stage', { stage: undefined }],
    ['definition', { definition: '' }],
    ['decisions', { decisions: undefined }],
    ['decisions', { decisions: full.decisions!.slice(0, 1) }],
    ['decisions[1].outcome', { decisions: [full.decisions![0]!, { matterId: 'm2', reasons: 'x' }] }],
    ['decisions[1].reasons', { decisions: [full.decisions![0]!, { matterId: 'm2', outcome: 'not_upheld', reasons: '' }] }],
    ['decisions[1].matterId', { decisions: [full.decisions![0]!, { matterId: 'm9', outcome: 'not_upheld', reasons: 'x' }] }],
    ['remedies', { remedies: undefined }],
    ['remedies[0].description', { remedies: [{ type: 'apology', description: '' }] }],
    ['remedies[0].compensationPence', { remedies: [{ type: 'financial', description: 'Compensation' }] }],
    ['outstandingActions', { outstandingActions: undefined }],
    ['outstandingActions[0].owner', { outstandingActions: [{ description: 'Fix', owner: '', dueDate: '2027-01-15' }] }],
    ['escalationExplained', { escalationExplained: false }],
  ];
  for (const [field, change] of cases) {
    const e = errorOf(() => s.attempt(respond, '2026-12-23T10:00:00Z', { ...full, ...change }));
    t.match(e, { kind: 'unprocessable', code: 'response_incomplete' }, field);
    t.ok(e.fields.some((f) => f.field === field), `${field} is listed (${e.fields.map((f) => f.field).join(', ')})`);
  }
  t.match(errorOf(() => s.attempt(respond, '2026-12-23T10:00:00Z', { ...full, stage: 2 })), { kind: 'conflict', code: 'wrong_stage' });
  t.ok(s.attempt(respond, '2026-12-23T10:00:00Z', full), 'the complete response is accepted');
});

t.test('matters: added before the response, a linked complaint after it', async (t) => {
  const s = new Story().log().acknowledge('2026-12-17T10:00:00Z');
  s.run(addMatter, '2026-12-18T10:00:00Z', { summary: 'Also: the operative was rude' });
  t.match(errorOf(() => s.attempt(respond, '2026-12-23T10:00:00Z', aResponse(s.complaint, { decisions: [{ matterId: 'm1', outcome: 'upheld', reasons: 'x' }] }))), { fields: [{ field: 'decisions', message: /m2/ }] });
  s.run(respond, '2026-12-23T10:00:00Z', aResponse(s.complaint));
  t.match(errorOf(() => s.attempt(addMatter, '2026-12-24T10:00:00Z', { summary: 'Now the window leaks' })), { kind: 'conflict', code: 'response_already_sent', message: /new complaint/ });

  const ctx = { ...s.logCtx('2026-12-24T10:00:00Z'), id: 'c-2', reference: 'CMP-2026-000002' };
  const { original, linked } = openLinkedComplaint(s.complaint, { receivedAt: '2026-12-24T09:00:00Z', description: 'The window leaks' }, ctx);
  t.same(original.complaint.linkedComplaintIds, ['c-2']);
  t.match(linked.complaint, { id: 'c-2', linkedFrom: 'c-1', linkedComplaintIds: ['c-1'], status: 'received', receiptDate: '2026-12-24', complainant: { name: 'Ada Resident' } });
});

t.test('declining', async (t) => {
  const s = new Story().log({ issueOccurredOn: '2025-06-01' });
  const base = { explanation: 'Reported in June 2025', discretionConsidered: true, ombudsmanRightGiven: true };
  t.match(errorOf(() => s.attempt(decline, '2026-12-17T10:00:00Z', { ...base, ground: 'anti_social_behaviour' })), { kind: 'conflict', code: 'ground_not_in_policy' }, 'a ground the Code 2024 policy does not list');
  t.match(errorOf(() => s.attempt(decline, '2026-12-17T10:00:00Z', { ...base, ground: 'we_do_not_like_it' as never })), { kind: 'invalid_input', code: 'unknown_ground' });
  const incomplete = errorOf(() => s.attempt(decline, '2026-12-17T10:00:00Z', { ground: 'older_than_age_limit', explanation: 'Old' }));
  t.same(incomplete.fields.map((f) => f.field), ['ombudsmanRightGiven', 'discretionConsidered']);

  const declined = new Story().log({ issueOccurredOn: '2025-06-01' }).run(decline, '2026-12-17T10:00:00Z', { ...base, ground: 'older_than_age_limit' });
  t.match(declined.complaint, { status: 'declined', decline: { ground: 'older_than_age_limit', discretionConsidered: true } });
  t.match(declined.deadline('stage_1_acknowledgement'), { status: 'cancelled' });

  for (const urgency of [{ safeguarding: true }, { healthAndSafety: true }]) {
    const urgent = new Story().log({ issueOccurredOn: '2025-06-01', urgency });
    t.match(errorOf(() => urgent.attempt(decline, '2026-12-17T10:00:00Z', { ...base, ground: 'older_than_age_limit' })), { kind: 'conflict', code: 'age_limit_not_applicable' }, JSON.stringify(urgency));
    t.ok(urgent.attempt(decline, '2026-12-17T10:00:00Z', { ...base, ground: 'legal_proceedings' }), 'other grounds still apply');
  }
  // 12 months after 17 Dec 2025 is 17 Dec 2026: received 16 Dec 2026 is within the limit.
  const recent = new Story().log({ issueOccurredOn: '2025-12-17' });
  t.match(errorOf(() => recent.attempt(decline, '2026-12-17T10:00:00Z', { ...base, ground: 'older_than_age_limit' })), { code: 'within_age_limit' });
});
