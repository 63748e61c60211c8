import t from 'tap';
import { deadlineStatusAsOf, recordHazardStep, reportHazard, withdraw } from '../../../src/domain/complaint/index.ts';
import { hazardDeadlines } from '../../../src/domain/hazards/hazard-clocks.ts';
import { newHazard } from '../../../src/domain/hazards/hazard-steps.ts';
import { england, errorOf, preset, scotland, Story } from '../complaint/builders.ts';

// Awaab's Law clocks on the real England and Wales calendar. Expected dates are counted by
// hand in the comments: the day of awareness is not counted; weekends and bank holidays
// are skipped for working days; hours are elapsed hours through everything.

const hazardStory = (kind: 'emergency' | 'damp_and_mould', awareAt: string, loggedAt = awareAt) =>
  new Story().log({ receivedAt: loggedAt, hazard: { kind, description: 'Black mould in the bedroom', awareAt } });

t.test('an emergency: investigate and make safe within 24 elapsed hours, through a weekend and bank holiday', async (t) => {
  // Christmas Eve 2026 18:00 GMT → Christmas Day 18:00: a bank holiday is clock hours like any other.
  const s = hazardStory('emergency', '2026-12-24T18:00:00Z');
  t.equal(s.deadline('hazard_investigation').dueAt, '2026-12-25T18:00:00.000Z');
  t.equal(s.deadline('hazard_emergency_action').dueAt, '2026-12-25T18:00:00.000Z');
  t.equal(s.deadline('hazard_emergency_action').dueDate, '2026-12-25', 'dueDate is the London date of dueAt');
  t.equal(s.deadline('hazard_emergency_action').rule, 'awaabsLaw.emergencyAction');
  s.run(recordHazardStep, '2026-12-25T17:59:00Z', { hazardId: 'h1', step: 'made_safe' as const });
  t.equal(s.deadline('hazard_emergency_action').status, 'met', 'a minute inside the 24 hours');
  t.equal(s.deadline('hazard_investigation').status, 'pending');
  t.equal(deadlineStatusAsOf(s.deadline('hazard_investigation'), '2026-12-25', '2026-12-25T18:00:00Z'), 'pending', 'not late at the very instant it falls due');
  t.equal(deadlineStatusAsOf(s.deadline('hazard_investigation'), '2026-12-25', '2026-12-25T18:00:01Z'), 'breached', 'late a second after');
  t.equal(deadlineStatusAsOf(s.deadline('hazard_investigation'), '2026-12-25'), 'breached', 'as of the due day with no time: its end');
  t.equal(deadlineStatusAsOf(s.deadline('hazard_investigation'), '2026-12-24'), 'pending');
});

t.test('across the October clock change, 24 hours are 24 elapsed hours (23 on the wall clock)', async (t) => {
  // Saturday 24 Oct 2026 12:00 BST (11:00Z); the clocks go back at 02:00 BST on Sunday 25th.
  const s = hazardStory('emergency', '2026-10-24T12:00:00+01:00');
  const action = s.deadline('hazard_emergency_action');
  t.equal(action.dueAt, '2026-10-25T11:00:00.000Z', 'Sunday 11:00 GMT, not 12:00 (25 elapsed hours)');
  s.run(recordHazardStep, '2026-10-25T11:30:00Z', { hazardId: 'h1', step: 'made_safe' as const });
  t.equal(s.deadline('hazard_emergency_action').status, 'met_late', 'made safe at 11:30 GMT, within 24 wall-clock hours but after 24 real ones');
});

t.test('across the March clock change, 24 elapsed hours end an hour later on the wall clock', async (t) => {
  // Saturday 27 Mar 2027 12:00 GMT; the clocks go forward at 01:00 GMT on Sunday 28th.
  const s = hazardStory('emergency', '2027-03-27T12:00:00Z');
  t.equal(s.deadline('hazard_investigation').dueAt, '2027-03-28T12:00:00.000Z', 'Sunday 13:00 BST');
  s.run(recordHazardStep, '2027-03-28T12:30:00+01:00', { hazardId: 'h1', step: 'investigated' as const, finding: 'emergency' as const });
  t.equal(s.deadline('hazard_investigation').status, 'met', '12:30 BST is 11:30Z, inside');
});

t.test('a significant hazard: 10 working days, skipping Christmas, the substitute Boxing Day and New Year', async (t) => {
  // Aware Fri 18 Dec 2026. 21,22,23,24 (4); 25 Christmas; 26-27 weekend; 28 Boxing Day (substitute);
  // 29,30,31 (7); 1 Jan New Year; 2-3 weekend; 4,5,6 Jan (10).
  const s = hazardStory('damp_and_mould', '2026-12-18T15:00:00Z');
  const inv = s.deadline('hazard_investigation');
  t.equal(inv.dueDate, '2027-01-06');
  t.equal(inv.dueAt, null, 'a date deadline');
  t.equal(inv.rule, 'awaabsLaw.investigation');
  t.notOk(s.has('hazard_emergency_action'), 'no 24-hour clock for a significant hazard');
});

t.test('awareness on a Saturday: the Saturday is not counted and day 1 is the Monday', async (t) => {
  // Sat 7 Nov 2026: Mon 9 … Fri 13 (5), Mon 16 … Fri 20 (10).
  t.equal(hazardStory('damp_and_mould', '2026-11-07T10:00:00Z').deadline('hazard_investigation').dueDate, '2026-11-20');
});

t.test("the landlord's closure days do not stop the statutory clocks", async (t) => {
  const s = new Story(preset('code-2024'), england.withClosureDays(['2026-11-10', '2026-11-11'])).log({
    receivedAt: '2026-11-07T10:00:00Z',
    hazard: { kind: 'damp_and_mould', description: 'Mould', awareAt: '2026-11-07T10:00:00Z' },
  });
  t.equal(s.deadline('hazard_investigation').dueDate, '2026-11-20');
});

t.test('the finding sets the clocks that follow', async (t) => {
  const base = () => hazardStory('damp_and_mould', '2026-12-18T15:00:00Z');
  const investigated = { hazardId: 'h1', step: 'investigated' as const, finding: 'significant' as const, safetyWorkNeeded: true, furtherWorksNeeded: true };
  // Investigation concluded Tue 5 Jan 2027: summary Fri 8 (3 wd); safety work and works begun Tue 12 (5 wd); on site 5 Jan + 84 days = 30 Mar.
  const s = base().run(recordHazardStep, '2027-01-05T10:00:00Z', investigated);
  t.equal(s.deadline('hazard_investigation').status, 'met');
  t.equal(s.deadline('hazard_summary').dueDate, '2027-01-08');
  t.equal(s.deadline('hazard_safety_work').dueDate, '2027-01-12');
  t.equal(s.deadline('hazard_works_begun').dueDate, '2027-01-12');
  t.equal(s.deadline('hazard_works_on_site').dueDate, '2027-03-30');
  t.notOk(s.has('hazard_works_completion'), 'no completion clock until the landlord sets a date');
  s.run(recordHazardStep, '2027-01-11T10:00:00Z', { hazardId: 'h1', step: 'works_started' as const, onSite: false, completionDueOn: '2027-04-30' });
  t.equal(s.deadline('hazard_works_begun').status, 'met');
  t.equal(s.deadline('hazard_works_on_site').status, 'pending', 'steps taken are not a start on site');
  t.equal(s.deadline('hazard_works_completion').dueDate, '2027-04-30');
  s.run(recordHazardStep, '2027-01-13T10:00:00Z', { hazardId: 'h1', step: 'made_safe' as const });
  t.equal(s.deadline('hazard_safety_work').status, 'met_late', 'a late step is late');

  const none = base().run(recordHazardStep, '2027-01-05T10:00:00Z', { hazardId: 'h1', step: 'investigated' as const, finding: 'no_hazard' as const, furtherWorksNeeded: true });
  const hazardKinds = none.deadlines.map((d) => d.kind).filter((k) => k.startsWith('hazard_'));
  t.same(hazardKinds, ['hazard_investigation', 'hazard_summary'], 'no hazard: only the written summary follows');
});

t.test('an emergency found when investigating damp and mould starts 24 hours from the finding', async (t) => {
  const s = hazardStory('damp_and_mould', '2026-11-09T09:00:00Z').run(recordHazardStep, '2026-11-12T09:30:00Z', {
    hazardId: 'h1',
    step: 'investigated' as const,
    finding: 'emergency' as const,
  });
  const action = s.deadline('hazard_emergency_action');
  t.equal(action.dueAt, '2026-11-13T09:30:00.000Z');
  t.same(action.countsFrom, { event: 'hazard_investigated', date: '2026-11-12', at: '2026-11-12T09:30:00.000Z' });
  t.equal(s.deadline('hazard_summary').dueDate, '2026-11-17', 'Thu 12 → Fri 13, Mon 16, Tue 17');
  t.notOk(s.has('hazard_safety_work'), 'an emergency is made safe in 24 hours, not 5 working days');
  s.run(recordHazardStep, '2026-11-13T10:00:00Z', { hazardId: 'h1', step: 'made_safe' as const });
  t.equal(s.deadline('hazard_emergency_action').status, 'met_late');
});

t.test('the clocks run whatever the complaint status, and a later hazard has its own', async (t) => {
  const s = hazardStory('damp_and_mould', '2026-11-09T09:00:00Z');
  s.run(withdraw, '2026-11-10T09:00:00Z', {});
  t.equal(s.deadline('hazard_investigation').status, 'pending', 'withdrawn, the hazard clock still runs');
  s.run(reportHazard, '2026-11-11T09:00:00Z', { kind: 'emergency' as const, description: 'Gas smell', awareAt: '2026-11-11T08:00:00Z' });
  t.equal(s.deadline('hazard_investigation', 'h2').dueAt, '2026-11-12T08:00:00.000Z', 'counted from awareAt, before the report');
  t.equal(s.events.at(-1)?.type, 'complaint.hazard_reported');
});

t.test('steps out of order and repeats are refused; awareness cannot follow the report', async (t) => {
  const s = hazardStory('damp_and_mould', '2026-11-09T09:00:00Z');
  t.match(errorOf(() => s.attempt(recordHazardStep, '2026-11-10T09:00:00Z', { hazardId: 'h1', step: 'summary_sent' as const })), { code: 'hazard_not_investigated' });
  t.match(errorOf(() => s.attempt(recordHazardStep, '2026-11-10T09:00:00Z', { hazardId: 'h9', step: 'made_safe' as const })), { code: 'hazard_not_found', kind: 'not_found' });
  s.run(recordHazardStep, '2026-11-10T09:00:00Z', { hazardId: 'h1', step: 'made_safe' as const });
  t.match(errorOf(() => s.attempt(recordHazardStep, '2026-11-10T10:00:00Z', { hazardId: 'h1', step: 'made_safe' as const })), { code: 'hazard_step_already_recorded' });
  t.match(errorOf(() => s.attempt(reportHazard, '2026-11-10T10:00:00Z', { kind: 'emergency' as const, description: 'x', awareAt: '2026-11-10T11:00:00Z' })), { code: 'aware_after_reported' });
});

t.test("no clocks where Awaab's Law does not apply, and the hazard says why", async (t) => {
  const scottish = new Story(preset('scotland-spso-model'), scotland).log({ receivedAt: '2026-11-09T09:00:00Z', hazard: { kind: 'emergency', description: 'Gas smell' } });
  t.equal(scottish.complaint.hazards[0]?.awaabsLaw, false);
  t.match(scottish.complaint.hazards[0]?.noClocksReason, /social landlords in England/);
  t.notOk(scottish.deadlines.some((d) => d.kind.startsWith('hazard_')));
  const optedOut = newHazard('h1', { kind: 'emergency', description: 'x' }, '2026-11-09T09:00:00Z', '2026-11-09T09:00:00Z', false);
  t.same(hazardDeadlines(optedOut, england), []);
});
