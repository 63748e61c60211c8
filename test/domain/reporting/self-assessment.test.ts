import t from 'tap';
import { financialYear, percentage, performanceReport, selfAssessment, summarise, tally } from '../../../src/domain/reporting/index.ts';
import { england } from '../complaint/builders.ts';
import { aStage, anExtension, someFacts } from './facts-builders.ts';

const fy = financialYear(2025);
const provision = (facts: Parameters<typeof selfAssessment>[0], id: string, asOf = '2026-04-20') => {
  const found = selfAssessment(facts, fy, england, asOf).provisions.find((p) => p.id === id);
  if (!found) throw new Error(`no provision ${id}`);
  return found;
};

t.test('acknowledgements: on time, late, missing past the due date, or stopped before it', async (t) => {
  // Received Mon 2 Jun 2025: due 5 working days later, Mon 9 Jun.
  const onTime = someFacts('2025-06-02', { stage1: aStage('2025-06-02', { acknowledgedOn: '2025-06-09' }) });
  const late = someFacts('2025-06-02', { stage1: aStage('2025-06-02', { acknowledgedOn: '2025-06-10' }) });
  const missing = someFacts('2025-06-02');
  const withdrawnInTime = someFacts('2025-06-02', { withdrawnOn: '2025-06-05' });
  const withdrawnAfter = someFacts('2025-06-02', { withdrawnOn: '2025-06-12' });
  const declined = someFacts('2025-06-02', { decline: { on: '2025-06-20', ground: 'already_considered', explained: true, ombudsmanRightGiven: true, discretionConsidered: false } });
  const facts = [onTime, late, missing, withdrawnInTime, withdrawnAfter, declined];
  const result = provision(facts, 'stage_1_acknowledged_in_time');
  t.match(result, { evidenced: 4, compliant: 1, ratePercentage: 25 });
  t.same(result.failingCases.map((c) => [c.reference, c.reason]), [
    [late.reference, 'acknowledged 2025-06-10, due 2025-06-09'],
    [missing.reference, 'no acknowledgement yet, due 2025-06-09'],
    [withdrawnAfter.reference, 'stopped on 2025-06-12 without acknowledgement, due 2025-06-09'],
  ]);
  t.same(
    provision([...facts].reverse(), 'stage_1_acknowledged_in_time').failingCases.map((c) => c.reference),
    result.failingCases.map((c) => c.reference),
    'listed by reference, whatever order the facts came in',
  );
  t.match(provision([missing], 'stage_1_acknowledged_in_time', '2025-06-09'), { evidenced: 0, ratePercentage: null }, 'not yet failing on its due date');
});

t.test('responses, extensions, handlers, completeness, declines and refusals', async (t) => {
  // Acknowledged Fri 2 May 2025: response due Mon 19 May; the Code's extension cap ends 3 Jun.
  const ack = { acknowledgedOn: '2025-05-02', handler: 'alice' };
  const inExtension = someFacts('2025-05-01', { stage1: aStage('2025-05-01', { ...ack, respondedOn: '2025-05-28', responseComplete: true, extensions: [anExtension('2025-05-16', '2025-05-19', '2025-06-02')] }) });
  const beyondCap = someFacts('2025-05-01', { stage1: aStage('2025-05-01', { ...ack, respondedOn: '2025-06-09', responseComplete: true, extensions: [anExtension('2025-05-16', '2025-05-19', '2025-06-10')] }) });
  const unanswered = someFacts('2025-05-01', { stage1: aStage('2025-05-01', { ...ack, extensions: [anExtension('2025-05-16', '2025-05-19', '2025-06-02')] }) });
  const sameHandler = someFacts('2025-05-01', {
    stage1: aStage('2025-05-01', { ...ack, respondedOn: '2025-05-12', responseComplete: false }),
    stage2: aStage('2025-05-20', { acknowledgedOn: '2025-05-21', handler: ' Alice ' }),
  });
  const ageDecline = someFacts('2025-05-01', { decline: { on: '2025-05-02', ground: 'older_than_age_limit', explained: true, ombudsmanRightGiven: true, discretionConsidered: false } });
  const refusal = someFacts('2025-05-01', {
    stage2: aStage('2025-06-02'),
    escalationRefusal: { on: '2025-06-03', ground: 'resident_refused_to_engage', explained: true, ombudsmanRightGiven: true },
  });
  const facts = [inExtension, beyondCap, unanswered, sameHandler, ageDecline, refusal];

  const responded = provision(facts, 'stage_1_responded_in_time');
  t.match(responded, { evidenced: 4, compliant: 2 });
  t.same(responded.failingCases.map((c) => c.reference), [beyondCap.reference, unanswered.reference]);
  t.match(responded.failingCases[1]!.reason, 'no response yet, due 2025-06-02', 'an unanswered complaint fails from the end of its agreed extension');
  const extensions = provision(facts, 'extension_rules_kept');
  t.match(extensions, { evidenced: 3, compliant: 2 });
  t.match(extensions.failingCases[0]!.reason, /stage 1: extension to 2025-06-10 is beyond the Code's 10 working days/);
  t.match(provision(facts, 'different_stage_2_handler'), { evidenced: 1, compliant: 0, failingCases: [{ reference: sameHandler.reference }] });
  t.match(provision(facts, 'stage_2_acknowledged_in_time'), { evidenced: 1, compliant: 1 }, 'a refused escalation is not an acknowledgement to time');
  t.match(provision(facts, 'responses_complete'), { evidenced: 3, compliant: 2, failingCases: [{ reference: sameHandler.reference, reason: 'incomplete stage 1 response' }] });
  t.match(provision(facts, 'declines_explained'), { evidenced: 1, compliant: 0, failingCases: [{ reason: 'declined (older_than_age_limit): discretion not considered' }] });
  t.match(provision(facts, 'escalation_refusals_explained'), { evidenced: 1, compliant: 1, ratePercentage: 100 });
});

t.test('summaries, shares and tallies', async (t) => {
  t.same(summarise([]), { count: 0, mean: null, median: null, p90: null });
  t.same(summarise([10, 1, 2, 3, 4, 5, 6, 7, 8, 9]), { count: 10, mean: 5.5, median: 5.5, p90: 9 });
  t.same(summarise([3]), { count: 1, mean: 3, median: 3, p90: 3 });
  t.equal(percentage(2, 3), 66.7);
  t.equal(percentage(0, 0), null);
  t.same(tally(['b', 'a', 'b', 'c']), [{ value: 'b', count: 2 }, { value: 'a', count: 1 }, { value: 'c', count: 1 }]);
});

t.test('performance: working days on the landlord calendar, closure days included', async (t) => {
  // Received Fri 19 Dec 2025; acknowledged Fri 2 Jan 2026. England and Wales: 22, 23, 24,
  // 29, 30, 31 Dec and 2 Jan are working days (7); with the landlord closed 29-31 Dec, 4.
  const facts = [someFacts('2025-12-19', { stage1: aStage('2025-12-19', { acknowledgedOn: '2026-01-02' }) })];
  const period = { from: '2025-12-01', to: '2025-12-31' };
  t.equal(performanceReport(facts, period, england).workingDays.stage1.acknowledge.median, 7);
  const closed = england.withClosureDays(['2025-12-29', '2025-12-30', '2025-12-31']);
  t.equal(performanceReport(facts, period, closed).workingDays.stage1.acknowledge.median, 4);
  t.equal(performanceReport(facts, { from: '2026-01-01', to: '2026-01-31' }, england).volumes.received, 0, 'a complaint received outside the period is not in it');
});

t.test('a frontline stage answered with no acknowledgement: the answer stands for the acknowledgement, and the response is judged from its due date', async (t) => {
  // Received Mon 2 Jun 2025: the acknowledgement was due Mon 9 Jun; the response 10 working days later, Mon 23 Jun.
  const answeredAtOnce = someFacts('2025-06-02', { stage1: aStage('2025-06-02', { respondedOn: '2025-06-04' }) });
  const answeredLate = someFacts('2025-06-02', { stage1: aStage('2025-06-02', { respondedOn: '2025-06-24' }) });
  const ack = provision([answeredAtOnce, answeredLate], 'stage_1_acknowledged_in_time');
  t.match(ack, { evidenced: 2, compliant: 1 });
  t.same(ack.failingCases.map((c) => c.reason), ['answered 2025-06-24 with no acknowledgement, which was due 2025-06-09']);
  const response = provision([answeredAtOnce, answeredLate], 'stage_1_responded_in_time');
  t.match(response, { evidenced: 2, compliant: 1 });
  t.match(response.failingCases[0]!.reason, /^sent 2025-06-24, due 2025-06-23 \(no acknowledgement: counted from 2025-06-09/);
});
