import t from 'tap';
import {
  acknowledge,
  acknowledgeStage2,
  autoClosedAt,
  close,
  completeRemedy,
  decline,
  deadlinesOf,
  deadlineStatusAsOf,
  escalate,
  extend,
  logComplaint,
  recordOmbudsman,
  reopen,
  respond,
  withdraw,
  type CommandContext,
  type CommandResult,
  type Complaint,
  type ComplaintEvent,
} from '../../../src/domain/complaint/index.ts';
import type { WorkingDayCalendar } from '../../../src/domain/calendar/index.ts';
import type { Policy } from '../../../src/domain/policy/index.ts';
import { factsOf, financialYear, performanceReport, selfAssessment, tsmReport } from '../../../src/domain/reporting/index.ts';
import { aLogInput, aResponse, calendars, preset } from './builders.ts';

// Every preset's journeys replayed twice: entered live (each command recorded when it
// happened) and entered a year later with occurredAt (a CRM catching up, or an import).
// The deadlines, statuses and report figures must be the same: nothing a command records
// may come from the moment it was typed in (issue 12, item 2).

const PRESETS = [
  'code-2024',
  'seed-000-lumen',
  'seed-001-lhp',
  'seed-002-longhurst',
  'seed-003-housing-trust',
  'seed-004-lets-for-life',
  'scotland-spso-model',
  'northern-ireland-nipso-model',
];
const YEAR_MS = 365 * 86_400_000;

function calendarOf(name: string): WorkingDayCalendar {
  if (name.startsWith('scotland')) return calendars.scotland;
  if (name.startsWith('northern-ireland')) return calendars['northern-ireland'];
  return calendars['england-and-wales'];
}

type Mode = 'live' | 'backdated';

/** Drives one complaint; `lag` is how long after each event it is entered. */
class Replay {
  complaint!: Complaint;
  events: ComplaintEvent[] = [];
  constructor(
    readonly policy: Policy,
    readonly calendar: WorkingDayCalendar,
    readonly mode: Mode,
  ) {}

  recorded(at: Date): Date {
    return this.mode === 'live' ? at : new Date(at.getTime() + YEAR_MS);
  }

  ctx(at: Date): CommandContext {
    return { occurredAt: at, recordedAt: this.recorded(at), actor: 'key_test', policy: this.policy, calendar: this.calendar };
  }

  /** 10:00 UTC on the n-th working day after the date of the last event. */
  after(n: number): Date {
    const from = this.complaint.lastEventAt.slice(0, 10);
    return new Date(`${this.calendar.addWorkingDays(from, n)}T10:00:00Z`);
  }

  log(receivedAt: string, issueOccurredOn?: string): this {
    const at = new Date(receivedAt);
    const input = aLogInput({ receivedAt, ...(issueOccurredOn ? { issueOccurredOn } : {}), matters: ['The boiler', 'The call back'] });
    return this.keep(logComplaint(input, { ...this.ctx(at), id: 'c-1', reference: 'CMP-2025-000001', organisationId: 'org-1', policyVersion: 1 }));
  }

  run<I>(command: (c: Complaint, input: I, ctx: CommandContext) => CommandResult, at: Date, input: I): this {
    return this.keep(command(this.complaint, input, this.ctx(at)));
  }

  /** The response deadline's current date pushed 3 working days on, when the policy allows any extension. */
  extendIfAllowed(n: number): this {
    const cap = this.policy[this.complaint.stage === 1 ? 'stage1' : 'stage2'].extensionCap;
    if (cap !== null && cap.amount === 0) return this;
    const due = deadlinesOf(this.complaint, this.policy, this.calendar).find((d) => d.kind === `stage_${this.complaint.stage}_response`);
    if (due === undefined) return this;
    const at = this.after(n);
    const told = at.toISOString();
    const newDueDate = this.calendar.addWorkingDays(due.dueDate, 3);
    return this.run(extend, at, { reason: 'Contractor report awaited', residentToldAt: told, ombudsmanDetailsGiven: true, newDueDate, goodReason: 'Specialist survey' });
  }

  /** The sweep, run on `sweepAt` (live: the night after the window; back-dated: a year later). */
  sweepAutoClose(windowEnd: string): this {
    const night = new Date(`${this.calendar.addWorkingDays(windowEnd, 0).slice(0, 10)}T00:00:00Z`);
    const sweepAt = this.recorded(new Date(night.getTime() + 26 * 3_600_000));
    const ctx = { ...this.ctx(sweepAt), recordedAt: sweepAt };
    const at = autoClosedAt(this.complaint, this.policy, this.calendar, sweepAt);
    if (at === undefined) throw new Error('no auto-close window');
    return this.keep(close(this.complaint, { reason: 'auto_close' }, { ...ctx, occurredAt: at }));
  }

  private keep(result: CommandResult): this {
    this.complaint = result.complaint;
    this.events.push(...result.events);
    return this;
  }
}

const stage2Ack = { definition: 'The boiler and the call back, reviewed', outcomesSought: ['Repair the boiler'], handler: 'bob' };

/** A stage 2 request as the resident made it: in writing, with reasons, citing the policy's first criterion if it has any (Longhurst). */
const appeal = (r: Replay) => ({ reason: 'Still broken', inWriting: true, criteria: r.policy.escalationRules.criteria.slice(0, 1) });

/** Both stages, extensions, remedies, actions, closure, the Ombudsman's evidence request. */
function fullJourney(r: Replay): Replay {
  r.log('2025-04-14T09:30:00+01:00');
  r.run(acknowledge, r.after(1), { definition: 'The boiler repair was missed twice', outcomesSought: ['Repair the boiler'], handler: 'alice' });
  r.extendIfAllowed(2);
  const remedy = { type: 'apology' as const, description: 'A written apology', dueDate: r.calendar.addWorkingDays('2025-05-20', 5) };
  const action = { description: 'Book the engineer', owner: 'repairs', dueDate: '2025-06-02' };
  r.run(respond, r.after(6), aResponse(r.complaint, { remedies: [remedy], outstandingActions: [action] }));
  r.run(escalate, r.after(3), appeal(r));
  r.run(acknowledgeStage2, r.after(2), stage2Ack);
  r.extendIfAllowed(5);
  r.run(respond, r.after(12), aResponse(r.complaint, { decisions: r.complaint.matters.map((m) => ({ matterId: m.id, outcome: 'partly_upheld' as const, reasons: 'Part fixed' })) }));
  r.run(close, r.after(1), { reason: 'stage_2_response' });
  r.run(completeRemedy, r.after(2), { id: 'r1' });
  r.run(recordOmbudsman, r.after(5), { kind: 'evidence_request', description: 'Repair records' });
  return r.run(recordOmbudsman, r.after(8), { kind: 'evidence_provided', requestId: 'e1' });
}

/** Answered late, never escalated in time: auto-closed by the sweep or closed after the window, then reopened and escalated. */
function quietJourney(r: Replay): Replay {
  r.log('2025-12-19T16:45:00Z', '2025-11-01');
  r.run(acknowledge, r.after(7), { definition: 'The call back never came', outcomesSought: ['A call back'], handler: 'carol' });
  r.run(respond, r.after(14), aResponse(r.complaint, { decisions: r.complaint.matters.map((m) => ({ matterId: m.id, outcome: 'not_upheld' as const, reasons: 'Called back' })) }));
  const windows = deadlinesOf(r.complaint, r.policy, r.calendar);
  const autoClose = windows.find((d) => d.kind === 'auto_close');
  const window = windows.find((d) => d.kind === 'escalation_window');
  if (autoClose !== undefined) r.sweepAutoClose(autoClose.dueDate);
  else if (window !== undefined) r.run(close, new Date(`${r.calendar.addWorkingDays(window.dueDate, 1)}T10:00:00Z`), { reason: 'no_escalation_within_window' });
  else r.run(close, r.after(1), { reason: 'resolved_at_stage_1' });
  r.run(reopen, r.after(5), { discretion: 'The resident was in hospital' });
  r.run(escalate, r.after(1), appeal(r));
  return r.run(acknowledgeStage2, r.after(2), stage2Ack);
}

/** Declined on a ground of the policy, else withdrawn. */
function endedJourney(r: Replay): Replay {
  r.log('2025-08-22T12:00:00+01:00');
  const ground = r.policy.exclusions.grounds.find((g) => g !== 'older_than_age_limit');
  if (ground === undefined) return r.run(withdraw, r.after(3), { reason: 'Sorted with the housing officer' });
  return r.run(decline, r.after(4), { ground, explanation: 'Outside the policy', ombudsmanRightGiven: true });
}

const JOURNEYS = { full: fullJourney, quiet: quietJourney, ended: endedJourney };
const AS_OF = ['2025-05-01', '2025-07-01', '2026-02-02', '2026-06-01', '2027-01-04'];

for (const name of PRESETS) {
  t.test(`${name}: live and back-dated by a year give the same complaint`, async (t) => {
    const policy = preset(name);
    const calendar = calendarOf(name);
    const runs = { live: [] as Complaint[], backdated: [] as Complaint[] };
    for (const [journey, drive] of Object.entries(JOURNEYS)) {
      const live = drive(new Replay(policy, calendar, 'live'));
      const late = drive(new Replay(policy, calendar, 'backdated'));
      runs.live.push(live.complaint);
      runs.backdated.push(late.complaint);
      t.same(late.complaint, live.complaint, `${journey}: the same state`);
      const [d1, d2] = [live, late].map((r) => deadlinesOf(r.complaint, policy, calendar));
      t.same(d2, d1, `${journey}: the same deadlines`);
      for (const asOf of AS_OF) {
        t.same(d2!.map((d) => deadlineStatusAsOf(d, asOf)), d1!.map((d) => deadlineStatusAsOf(d, asOf)), `${journey}: the same statuses as of ${asOf}`);
      }
      t.same(late.events.map((e) => ({ ...e, recordedAt: null })), live.events.map((e) => ({ ...e, recordedAt: null })), `${journey}: the same events but for recordedAt`);
      t.ok(late.events.every((e) => Date.parse(e.recordedAt) - Date.parse(e.occurredAt) >= YEAR_MS - 86_400_000), `${journey}: really entered a year later`);
    }
    const figures = (complaints: Complaint[]) => {
      const facts = complaints.map(factsOf);
      return [2024, 2025].map((year) => ({
        tsm: tsmReport(facts, { year: financialYear(year), homes: 1000, extensionCountsAsOnTime: policy.ch02ExtensionCountsAsOnTime, policyVersion: 1, calendar }),
        selfAssessment: selfAssessment(facts, financialYear(year), calendar, '2026-12-01'),
        performance: performanceReport(facts, financialYear(year), calendar),
      }));
    };
    t.same(figures(runs.backdated), figures(runs.live), 'the same TSM, self-assessment and performance figures');
  });
}

t.test('seed 003: a back-dated escalation counts stage 2 from its real logging, or from loggedAt when given', async (t) => {
  const policy = preset('seed-003-housing-trust');
  const calendar = calendars['england-and-wales'];
  const r = new Replay(policy, calendar, 'backdated');
  r.log('2025-06-16T10:00:00+01:00');
  r.run(acknowledge, r.after(1), { definition: 'Boiler', outcomesSought: ['Repair'], handler: 'alice' });
  r.run(respond, r.after(5), aResponse(r.complaint));
  // Escalated Wed 2 Jul 2025, entered a year later: stage 2 response 20 wd from 2 Jul is Wed 30 Jul.
  r.run(escalate, new Date('2025-07-02T10:00:00+01:00'), {});
  t.match(deadlinesOf(r.complaint, policy, calendar).find((d) => d.kind === 'stage_2_response'), {
    countsFrom: { event: 'escalation_logging', date: '2025-07-02' },
    dueDate: '2025-07-30',
  });
  const logged = new Replay(policy, calendar, 'backdated');
  logged.log('2025-06-16T10:00:00+01:00');
  logged.run(acknowledge, logged.after(1), { definition: 'Boiler', outcomesSought: ['Repair'], handler: 'alice' });
  logged.run(respond, logged.after(5), aResponse(logged.complaint));
  // Requested Wed 2 Jul, logged Fri 4 Jul: 20 wd from Fri 4 Jul is Fri 1 Aug.
  logged.run(escalate, new Date('2025-07-02T10:00:00+01:00'), { loggedAt: '2025-07-04T09:00:00+01:00' });
  t.match(deadlinesOf(logged.complaint, policy, calendar).find((d) => d.kind === 'stage_2_response'), { countsFrom: { date: '2025-07-04' }, dueDate: '2025-08-01' });
});

t.test('loggedAt must fall between the request and its entry', async (t) => {
  const policy = preset('seed-003-housing-trust');
  const calendar = calendars['england-and-wales'];
  const r = new Replay(policy, calendar, 'live');
  r.log('2025-06-16T10:00:00+01:00');
  r.run(acknowledge, r.after(1), { definition: 'Boiler', outcomesSought: ['Repair'], handler: 'alice' });
  r.run(respond, r.after(5), aResponse(r.complaint));
  const at = new Date('2025-07-02T10:00:00+01:00');
  const ctx = { ...r.ctx(at), recordedAt: new Date('2025-07-03T10:00:00+01:00') };
  t.throws(() => escalate(r.complaint, { loggedAt: '2025-07-01T10:00:00+01:00' }, ctx), { code: 'logged_before_requested' });
  t.throws(() => escalate(r.complaint, { loggedAt: '2025-07-04T10:00:00+01:00' }, ctx), { code: 'occurred_in_future' });
  t.equal(escalate(r.complaint, { loggedAt: '2025-07-03T09:00:00+01:00' }, ctx).complaint.escalation?.loggedAt, '2025-07-03T08:00:00.000Z');
});

t.test('an auto-close is dated when the window ran out, however late the sweep', async (t) => {
  const policy = preset('seed-000-lumen');
  const calendar = calendars['england-and-wales'];
  const r = new Replay(policy, calendar, 'live');
  r.log('2025-06-02T10:00:00+01:00');
  r.run(acknowledge, r.after(1), { definition: 'Boiler', outcomesSought: ['Repair'], handler: 'alice' });
  r.run(respond, r.after(5), aResponse(r.complaint));
  const window = deadlinesOf(r.complaint, policy, calendar).find((d) => d.kind === 'auto_close')!;
  // The window's last day is Tue 15 Jul 2025 (25 wd after Tue 10 Jun): it ran out at 00:00 BST on 16 Jul.
  t.equal(window.dueDate, '2025-07-15');
  t.equal(autoClosedAt(r.complaint, policy, calendar, new Date('2026-12-01T02:00:00Z'))?.toISOString(), '2025-07-15T23:00:00.000Z');
  t.equal(autoClosedAt(r.complaint, policy, calendar, new Date('2025-07-15T23:30:00Z'))?.toISOString(), '2025-07-15T23:00:00.000Z');
  t.equal(autoClosedAt(r.complaint, preset('code-2024'), calendar, new Date('2026-12-01T02:00:00Z')), undefined, 'no window, no date');
});
