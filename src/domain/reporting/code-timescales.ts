import { fromEpochDay, parseIsoDate, type IsoDate, type WorkingDayCalendar } from '../calendar/index.ts';
import type { Stage } from '../complaint/index.ts';
import { CODE_2024_POLICY } from '../policy/index.ts';
import type { StageFacts } from './complaint-facts.ts';

/**
 * Timeliness against the Complaint Handling Code 2024 itself, not the landlord's
 * policy: CH02 asks for responses "within the Code's timescales" (TSM Technical
 * Requirements, as updated 15 March 2024 for the 2024 Code) and the self-assessment
 * is against the Code. Working days are the landlord's (division and closure days);
 * the day of the event is day 0 and an event on a non-working day counts from the
 * next working day (domain §4).
 */
export interface CodeTimescale {
  acknowledge: number;
  respond: number;
  extensionCap: number;
}

const amount = (t: { amount: number } | null) => t?.amount ?? 0;

export const CODE_TIMESCALES: Record<'stage1' | 'stage2', CodeTimescale> = {
  // §6.2 and §6.3: acknowledge within 5 working days of receipt; respond within 10 of the acknowledgement; §6.4: extend by at most 10 without good reason.
  stage1: { acknowledge: amount(CODE_2024_POLICY.stage1.acknowledge), respond: CODE_2024_POLICY.stage1.respond.amount, extensionCap: amount(CODE_2024_POLICY.stage1.extensionCap) },
  // §6.11: acknowledge within 5 of the escalation request; respond within 20 of that acknowledgement; extend by at most 20 without good reason.
  stage2: { acknowledge: amount(CODE_2024_POLICY.stage2.acknowledge), respond: CODE_2024_POLICY.stage2.respond.amount, extensionCap: amount(CODE_2024_POLICY.stage2.extensionCap) },
};

export function describeTimescales(stage: Stage): string {
  const t = CODE_TIMESCALES[stage === 1 ? 'stage1' : 'stage2'];
  const from = stage === 1 ? 'the complaint being received' : 'the escalation request';
  return (
    `acknowledge within ${t.acknowledge} working days of ${from}; respond within ${t.respond} working days of the acknowledgement; ` +
    `an extension of up to ${t.extensionCap} working days beyond that (more only with a recorded good reason), agreed and told to the resident by the due date`
  );
}

// Reports ask for these hundreds of thousands of times, over a few thousand distinct dates:
// each calendar's answers are kept (calendars do not change), per number of working days.
const dueDates = new WeakMap<WorkingDayCalendar, Map<number, Map<IsoDate, IsoDate>>>();

export function codeDueDate(from: IsoDate, workingDays: number, calendar: WorkingDayCalendar): IsoDate {
  let byDays = dueDates.get(calendar);
  if (byDays === undefined) dueDates.set(calendar, (byDays = new Map<number, Map<IsoDate, IsoDate>>()));
  let known = byDays.get(workingDays);
  if (known === undefined) byDays.set(workingDays, (known = new Map<IsoDate, IsoDate>()));
  let due = known.get(from);
  if (due === undefined) {
    due = fromEpochDay(calendar.addWorkingDaysEpoch(calendar.nextWorkingDayEpoch(parseIsoDate(from)), workingDays));
    known.set(from, due);
  }
  return due;
}

/** Whole working days from the stage's day 0 to `to` (0 when done on day 0). */
export function workingDaysTaken(from: IsoDate, to: IsoDate, calendar: WorkingDayCalendar): number {
  return Math.max(0, calendar.workingDaysBetweenEpoch(calendar.nextWorkingDayEpoch(parseIsoDate(from)), parseIsoDate(to)));
}

export interface ExtensionCheck {
  /** The last extension's date, or null without one. */
  extendedTo: IsoDate | null;
  /** Where the extensions broke the Code's rules; empty when they kept them. */
  problems: string[];
}

/** §6.4 / stage 2 equivalent: agreed and told by the current due date, within the cap unless a good reason is recorded. */
export function checkExtensions(facts: StageFacts, codeDue: IsoDate, stage: Stage, calendar: WorkingDayCalendar): ExtensionCheck {
  if (facts.extensions.length === 0) return { extendedTo: null, problems: [] };
  const cap = CODE_TIMESCALES[stage === 1 ? 'stage1' : 'stage2'].extensionCap;
  const limit = fromEpochDay(calendar.addWorkingDaysEpoch(parseIsoDate(codeDue), cap));
  const problems: string[] = [];
  let current = codeDue;
  for (const e of facts.extensions) {
    const late = [e.decidedOn, e.residentToldOn].find((d) => d > current);
    if (late !== undefined) problems.push(`extension to ${e.newDueDate} agreed or told on ${late}, after the due date ${current}`);
    if (e.newDueDate > limit && e.goodReason === null) {
      problems.push(`extension to ${e.newDueDate} is beyond the Code's ${cap} working days (${limit}) without a good reason`);
    }
    current = e.newDueDate;
  }
  return { extendedTo: current, problems };
}

export type ResponseVerdict = 'within_timescale' | 'within_extension' | 'late';

export interface ResponseTimeliness {
  /** The Code's due date before any extension. */
  dueDate: IsoDate;
  extensions: ExtensionCheck;
  verdict: ResponseVerdict;
  /** Why, in words (for the cases lists). */
  reason: string;
}

/**
 * The day the Code's response clock starts (§6.3, §6.11: the acknowledgement). A stage answered
 * with no acknowledgement (a frontline stage) is given the most the Code allows: the clock starts
 * on the day the acknowledgement was due. Undefined while an unacknowledged stage is unanswered.
 */
function responseClockStart(facts: StageFacts, stage: Stage, calendar: WorkingDayCalendar): { on: IsoDate; note: string } | undefined {
  if (facts.acknowledgedOn !== null) return { on: facts.acknowledgedOn, note: '' };
  if (facts.respondedOn === null) return undefined;
  const on = acknowledgementDue(facts, stage, calendar);
  return { on, note: ` (no acknowledgement: counted from ${on}, the day the Code's acknowledgement was due)` };
}

/** How a response sent on `sentOn` stands against the Code; undefined while an unacknowledged stage is unanswered. */
export function responseTimeliness(facts: StageFacts, stage: Stage, calendar: WorkingDayCalendar, sentOn: IsoDate): ResponseTimeliness | undefined {
  const start = responseClockStart(facts, stage, calendar);
  if (start === undefined) return undefined;
  const dueDate = codeDueDate(start.on, CODE_TIMESCALES[stage === 1 ? 'stage1' : 'stage2'].respond, calendar);
  const extensions = checkExtensions(facts, dueDate, stage, calendar);
  const timing = judge(dueDate, extensions, sentOn);
  return { ...timing, reason: timing.reason + start.note };
}

function judge(dueDate: IsoDate, extensions: ExtensionCheck, sentOn: IsoDate): ResponseTimeliness {
  if (sentOn <= dueDate) return { dueDate, extensions, verdict: 'within_timescale', reason: `sent ${sentOn}, due ${dueDate}` };
  const { extendedTo, problems } = extensions;
  if (extendedTo !== null && sentOn <= extendedTo) {
    if (problems.length === 0) return { dueDate, extensions, verdict: 'within_extension', reason: `sent ${sentOn}, after ${dueDate} but within the agreed extension to ${extendedTo}` };
    return { dueDate, extensions, verdict: 'late', reason: `sent ${sentOn}, due ${dueDate}; the extension to ${extendedTo} broke the Code's rules: ${problems.join('; ')}` };
  }
  const by = extendedTo === null ? `due ${dueDate}` : `due ${dueDate}, extended to ${extendedTo}`;
  return { dueDate, extensions, verdict: 'late', reason: `sent ${sentOn}, ${by}` };
}

/** The Code's acknowledgement due date (§6.2, §6.11). */
export function acknowledgementDue(facts: StageFacts, stage: Stage, calendar: WorkingDayCalendar): IsoDate {
  return codeDueDate(facts.startedOn, CODE_TIMESCALES[stage === 1 ? 'stage1' : 'stage2'].acknowledge, calendar);
}
