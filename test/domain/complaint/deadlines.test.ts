import t from 'tap';
import { deadlinesOf, deadlineStatusAsOf, respond, withdraw, type Deadline } from '../../../src/domain/complaint/index.ts';
import { aResponse, england, preset, Story } from './builders.ts';

t.test('deadlineStatusAsOf: breached is a function of the date asked about', async (t) => {
  const d = (status: Deadline['status'], owner: Deadline['owner'] = 'landlord') => ({ dueDate: '2027-01-08', status, owner });
  const cases: [Deadline['status'], Deadline['owner'], string, string][] = [
    ['pending', 'landlord', '2027-01-07', 'pending'],
    ['pending', 'landlord', '2027-01-08', 'pending'],
    ['pending', 'landlord', '2027-01-09', 'breached'],
    ['pending', 'resident', '2027-01-09', 'expired'],
    ['missed', 'landlord', '2027-01-08', 'pending'],
    ['missed', 'landlord', '2027-01-11', 'breached'],
    ['met', 'landlord', '2027-02-01', 'met'],
    ['met_late', 'landlord', '2027-01-01', 'met_late'],
    ['cancelled', 'landlord', '2027-02-01', 'cancelled'],
  ];
  for (const [status, owner, asOf, expected] of cases) t.equal(deadlineStatusAsOf(d(status, owner), asOf), expected, `${status}/${owner} as of ${asOf}`);
});

t.test('met means the London date of the action is on or before the due date', async (t) => {
  // Code 2024, received Wed 16 Dec 2026, acknowledged Thu 17 Dec: response 10 wd from 17 Dec:
  // 18 (1), 21-24 (5), [25, 26-27, 28], 29-31 (8), [1 Jan, 2-3], Mon 4 (9), Tue 5 Jan 2027 (10).
  const acked = () => new Story().log().acknowledge('2026-12-17T10:00:00Z');
  t.equal(acked().deadline('stage_1_response').dueDate, '2027-01-05');
  const s = acked();
  s.run(respond, '2027-01-05T23:59:00Z', aResponse(s.complaint));
  t.match(s.deadline('stage_1_response'), { status: 'met', metOn: '2027-01-05' });
  const summer = new Story(preset('seed-001-lhp')).log({ receivedAt: '2027-06-07T10:00:00+01:00' }).acknowledge('2027-06-08T10:00:00+01:00');
  // LHP response due Mon 21 Jun 2027. 23:30 UTC on the 21st is 00:30 BST on the 22nd: late.
  summer.run(respond, '2027-06-21T23:30:00Z', aResponse(summer.complaint));
  t.match(summer.deadline('stage_1_response'), { dueDate: '2027-06-21', status: 'met_late', metOn: '2027-06-22' });
});

t.test('ending a complaint cancels the clocks still in time and keeps the misses', async (t) => {
  const inTime = new Story().log().acknowledge('2026-12-17T10:00:00Z').run(withdraw, '2027-01-04T10:00:00Z', {});
  t.match(inTime.deadline('stage_1_response'), { status: 'cancelled' });
  t.equal(deadlineStatusAsOf(inTime.deadline('stage_1_response'), '2027-06-01'), 'cancelled');
  const tooLate = new Story().log().acknowledge('2026-12-17T10:00:00Z').run(withdraw, '2027-01-11T10:00:00Z', {});
  t.match(tooLate.deadline('stage_1_response'), { status: 'missed' });
  t.equal(deadlineStatusAsOf(tooLate.deadline('stage_1_response'), '2027-06-01'), 'breached', 'withdrawal does not erase a breach');
  t.match(tooLate.deadline('stage_1_acknowledgement'), { status: 'met' });
});

t.test('deadlines are derived from state, every time', async (t) => {
  const s = new Story().log().acknowledge('2026-12-17T10:00:00Z');
  t.same(deadlinesOf(s.complaint, s.policy, england), deadlinesOf(structuredClone(s.complaint), s.policy, england));
  t.same(s.deadlines.map((d) => d.kind), ['stage_1_acknowledgement', 'stage_1_response']);
  // The same complaint under a policy with other timescales has other dates: nothing was stored. LHP counts
  // 10 wd from receipt Wed 16 Dec 2026: 17, 18 (2), 21-24 (6), [25, 26-27, 28], 29, 30, 31 (9), [1 Jan, 2-3], Mon 4 Jan (10).
  t.equal(deadlinesOf(s.complaint, preset('seed-001-lhp'), england).find((d) => d.kind === 'stage_1_response')?.dueDate, '2027-01-04');
});

t.test('dates beyond the announced bank holidays are provisional', async (t) => {
  // Announced data ends 31 Dec 2028. Received Thu 14 Dec 2028: ack 15 (1), 18-21 (5) → Thu 21 Dec: announced.
  const s = new Story().log({ receivedAt: '2028-12-14T10:00:00Z' });
  t.match(s.deadline('stage_1_acknowledgement'), { dueDate: '2028-12-21', provisional: false });
  // Acknowledged 21 Dec: 22 (1), [23-24 weekend, 25 Christmas, 26 Boxing Day], 27, 28, 29 (4), [30-31, Mon 1 Jan 2029
  // New Year's Day, projected], 2-5 (8), [6-7], 8, Tue 9 Jan 2029 (10): provisional.
  s.acknowledge('2028-12-21T10:00:00Z');
  t.match(s.deadline('stage_1_response'), { dueDate: '2029-01-09', provisional: true });
});
