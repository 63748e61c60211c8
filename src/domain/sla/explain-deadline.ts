import { fromEpochDay, parseIsoDate, type IsoDate, type NonWorkingReason, type WorkingDayCalendar } from '../calendar/index.ts';
import type { Complaint, Deadline } from '../complaint/index.ts';
import { dueDateFor, type CountingConvention, type Policy, type Timescale, type TimeUnit } from '../policy/index.ts';
import { extensionSource, ruleSource, type RuleSource } from './code-paragraphs.ts';
import { HAZARD_WORKING_DAYS, WORKS_ON_SITE_WEEKS } from '../hazards/awaabs-law.ts';
import { hoursCount, statutoryCount, type HoursCount } from './explain-hazard-clock.ts';

export interface SkippedDay {
  date: IsoDate;
  reason: NonWorkingReason;
  /** The bank holiday's name, when reason is bank_holiday. */
  holiday?: string;
}

export interface DeadlineCount {
  /** Day 0: the event's date, or the next working day when it fell on a non-working day (domain §4). */
  from: IsoDate;
  amount: number;
  unit: TimeUnit;
  result: IsoDate;
  /** The working days counted, in order (working-day timescales only). */
  counted: IsoDate[];
  /** Days passed over, with why: before day 0, inside the count, or to move an end off a closed day. */
  skipped: SkippedDay[];
}

export interface AppliedExtension {
  previousDueDate: IsoDate;
  newDueDate: IsoDate;
  decidedAt: string;
  reason: string;
  goodReason: string | null;
  source: RuleSource;
}

export interface DeadlineExplanation {
  countsFrom: Deadline['countsFrom'];
  rule: string;
  source: RuleSource;
  convention: CountingConvention;
  count: DeadlineCount | null;
  /** For a deadline in hours (dueAt): the elapsed hours counted; null for a date deadline. */
  hours: HoursCount | null;
  extensions: AppliedExtension[];
  originalDueDate: IsoDate;
  dueDate: IsoDate;
  provisional: boolean;
}

const STAGE_RULES: Readonly<Record<string, (p: Policy) => Timescale | null>> = {
  'stage1.acknowledge': (p) => p.stage1.acknowledge,
  'stage1.respond': (p) => p.stage1.respond,
  'stage2.acknowledge': (p) => p.stage2.acknowledge,
  'stage2.respond': (p) => p.stage2.respond,
  autoCloseWindow: (p) => p.autoCloseWindow,
  declineLetter: (p) => p.declineLetter,
  ombudsmanEvidence: (p) => p.ombudsmanEvidence,
};

/** The policy timescale a deadline's rule names; the escalation window's `orIfLater` when that is the clock it counts from. */
export function timescaleOf(policy: Policy, deadline: Pick<Deadline, 'rule' | 'countsFrom'>): Timescale | null {
  if (deadline.rule === 'escalationWindow') {
    const window = policy.escalationWindow;
    if (window === null) return null;
    return window.from === deadline.countsFrom.event || window.orIfLater === null ? window : window.orIfLater;
  }
  return STAGE_RULES[deadline.rule]?.(policy) ?? null;
}

/** Non-working days d with a <= d < b, with their reasons. */
function skippedBetween(calendar: WorkingDayCalendar, a: IsoDate, b: IsoDate): SkippedDay[] {
  if (a >= b) return [];
  const before = calendar.addWorkingDays(a, -1);
  return calendar
    .explain(before, 1)
    .steps.filter((s) => !s.counted && s.date >= a && s.date < b)
    .map((s) => ({ date: s.date, reason: s.reason!, ...(s.holiday !== undefined ? { holiday: s.holiday } : {}) }));
}

function countOf(timescale: Timescale, from: IsoDate, calendar: WorkingDayCalendar, convention: CountingConvention): DeadlineCount {
  const start = calendar.nextWorkingDay(from);
  const before = skippedBetween(calendar, from, start);
  const n = convention === 'event_day_is_day_1' ? timescale.amount - 1 : timescale.amount;
  const base = { from: start, amount: timescale.amount, unit: timescale.unit };
  if (timescale.unit === 'working_days') {
    const steps = calendar.explain(start, n).steps;
    const skipped = steps.filter((s) => !s.counted).map((s) => ({ date: s.date, reason: s.reason!, ...(s.holiday !== undefined ? { holiday: s.holiday } : {}) }));
    return { ...base, result: calendar.addWorkingDays(start, n), counted: steps.filter((s) => s.counted).map((s) => s.date), skipped: [...before, ...skipped] };
  }
  // Calendar days and months: the end moves off a non-working day (the months' end is left to dueDateFor).
  const result = dueDateFor(timescale, from, calendar, convention).date;
  const end = timescale.unit === 'calendar_days' ? fromEpochDay(parseIsoDate(start) + n) : result;
  return { ...base, result, counted: [], skipped: [...before, ...skippedBetween(calendar, end, result)] };
}

/**
 * How a deadline's date was worked out (api.md: the deadlines explanation): the
 * event it counts from, the rule and the Code paragraph behind it, the days counted
 * and skipped on the landlord's calendar, and the extensions applied since.
 */
export function explainDeadline(deadline: Deadline, complaint: Complaint, policy: Policy, calendar: WorkingDayCalendar): DeadlineExplanation {
  if (deadline.rule.startsWith('awaabsLaw.')) return explainHazardClock(deadline, calendar);
  const timescale = timescaleOf(policy, deadline);
  const convention = policy.counting.convention;
  const stage = deadline.stage;
  const extensions =
    (deadline.kind === 'stage_1_response' || deadline.kind === 'stage_2_response') && stage !== null
      ? complaint.extensions
          .filter((e) => e.stage === stage)
          .map((e) => ({ previousDueDate: e.previousDueDate, newDueDate: e.newDueDate, decidedAt: e.decidedAt, reason: e.reason, goodReason: e.goodReason, source: extensionSource(stage) }))
      : [];
  return {
    countsFrom: deadline.countsFrom,
    rule: deadline.rule,
    source: ruleSource(deadline.rule),
    convention,
    count: timescale === null ? null : countOf(timescale, deadline.countsFrom.date, calendar, convention),
    hours: null,
    extensions,
    originalDueDate: deadline.originalDueDate,
    dueDate: deadline.dueDate,
    provisional: deadline.provisional,
  };
}

/** Awaab's Law: elapsed hours, or statutory working days from the day after the event (no closure days). */
function explainHazardClock(deadline: Deadline, calendar: WorkingDayCalendar): DeadlineExplanation {
  const amount = HAZARD_WORKING_DAYS[deadline.rule];
  const weeks = deadline.rule === 'awaabsLaw.worksOnSite';
  const count =
    amount !== undefined
      ? statutoryCount(deadline, calendar.withoutClosureDays(), amount)
      : weeks
        ? { from: deadline.countsFrom.date, amount: WORKS_ON_SITE_WEEKS * 7, unit: 'calendar_days' as const, result: deadline.dueDate, counted: [], skipped: [] }
        : null;
  return {
    countsFrom: deadline.countsFrom,
    rule: deadline.rule,
    source: ruleSource(deadline.rule),
    convention: 'day_after_is_day_1',
    count,
    hours: hoursCount(deadline),
    extensions: [],
    originalDueDate: deadline.originalDueDate,
    dueDate: deadline.dueDate,
    provisional: deadline.provisional,
  };
}
