import t from 'tap';
import { acknowledgeStage2, escalate, extend, respond } from '../../../src/domain/complaint/index.ts';
import { aResponse, errorOf, preset, scotland, Story } from './builders.ts';

// Longhurst (seed 002): contact 2 wd, respond 10 wd from receipt, escalation window 1 calendar month after the
// stage 1 response, stage 2 contact 2 wd and response 20 wd from the request.
t.test('seed 002 (Longhurst) across Easter 2027 (Good Friday 26 March, Easter Monday 29 March)', async (t) => {
  const s = new Story(preset('seed-002-longhurst')).log({ receivedAt: '2027-03-23T09:30:00Z' });
  // Ack: from Tue 23 Mar: Wed 24 (1), Thu 25 (2).
  t.equal(s.deadline('stage_1_acknowledgement').dueDate, '2027-03-25');
  // Response: 24 (1), 25 (2), [Fri 26 Good Friday, Sat 27, Sun 28, Mon 29 Easter Monday], 30 (3), 31 (4),
  // Thu 1 Apr (5), Fri 2 (6), Mon 5 (7), Tue 6 (8), Wed 7 (9), Thu 8 Apr (10).
  t.equal(s.deadline('stage_1_response').dueDate, '2027-04-08');
  s.acknowledge('2027-03-25T16:00:00Z');
  // 23:30 BST on 8 Apr is 22:30 UTC: still 8 April in London, so on time.
  s.run(respond, '2027-04-08T23:30:00+01:00', aResponse(s.complaint));
  t.match(s.deadline('stage_1_response'), { status: 'met', metOn: '2027-04-08' });
  // Window: one month after Thu 8 Apr is Sat 8 May → next working day Mon 10 May (3 May was the holiday).
  t.match(s.deadline('escalation_window'), { dueDate: '2027-05-10', countsFrom: { event: 'stage_1_response', date: '2027-04-08' } });
  t.match(errorOf(() => s.attempt(escalate, '2027-05-11T09:00:00+01:00', {})), { code: 'escalation_window_passed' });
  // The appeal "in writing", with reasons, citing one of the criteria (seed 002, 'Stage 2 – Appeal Review').
  s.run(escalate, '2027-05-10T09:00:00+01:00', { reason: 'The dates are wrong', inWriting: true, criteria: ['response_factually_inaccurate'] });
  // Stage 2 contact: Tue 11 (1), Wed 12 May (2).
  t.equal(s.deadline('stage_2_acknowledgement').dueDate, '2027-05-12');
  // Stage 2 response: 20 wd from Mon 10 May: 11-14 (4), 17-21 (9), 24-28 (14), [Mon 31 May spring bank holiday],
  // 1-4 Jun (18), Mon 7 (19), Tue 8 Jun (20).
  t.equal(s.deadline('stage_2_response').dueDate, '2027-06-08');
  s.run(acknowledgeStage2, '2027-05-11T10:00:00+01:00', { definition: 'Review', outcomesSought: ['Repair'], handler: 'bob' });
  s.run(respond, '2027-06-07T10:00:00+01:00', aResponse(s.complaint));
  t.match(s.deadline('stage_2_response'), { status: 'met' });
});

// SPSO model on the Scotland calendar: no acknowledgement clock, frontline response 5 wd from receipt,
// extension up to 5 wd more, stage 2 acknowledge 3 wd and respond 20 wd from the request; the window is
// 2 months after the stage 1 response or 6 months after the issue, whichever is later.
t.test('Scotland (SPSO model): St Andrew’s Day and 2 January', async (t) => {
  const s = new Story(preset('scotland-spso-model'), scotland).log({ receivedAt: '2026-11-25T14:00:00Z', issueOccurredOn: '2026-09-01' });
  t.notOk(s.has('stage_1_acknowledgement'), 'the model sets no acknowledgement time');
  // Response: from Wed 25 Nov 2026: Thu 26 (1), Fri 27 (2), [Sat 28, Sun 29, Mon 30 St Andrew's Day], Tue 1 Dec (3),
  // Wed 2 (4), Thu 3 Dec (5). (In England it would be Wed 2 Dec.)
  t.equal(s.deadline('stage_1_response').dueDate, '2026-12-03');
  // A frontline stage: the extension and the response follow receipt directly, with no acknowledgement.
  // Cap 5 wd after Thu 3 Dec: Fri 4 (1), 7, 8, 9, Thu 10 Dec (5).
  t.match(errorOf(() => s.attempt(extend, '2026-12-02T10:00:00Z', { reason: 'Inspection', newDueDate: '2026-12-11', residentToldAt: '2026-12-02T10:00:00Z', ombudsmanDetailsGiven: true })), { code: 'extension_cap_exceeded' });
  s.run(extend, '2026-12-02T10:00:00Z', { reason: 'Inspection', newDueDate: '2026-12-10', residentToldAt: '2026-12-02T10:00:00Z', ombudsmanDetailsGiven: true });
  s.run(respond, '2026-12-10T10:00:00Z', aResponse(s.complaint));
  // Window: 2 months after Thu 10 Dec 2026 = Wed 10 Feb 2027; 6 months after 1 Sep 2026 = Mon 1 Mar 2027: the later.
  t.equal(s.deadline('escalation_window').dueDate, '2027-03-01');
  s.run(escalate, '2026-12-29T10:00:00Z', {});
  // Stage 2 ack: 3 wd from Tue 29 Dec: Wed 30 (1), Thu 31 (2), [Fri 1 Jan, Sat 2, Sun 3, Mon 4 Jan: 2 January
  // substitute], Tue 5 Jan (3). (England: Mon 4 Jan.)
  t.equal(s.deadline('stage_2_acknowledgement').dueDate, '2027-01-05');
  // Stage 2 response: 20 wd from 29 Dec: 30, 31 (2), 5-8 Jan (6), 11-15 (11), 18-22 (16), 25, 26, 27, Thu 28 Jan (20).
  t.equal(s.deadline('stage_2_response').dueDate, '2027-01-28');
});

// Code 2024 with a 17:00 receipt cut-off. Friday 4 June 2027 is in BST (UTC+1).
t.test('receipt after the cut-off, and on a Saturday', async (t) => {
  const policy = preset('code-2024', { counting: { receiptCutOff: '17:00' } });
  // 17:30 BST (16:30 UTC, before 17:00 in UTC!) is after the cut-off in London: day 0 is Mon 7 Jun.
  const late = new Story(policy).log({ receivedAt: '2027-06-04T16:30:00Z' });
  t.equal(late.complaint.receiptDate, '2027-06-07');
  // Ack: from Mon 7 Jun: 8, 9, 10, 11 (4), Mon 14 Jun (5).
  t.match(late.deadline('stage_1_acknowledgement'), { dueDate: '2027-06-14', countsFrom: { event: 'receipt', date: '2027-06-07' } });
  // 16:59 BST is before it: day 0 is Fri 4 Jun; 7-11 Jun → Fri 11 Jun.
  const early = new Story(policy).log({ receivedAt: '2027-06-04T16:59:00+01:00' });
  t.equal(early.complaint.receiptDate, '2027-06-04');
  t.equal(early.deadline('stage_1_acknowledgement').dueDate, '2027-06-11');
  // Saturday 5 June counts as received on Monday 7 June.
  const saturday = new Story(policy).log({ receivedAt: '2027-06-05T10:00:00+01:00' });
  t.equal(saturday.complaint.receiptDate, '2027-06-07');
  t.equal(saturday.deadline('stage_1_acknowledgement').dueDate, '2027-06-14');
  // An acknowledgement sent on Saturday 12 Jun counts from Monday 14: response 15-18 (4), 21-25 (9), Mon 28 Jun (10).
  saturday.acknowledge('2027-06-12T10:00:00+01:00');
  t.equal(saturday.deadline('stage_1_response').dueDate, '2027-06-28');
});
