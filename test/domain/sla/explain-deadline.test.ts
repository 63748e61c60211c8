import t from 'tap';
import type { Deadline } from '../../../src/domain/complaint/index.ts';
import { deadlineChanges, explainDeadline, ruleSource, sameDeadlines, workingDayOrdinals } from '../../../src/domain/sla/index.ts';
import { aComplaint, england, preset } from '../complaint/builders.ts';

const aDeadline = (overrides: Partial<Deadline> = {}): Deadline => ({
  kind: 'decline_letter', stage: 1, ref: null, owner: 'landlord', countsFrom: { event: 'decline_request', date: '2026-12-24' },
  rule: 'declineLetter', dueDate: '2027-01-08', dueAt: null, originalDueDate: '2027-01-08', provisional: false, metAt: null, metOn: null, status: 'pending',
  ...overrides,
});

t.test('an event on a non-working day counts from the next working day, and the skipped days say why', async (t) => {
  // Lumen: decline letter within 10 working days. Requested Sat 26 Dec 2026: day 0 is Tue 29 Dec
  // (26, 27 weekend, 28 Boxing Day substitute); then 30, 31 Dec, 4-8, 11-13 Jan → Wed 13 Jan.
  const e = explainDeadline(aDeadline({ countsFrom: { event: 'decline_request', date: '2026-12-26' } }), aComplaint(), preset('seed-000-lumen'), england);
  t.same(e.source, { paragraph: null, text: ruleSource('declineLetter').text });
  t.match(e.count, { from: '2026-12-29', amount: 10, unit: 'working_days', result: '2027-01-13' });
  t.same(e.count?.skipped.slice(0, 3), [
    { date: '2026-12-26', reason: 'weekend' },
    { date: '2026-12-27', reason: 'weekend' },
    { date: '2026-12-28', reason: 'bank_holiday', holiday: 'Boxing Day' },
  ]);
  t.equal(e.count?.counted.length, 10);
});

t.test('a calendar-day timescale lists only the days its end moved over', async (t) => {
  // 14 calendar days from Fri 11 Dec 2026 land on Fri 25 Dec (Christmas), then the weekend and
  // Boxing Day substitute: the deadline is Tue 29 Dec.
  const policy = preset('code-2024', { declineLetter: { amount: 14, unit: 'calendar_days', from: 'decline_request' } });
  const e = explainDeadline(aDeadline({ countsFrom: { event: 'decline_request', date: '2026-12-11' } }), aComplaint(), policy, england);
  t.match(e.count, { from: '2026-12-11', result: '2026-12-29', counted: [] });
  t.same(e.count?.skipped.map((s) => s.date), ['2026-12-25', '2026-12-26', '2026-12-27', '2026-12-28']);
});

t.test('rules map to Code paragraphs; own due dates have no count', async (t) => {
  t.equal(ruleSource('stage2.respond').paragraph, '§6.14');
  t.equal(ruleSource('stage2.acknowledge').paragraph, '§6.11');
  t.equal(ruleSource('nonsense').paragraph, null);
  const remedy = aDeadline({ kind: 'remedy', rule: 'remedy.dueDate', countsFrom: { event: 'remedy_offered', date: '2026-12-01' } });
  t.equal(explainDeadline(remedy, aComplaint(), preset('code-2024'), england).count, null);
});

t.test('deadline changes: moved, added and gone; sameness ignores nothing stored', async (t) => {
  const before = [aDeadline(), aDeadline({ kind: 'remedy', ref: 'r1', dueDate: '2027-02-01' })];
  const after = [aDeadline({ dueDate: '2027-01-11' }), aDeadline({ kind: 'action', ref: 'a1', dueDate: '2027-03-01' })];
  t.same(deadlineChanges(before, after), [
    { kind: 'decline_letter', stage: 1, ref: null, from: '2027-01-08', to: '2027-01-11' },
    { kind: 'action', stage: 1, ref: 'a1', from: null, to: '2027-03-01' },
    { kind: 'remedy', stage: 1, ref: 'r1', from: '2027-02-01', to: null },
  ]);
  t.ok(sameDeadlines(before, [...before]));
  t.notOk(sameDeadlines(before, [before[0]!, { ...before[1]!, provisional: true }]));
});

t.test('working-day ordinals subtract to working days between', async (t) => {
  const ordinals = workingDayOrdinals(england, '2026-12-24', '2027-01-05');
  // Thu 24 Dec is working (1); 25-28 are not; 29, 30, 31 (4); 1-3 Jan not; 4, 5 Jan (6).
  t.same(ordinals, [1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4, 5, 6]);
  t.equal(ordinals[12]! - ordinals[0]!, england.workingDaysBetween('2026-12-24', '2027-01-05'));
});
