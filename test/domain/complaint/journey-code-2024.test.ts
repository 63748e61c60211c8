import t from 'tap';
import {
  acknowledgeStage2,
  addRemedy,
  close,
  completeAction,
  completeRemedy,
  deadlineStatusAsOf,
  escalate,
  extend,
  respond,
} from '../../../src/domain/complaint/index.ts';
import { aResponse, errorOf, Story } from './builders.ts';

// Code 2024 preset, England and Wales. Received Wed 16 Dec 2026 16:00 (GMT = UTC), no cut-off: day 0 is 16 Dec.
t.test('Code 2024 across Christmas and New Year, through both stages', async (t) => {
  const s = new Story().log({ receivedAt: '2026-12-16T16:00:00Z' });
  t.equal(s.complaint.receiptDate, '2026-12-16');
  t.equal(s.complaint.status, 'received');

  // Stage 1 acknowledgement: 5 wd from receipt: Thu 17 (1), Fri 18 (2), Mon 21 (3), Tue 22 (4), Wed 23 (5).
  t.match(s.deadline('stage_1_acknowledgement'), { dueDate: '2026-12-23', countsFrom: { event: 'receipt', date: '2026-12-16' }, rule: 'stage1.acknowledge', status: 'pending' });
  t.notOk(s.has('stage_1_response'), 'the response clock waits for the acknowledgement it counts from');

  s.acknowledge('2026-12-22T10:00:00Z');
  t.match(s.deadline('stage_1_acknowledgement'), { status: 'met', metOn: '2026-12-22' });
  // Stage 1 response: 10 wd from the acknowledgement (Tue 22 Dec): Wed 23 (1), Thu 24 (2), Fri 25 Christmas,
  // Sat 26, Sun 27, Mon 28 Boxing Day (substitute), Tue 29 (3), Wed 30 (4), Thu 31 (5), Fri 1 Jan New Year,
  // Sat 2, Sun 3, Mon 4 (6), Tue 5 (7), Wed 6 (8), Thu 7 (9), Fri 8 Jan 2027 (10).
  t.match(s.deadline('stage_1_response'), { dueDate: '2027-01-08', originalDueDate: '2027-01-08', countsFrom: { event: 'stage_1_acknowledgement', date: '2026-12-22' } });

  // Extension decided Wed 6 Jan 2027 (before the 8th). Cap: 10 wd after the original due date Fri 8 Jan:
  // Mon 11 (1) … Fri 15 (5), Mon 18 (6) … Fri 22 Jan (10). 25 Jan is over the cap.
  const ext = { reason: 'Waiting for the contractor report', residentToldAt: '2027-01-06T12:00:00Z', ombudsmanDetailsGiven: true };
  t.match(errorOf(() => s.attempt(extend, '2027-01-06T12:00:00Z', { ...ext, newDueDate: '2027-01-25' })), { kind: 'conflict', code: 'extension_cap_exceeded' });
  s.run(extend, '2027-01-06T12:00:00Z', { ...ext, newDueDate: '2027-01-20' });
  t.match(s.deadline('stage_1_response'), { dueDate: '2027-01-20', originalDueDate: '2027-01-08', status: 'pending' });
  t.equal(deadlineStatusAsOf(s.deadline('stage_1_response'), '2027-01-11'), 'pending', 'not breached on 11 Jan: the extension moved it');

  // Response Tue 19 Jan 2027, with a repair remedy (due 5 Feb) and an action (due 29 Jan).
  s.run(respond, '2027-01-19T15:00:00Z', aResponse(s.complaint, {
    remedies: [{ type: 'repair_or_action', description: 'Replace the boiler', dueDate: '2027-02-05' }],
    outstandingActions: [{ description: 'Review contractor booking', owner: 'repairs-manager', dueDate: '2027-01-29' }],
  }));
  t.equal(s.complaint.status, 'stage_1_responded');
  t.match(s.deadline('stage_1_response'), { status: 'met', metOn: '2027-01-19' });
  t.match(s.deadline('remedy', 'r1'), { dueDate: '2027-02-05', countsFrom: { event: 'remedy_offered', date: '2027-01-19' }, status: 'pending' });
  t.match(s.deadline('action', 'a1'), { dueDate: '2027-01-29', status: 'pending' });
  t.notOk(s.has('escalation_window'), 'the Code sets no escalation window');

  // The action is done late (1 Feb), the remedy on time (4 Feb).
  s.run(completeAction, '2027-02-01T09:00:00Z', { id: 'a1' });
  t.match(s.deadline('action', 'a1'), { status: 'met_late', metOn: '2027-02-01' });

  // Escalation Mon 1 Feb 2027, no reason given (§6.12). Stage 2 acknowledgement: 5 wd from the request:
  // Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), Mon 8 Feb (5).
  s.run(escalate, '2027-02-01T10:00:00Z', {});
  t.equal(s.complaint.stage, 2);
  t.match(s.deadline('stage_2_acknowledgement'), { dueDate: '2027-02-08', countsFrom: { event: 'escalation_request', date: '2027-02-01' } });
  s.run(completeRemedy, '2027-02-04T09:00:00Z', { id: 'r1' });
  t.match(s.deadline('remedy', 'r1'), { status: 'met' });

  // Stage 2 acknowledged Thu 4 Feb by a different handler. Response: 20 wd from 4 Feb:
  // Fri 5 (1), 8-12 (6), 15-19 (11), 22-26 (16), Mon 1 Mar (17), 2 (18), 3 (19), Thu 4 Mar (20).
  s.run(acknowledgeStage2, '2027-02-04T11:00:00Z', { definition: 'Stage 2 review of the boiler repair', outcomesSought: ['Compensation'], handler: 'bob' });
  t.match(s.deadline('stage_2_response'), { dueDate: '2027-03-04', countsFrom: { event: 'stage_2_acknowledgement', date: '2027-02-04' } });
  t.equal(deadlineStatusAsOf(s.deadline('stage_2_response'), '2027-03-05'), 'breached', 'unmet the day after the due date');

  // Response on Fri 5 Mar: one working day late. £150 compensation offered.
  s.run(respond, '2027-03-05T09:00:00Z', aResponse(s.complaint, {
    remedies: [{ type: 'financial', description: 'Compensation for the missed repairs', compensationPence: 15000, dueDate: '2027-03-19' }],
  }));
  t.match(s.deadline('stage_2_response'), { status: 'met_late', metOn: '2027-03-05' });
  t.equal(deadlineStatusAsOf(s.deadline('stage_2_response'), '2027-03-10'), 'met_late');
  s.run(close, '2027-03-05T10:00:00Z', { reason: 'stage_2_response' });
  t.equal(s.complaint.status, 'closed');
  // The remedy outlives the closure (Code §7): still pending, then breached after 19 Mar.
  t.match(s.deadline('remedy', 'r2'), { status: 'pending', dueDate: '2027-03-19' });
  t.equal(deadlineStatusAsOf(s.deadline('remedy', 'r2'), '2027-03-22'), 'breached');
  s.run(completeRemedy, '2027-03-18T10:00:00Z', { id: 'r2' });
  t.match(s.deadline('remedy', 'r2'), { status: 'met' });

  t.same(s.events.map((e) => e.type), [
    'complaint.logged', 'complaint.acknowledged', 'complaint.extended', 'complaint.responded', 'complaint.action_completed',
    'complaint.escalated', 'complaint.remedy_completed', 'complaint.stage_2_acknowledged', 'complaint.responded',
    'complaint.closed', 'complaint.remedy_completed',
  ]);
  t.same(s.events.map((e) => e.version), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  t.equal(s.complaint.version, 11);
  t.equal(s.complaint.lastEventAt, '2027-03-18T10:00:00.000Z');
});

t.test('a remedy added after the response is tracked with its own due date', async (t) => {
  const s = new Story().log().acknowledge('2026-12-17T10:00:00Z');
  s.run(respond, '2026-12-23T10:00:00Z', aResponse(s.complaint));
  s.run(addRemedy, '2027-01-04T10:00:00Z', { type: 'apology', description: 'Written apology', dueDate: '2027-01-06' });
  t.match(s.deadline('remedy', 'r1'), { stage: 1, dueDate: '2027-01-06', status: 'pending' });
  t.equal(deadlineStatusAsOf(s.deadline('remedy', 'r1'), '2027-01-07'), 'breached');
});
