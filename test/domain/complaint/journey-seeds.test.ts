import t from 'tap';
import {
  acknowledgeStage2,
  close,
  decline,
  deadlineStatusAsOf,
  escalate,
  extend,
  recordOmbudsman,
  respond,
} from '../../../src/domain/complaint/index.ts';
import { aResponse, preset, Story } from './builders.ts';

const told = (at: string) => ({ reason: 'Survey needed', residentToldAt: at, ombudsmanDetailsGiven: true });

// Lumen: acknowledge 5 wd from receipt, respond 10 wd from acknowledgement, escalation and auto-close windows
// 25 wd after the stage 1 response, decline letter 10 wd.
t.test('seed 000 (Lumen): windows after the stage 1 response', async (t) => {
  const s = new Story(preset('seed-000-lumen')).log({ receivedAt: '2027-02-01T11:00:00Z' });
  // Ack: from Mon 1 Feb 2027: 2, 3, 4, 5 (4), Mon 8 Feb (5).
  t.equal(s.deadline('stage_1_acknowledgement').dueDate, '2027-02-08');
  s.acknowledge('2027-02-03T10:00:00Z');
  // Response: 10 wd from Wed 3 Feb: 4, 5 (2), 8-12 (7), 15, 16, Wed 17 Feb (10).
  t.equal(s.deadline('stage_1_response').dueDate, '2027-02-17');
  s.run(respond, '2027-02-16T10:00:00Z', aResponse(s.complaint));
  // Windows: 25 wd from Tue 16 Feb: 17-19 (3), 22-26 (8), 1-5 Mar (13), 8-12 (18), 15-19 (23), 22 (24), Tue 23 Mar (25).
  t.match(s.deadline('escalation_window'), { dueDate: '2027-03-23', owner: 'resident', rule: 'escalationWindow' });
  t.match(s.deadline('auto_close'), { dueDate: '2027-03-23', owner: 'resident' });
  t.equal(deadlineStatusAsOf(s.deadline('auto_close'), '2027-03-24'), 'expired', "a resident's window runs out; it is no landlord breach");
  s.run(close, '2027-03-24T09:00:00Z', { reason: 'auto_close' });
  t.match(s.deadline('auto_close'), { status: 'missed' });
  t.equal(deadlineStatusAsOf(s.deadline('escalation_window'), '2027-03-24'), 'expired');
});

t.test('seed 000 (Lumen): the decline letter is a deadline; the acknowledgement clock is cancelled by the decline', async (t) => {
  const s = new Story(preset('seed-000-lumen')).log({ receivedAt: '2027-02-01T11:00:00Z' });
  // Decline letter: 10 wd from receipt Mon 1 Feb: 2-5 (4), 8-12 (9), Mon 15 Feb (10). Declined Fri 12 Feb.
  s.run(decline, '2027-02-12T10:00:00Z', { ground: 'anti_social_behaviour', explanation: 'An ASB report, passed to the ASB team', ombudsmanRightGiven: true });
  t.match(s.deadline('decline_letter'), { dueDate: '2027-02-15', countsFrom: { event: 'decline_request', date: '2027-02-01' }, status: 'met', rule: 'declineLetter' });
  t.match(s.deadline('stage_1_acknowledgement'), { dueDate: '2027-02-08', status: 'cancelled' });
});

// LHP: respond 10 wd from RECEIPT (not from acknowledgement); no stage 2 acknowledgement step clock;
// stage 2 response 20 wd from the request, extension cap 10 wd; Ombudsman evidence 15 wd.
t.test('seed 001 (LHP): stage 1 counts from receipt, stage 2 from the request', async (t) => {
  const s = new Story(preset('seed-001-lhp')).log({ receivedAt: '2027-06-07T10:00:00+01:00' });
  // Ack: from Mon 7 Jun 2027: 8, 9, 10, 11 (4), Mon 14 Jun (5).
  t.equal(s.deadline('stage_1_acknowledgement').dueDate, '2027-06-14');
  // Response: 10 wd from receipt: 8-11 (4), 14-18 (9), Mon 21 Jun (10). Known before any acknowledgement.
  t.match(s.deadline('stage_1_response'), { dueDate: '2027-06-21', countsFrom: { event: 'receipt', date: '2027-06-07' } });
  s.acknowledge('2027-06-15T10:00:00+01:00');
  t.match(s.deadline('stage_1_acknowledgement'), { status: 'met_late' });
  t.equal(s.deadline('stage_1_response').dueDate, '2027-06-21', 'a late acknowledgement does not move the response date');
  s.run(respond, '2027-06-18T10:00:00+01:00', aResponse(s.complaint));
  s.run(escalate, '2027-07-05T10:00:00+01:00', {});
  t.notOk(s.has('stage_2_acknowledgement'), 'LHP sets no stage 2 acknowledgement time');
  // Stage 2: 20 wd from Mon 5 Jul: 6-9 (4), 12-16 (9), 19-23 (14), 26-30 (19), Mon 2 Aug (20).
  t.match(s.deadline('stage_2_response'), { dueDate: '2027-08-02', countsFrom: { event: 'escalation_request' } });
  s.run(acknowledgeStage2, '2027-07-06T10:00:00+01:00', { definition: 'Review', outcomesSought: ['Repair'], handler: 'bob' });
  t.equal(s.deadline('stage_2_response').dueDate, '2027-08-02', 'the acknowledgement does not restart it');
  // Cap 10 wd after 2 Aug: 3-6 (4), 9-13 (9), Mon 16 Aug (10).
  s.run(extend, '2027-07-30T10:00:00+01:00', { ...told('2027-07-30T10:00:00+01:00'), newDueDate: '2027-08-16' });
  t.match(s.deadline('stage_2_response'), { dueDate: '2027-08-16', originalDueDate: '2027-08-02' });
  s.run(respond, '2027-08-13T10:00:00+01:00', aResponse(s.complaint));
  // Ombudsman evidence: 15 wd from Mon 4 Oct: 5-8 (4), 11-15 (9), 18-22 (14), Mon 25 Oct (15).
  s.run(recordOmbudsman, '2027-10-04T10:00:00+01:00', { kind: 'evidence_request', description: 'Repair records' });
  t.match(s.deadline('ombudsman_evidence', 'e1'), { dueDate: '2027-10-25', rule: 'ombudsmanEvidence' });
  s.run(recordOmbudsman, '2027-10-20T10:00:00+01:00', { kind: 'evidence_provided', requestId: 'e1' });
  t.match(s.deadline('ombudsman_evidence', 'e1'), { status: 'met' });
});

// Seed 003: respond 10 wd from LOGGING; escalation window 10 wd after the stage 1 decision; stage 2 response
// 20 wd from the escalation's logging.
t.test('seed 003 (housing trust): clocks from logging', async (t) => {
  const s = new Story(preset('seed-003-housing-trust')).log({ receivedAt: '2027-03-05T15:00:00Z', channel: 'letter' }, '2027-03-09T09:00:00Z');
  // Ack: 5 wd from receipt Fri 5 Mar: 8-12 → Fri 12 Mar.
  t.equal(s.deadline('stage_1_acknowledgement').dueDate, '2027-03-12');
  // Response: 10 wd from logging Tue 9 Mar: 10-12 (3), 15-19 (8), 22, Tue 23 Mar (10). (From receipt it would be 19 Mar.)
  t.match(s.deadline('stage_1_response'), { dueDate: '2027-03-23', countsFrom: { event: 'logging', date: '2027-03-09' } });
  s.acknowledge('2027-03-10T10:00:00Z');
  s.run(respond, '2027-03-22T10:00:00Z', aResponse(s.complaint));
  // Window: 10 wd from Mon 22 Mar: 23-25 (3), [26 Good Friday, 27-28, 29 Easter Monday], 30, 31 (5), 1, 2 Apr (7), 5, 6, Wed 7 Apr (10).
  t.equal(s.deadline('escalation_window').dueDate, '2027-04-07');
  // Requested Tue 6 Apr 18:00 BST, logged Thu 8 Apr.
  s.run(escalate, '2027-04-06T18:00:00+01:00', { loggedAt: '2027-04-08T09:00:00+01:00' }, '2027-04-08T09:00:00+01:00');
  t.match(s.deadline('escalation_window'), { status: 'met' });
  // Stage 2 ack: 5 wd from the request Tue 6 Apr: 7, 8, 9 (3), 12, Tue 13 Apr (5).
  t.equal(s.deadline('stage_2_acknowledgement').dueDate, '2027-04-13');
  // Stage 2 response: 20 wd from logging Thu 8 Apr: 9 (1), 12-16 (6), 19-23 (11), 26-30 (16), [3 May early May], 4-7 May (20).
  t.match(s.deadline('stage_2_response'), { dueDate: '2027-05-07', countsFrom: { event: 'escalation_logging', date: '2027-04-08' } });
});

// Lets for Life: respond 10 wd from receipt, no extension cap.
t.test('seed 004 (Lets for Life): summer bank holiday, uncapped extension', async (t) => {
  const s = new Story(preset('seed-004-lets-for-life')).log({ receivedAt: '2027-08-19T12:00:00+01:00' });
  // Ack: from Thu 19 Aug 2027: 20 (1), 23-26 (5) → Thu 26 Aug.
  t.equal(s.deadline('stage_1_acknowledgement').dueDate, '2027-08-26');
  // Response: 20 (1), 23-27 (6), [30 Aug summer bank holiday], 31 (7), 1-3 Sep (10) → Fri 3 Sep.
  t.equal(s.deadline('stage_1_response').dueDate, '2027-09-03');
  s.acknowledge('2027-08-20T10:00:00+01:00');
  s.run(extend, '2027-09-01T10:00:00+01:00', { ...told('2027-09-01T10:00:00+01:00'), newDueDate: '2027-10-29' });
  t.match(s.deadline('stage_1_response'), { dueDate: '2027-10-29', originalDueDate: '2027-09-03' });
  t.equal(s.complaint.extensions[0]?.goodReason, null, 'no good reason needed without a cap');
});
