import t from 'tap';
import { escalate, respond, withdraw } from '../../../src/domain/complaint/index.ts';
import { ch01Cases, ch02Cases, factsOf, financialYear, tsmReport } from '../../../src/domain/reporting/index.ts';
import { aResponse, england, Story } from '../complaint/builders.ts';
import { aStage, anExtension, someFacts } from './facts-builders.ts';

// CH01 and CH02 as pure functions over hand-built facts, on the England and Wales calendar
// (bank holidays 18, 21 April, 5 and 26 May 2025). Year 2025 is 1 April 2025 - 31 March 2026.
const fy = financialYear(2025);
const counted = (cases: { counted: boolean }[]) => cases.filter((c) => c.counted).length;

t.test('the financial year runs from 1 April to 31 March', async (t) => {
  t.same(financialYear(2025), { year: 2025, from: '2025-04-01', to: '2026-03-31', label: '2025/26' });
  t.equal(financialYear(1999).label, '1999/00');
});

t.test('CH01: received in the year by London date; declined left out; withdrawn counted; stage 2 only when escalated', async (t) => {
  const lastDay = someFacts('2025-03-31', { stage1: aStage('2025-03-31', { acknowledgedOn: '2025-04-02', respondedOn: '2025-04-15' }) });
  const declined = someFacts('2025-06-16', { decline: { on: '2025-06-18', ground: 'legal_proceedings', explained: true, ombudsmanRightGiven: true, discretionConsidered: false } });
  const withdrawn = someFacts('2025-06-10', { withdrawnOn: '2025-06-12' });
  const answered = someFacts('2025-07-02', { stage1: aStage('2025-07-02', { acknowledgedOn: '2025-07-04', respondedOn: '2025-07-22' }) });
  const escalated = someFacts('2025-05-01', { stage2: aStage('2025-06-02') });
  const refused = someFacts('2025-05-06', {
    stage2: aStage('2025-07-01'),
    escalationRefusal: { on: '2025-07-03', ground: 'new_matters_need_new_complaint', explained: true, ombudsmanRightGiven: true },
  });
  const facts = [lastDay, declined, withdrawn, answered, escalated, refused];

  const stage1 = ch01Cases(facts, fy, 1);
  t.same(stage1.map((c) => [c.reference, c.counted]), [
    [declined.reference, false],
    [withdrawn.reference, true],
    [answered.reference, true],
    [escalated.reference, true],
    [refused.reference, true],
  ], 'the 31 March 2025 complaint belongs to 2024/25');
  t.equal(counted(ch01Cases(facts, financialYear(2024), 1)), 1, 'counted in 2024/25 instead');
  const stage2 = ch01Cases(facts, fy, 2);
  t.same(stage2.map((c) => [c.reference, c.counted]), [[escalated.reference, true], [refused.reference, false]]);
  t.match(stage2[1]!.reason, /refused on 2025-07-03 \(new_matters_need_new_complaint\): not accepted at stage 2/);

  // 4 stage 1 and 1 stage 2 complaints of 1,500 homes: 2.67 and 0.67 per 1,000.
  const report = tsmReport(facts, { year: fy, homes: 1500, extensionCountsAsOnTime: true, policyVersion: 3, calendar: england });
  t.match(report.ch01, { homes: 1500, stage1: { received: 4, leftOut: 1, per1000Homes: 2.67 }, stage2: { received: 1, leftOut: 1, per1000Homes: 0.67 } });
  const noHomes = tsmReport(facts, { year: fy, homes: null, extensionCountsAsOnTime: true, policyVersion: 3, calendar: england });
  t.match(noHomes.ch01, { homes: null, stage1: { received: 4, per1000Homes: null } });
  t.match(noHomes.ch01.homesNote, /No homes figure is set for financial year 2025\/26/);
});

t.test('CH02: a response inside an extension, counted per the policy setting both ways', async (t) => {
  // Acknowledged Fri 2 May: due 10 working days later on Mon 19 May (5 May is a bank
  // holiday). Extended on 16 May to Mon 2 Jun (the Code's cap is 3 Jun); answered 28 May.
  const facts = someFacts('2025-05-01', {
    stage1: aStage('2025-05-01', { acknowledgedOn: '2025-05-02', respondedOn: '2025-05-28', extensions: [anExtension('2025-05-16', '2025-05-19', '2025-06-02')] }),
  });
  const [withExtensions] = ch02Cases([facts], fy, 1, england, true);
  t.match(withExtensions, { counted: true, withinTimescale: true, dueDate: '2025-05-19', date: '2025-05-28' });
  t.equal(withExtensions!.reason, 'sent 2025-05-28, after 2025-05-19 but within the agreed extension to 2025-06-02');
  const [without] = ch02Cases([facts], fy, 1, england, false);
  t.match(without, { counted: true, withinTimescale: false });
  t.match(without!.reason, /the policy does not count extensions for CH02/);

  const report = (ext: boolean) => tsmReport([facts], { year: fy, homes: null, extensionCountsAsOnTime: ext, policyVersion: 1, calendar: england }).ch02;
  t.match(report(true), { stage1: { responses: 1, withinTimescale: 1, percentage: 100 } });
  t.match(report(false), { stage1: { responses: 1, withinTimescale: 0, percentage: 0 } });
});

t.test("CH02: extensions that broke the Code's rules do not save a late response", async (t) => {
  const stage = (extension: ReturnType<typeof anExtension>, respondedOn: string) =>
    someFacts('2025-05-01', { stage1: aStage('2025-05-01', { acknowledgedOn: '2025-05-02', respondedOn, extensions: [extension] }) });
  // Beyond the Code's 10 working days after 19 May (3 Jun), as a looser policy would allow.
  const [beyondCap] = ch02Cases([stage(anExtension('2025-05-16', '2025-05-19', '2025-06-10'), '2025-06-09')], fy, 1, england, true);
  t.match(beyondCap, { withinTimescale: false });
  t.match(beyondCap!.reason, /beyond the Code's 10 working days \(2025-06-03\) without a good reason/);
  // The same with a recorded good reason is allowed by §6.4.
  const [goodReason] = ch02Cases([stage(anExtension('2025-05-16', '2025-05-19', '2025-06-10', 'a structural survey'), '2025-06-09')], fy, 1, england, true);
  t.match(goodReason, { withinTimescale: true });
  // Agreed on 20 May, after the Code's due date of 19 May.
  const [lateAgreement] = ch02Cases([stage(anExtension('2025-05-20', '2025-05-19', '2025-05-30'), '2025-05-29')], fy, 1, england, true);
  t.match(lateAgreement, { withinTimescale: false });
  t.match(lateAgreement!.reason, /agreed or told on 2025-05-20, after the due date 2025-05-19/);
});

t.test('CH02: responses counted by the date sent; cases without one are left out with the reason', async (t) => {
  // Received 31 March 2025, acknowledged 2 April, due 16 April, sent 15 April: 2025/26.
  const lastDay = someFacts('2025-03-31', { stage1: aStage('2025-03-31', { acknowledgedOn: '2025-04-02', respondedOn: '2025-04-15' }) });
  const afterYear = someFacts('2026-03-31', { stage1: aStage('2026-03-31', { acknowledgedOn: '2026-04-01', respondedOn: '2026-04-09' }) });
  const pending = someFacts('2026-03-02', { stage1: aStage('2026-03-02', { acknowledgedOn: '2026-03-03' }) });
  const closed = someFacts('2026-01-05', { closedOn: '2026-01-06' });
  const stage2 = someFacts('2025-04-01', {
    stage1: aStage('2025-04-01', { acknowledgedOn: '2025-04-01', respondedOn: '2025-04-10' }),
    // Stage 2 acknowledged Wed 4 Jun 2025: due 20 working days later, Wed 2 Jul; sent 3 Jul.
    stage2: aStage('2025-06-02', { acknowledgedOn: '2025-06-04', respondedOn: '2025-07-03' }),
  });
  const facts = [lastDay, afterYear, pending, closed, stage2];
  t.same(ch02Cases(facts, fy, 1, england, true).map((c) => [c.reference, c.counted, c.withinTimescale, c.reason]), [
    [lastDay.reference, true, true, 'sent 2025-04-15, due 2025-04-16'],
    [afterYear.reference, false, null, 'response sent 2026-04-09, after the year: counted in that year'],
    [pending.reference, false, null, 'no response sent yet'],
    [closed.reference, false, null, 'closed on 2026-01-06 without a stage 1 response'],
    [stage2.reference, true, true, 'sent 2025-04-10, due 2025-04-15'],
  ]);
  t.same(ch02Cases(facts, fy, 2, england, true).map((c) => [c.reference, c.withinTimescale, c.reason]), [[stage2.reference, false, 'sent 2025-07-03, due 2025-07-02']]);
});

t.test('facts from the aggregate: what the service records is what the reports read', async (t) => {
  const story = new Story()
    .log({ receivedAt: '2026-03-31T22:30:00Z', matters: ['Repair', 'Manners'] })
    .acknowledge('2026-04-01T09:00:00Z');
  // 22:30 UTC on 31 March is 23:30 BST: the London date of receipt is 31 March.
  const received = factsOf(story.complaint);
  t.match(received, { receivedOn: '2026-03-31', stage1: { startedOn: '2026-03-31', acknowledgedOn: '2026-04-01', handler: 'alice' }, stage2: null });
  const decisions = story.complaint.matters.map((m, i) => ({ matterId: m.id, outcome: i === 0 ? ('upheld' as const) : ('not_upheld' as const), reasons: 'Why' }));
  story.run(respond, '2026-04-09T09:00:00Z', aResponse(story.complaint, { decisions })).run(escalate, '2026-04-13T09:00:00Z', {}).run(withdraw, '2026-04-14T09:00:00Z', {});
  t.match(factsOf(story.complaint), {
    stage1: { respondedOn: '2026-04-09', outcome: 'partly_upheld', responseComplete: true },
    stage2: { startedOn: '2026-04-13', acknowledgedOn: null },
    withdrawnOn: '2026-04-14',
  });
});

t.test('CH02: a frontline stage answered with no acknowledgement is counted from the day the acknowledgement was due', async (t) => {
  // Escalated Thu 1 May 2025: the Code's acknowledgement was due Fri 9 May (5 May is a bank
  // holiday); 20 working days from then is Mon 9 Jun (26 May is a bank holiday).
  const stage2 = (respondedOn: string) => someFacts('2025-04-01', { stage2: aStage('2025-05-01', { respondedOn }) });
  const [onTime, late] = ch02Cases([stage2('2025-06-09'), stage2('2025-06-10')], fy, 2, england, true);
  t.match(onTime, { counted: true, withinTimescale: true, dueDate: '2025-06-09' });
  t.equal(onTime!.reason, "sent 2025-06-09, due 2025-06-09 (no acknowledgement: counted from 2025-05-09, the day the Code's acknowledgement was due)");
  t.match(late, { counted: true, withinTimescale: false, dueDate: '2025-06-09' });
  const unanswered = someFacts('2025-04-01', { stage2: aStage('2025-05-01') });
  t.match(ch02Cases([unanswered], fy, 2, england, true)[0], { counted: false });
});
