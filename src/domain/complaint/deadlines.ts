import { londonDateOf, type IsoDate, type WorkingDayCalendar } from '../calendar/index.ts';
import { escalationWindowCloses, type Policy } from '../policy/index.ts';
import { clockDates } from './clock-dates.ts';
import type { Instant, Stage } from './complaint-parts.ts';
import { stageKey, type Complaint } from './complaint.ts';
import { deadline, timed, type Clocks, type Deadline, type Timed } from './deadline.ts';
import { informalDeadlines } from './informal.ts';
import { sideDeadlines } from './side-deadlines.ts';
import { hazardDeadlines } from '../hazards/hazard-clocks.ts';

/** When the complaint stopped running (declined, withdrawn, closed — a refused escalation closes it). */
export function endedAt(complaint: Complaint): Instant | null {
  return complaint.decline?.at ?? complaint.withdrawal?.at ?? complaint.closure?.at ?? null;
}

/** A stage's response deadline with its extensions applied: the last extension's date wins. */
export function stageResponseDue(complaint: Complaint, stage: Stage, policy: Policy, calendar: WorkingDayCalendar): Timed | undefined {
  const clocks: Clocks = { complaint, policy, calendar, dates: clockDates(complaint, policy, calendar) };
  const base = timed(clocks, policy[stageKey(stage)].respond, `${stageKey(stage)}.respond`);
  if (base === undefined) return undefined;
  const last = complaint.extensions.filter((e) => e.stage === stage).at(-1);
  if (last === undefined) return base;
  return { ...base, dueDate: last.newDueDate, provisional: calendar.isProvisionalBetween(base.countsFrom.date, last.newDueDate) };
}

function stageDeadlines(clocks: Clocks, stage: Stage, ended: Instant | null): Deadline[] {
  const { complaint, policy, calendar } = clocks;
  const key = stageKey(stage);
  const out: Deadline[] = [];
  const ack = timed(clocks, policy[key].acknowledge, `${key}.acknowledge`);
  if (ack !== undefined) out.push(deadline(`stage_${stage}_acknowledgement`, stage, ack, complaint.acknowledgements[key]?.at ?? null, ended));
  const respond = stageResponseDue(complaint, stage, policy, calendar);
  if (respond !== undefined) out.push(deadline(`stage_${stage}_response`, stage, respond, complaint.responses[key]?.sentAt ?? null, ended));
  return out;
}

/** The resident's first sign of life after the stage 1 response: an inbound contact or the escalation request. */
function cameBackAt(complaint: Complaint, after: IsoDate): Instant | null {
  const times = complaint.contacts.filter((c) => c.direction === 'inbound' && londonDateOf(c.at) >= after).map((c) => c.at);
  if (complaint.escalation !== null) times.push(complaint.escalation.requestedAt);
  return times.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
}

function windowDeadlines(clocks: Clocks, ended: Instant | null): Deadline[] {
  const { complaint, policy, calendar, dates } = clocks;
  const out: Deadline[] = [];
  const window = policy.escalationWindow;
  const closes = window === null ? undefined : escalationWindowCloses(window, dates, calendar, policy.counting.convention);
  if (window !== null && closes !== undefined) {
    const from = dates[window.from]!;
    const timing = { countsFrom: { event: window.from, date: from }, rule: 'escalationWindow', dueDate: closes.date, originalDueDate: closes.date, provisional: closes.provisional };
    out.push(deadline('escalation_window', 1, timing, complaint.escalation?.requestedAt ?? null, ended, { owner: 'resident' }));
  }
  const autoClose = timed(clocks, policy.autoCloseWindow, 'autoCloseWindow');
  if (autoClose !== undefined) {
    out.push(deadline('auto_close', 1, autoClose, cameBackAt(complaint, autoClose.countsFrom.date), ended, { owner: 'resident' }));
  }
  return out;
}

/**
 * Every deadline of the complaint, derived from its state each time (never
 * stored and patched): the policy's clocks, extensions, resident windows,
 * decline letters, remedies, actions, Ombudsman evidence requests and orders, and
 * the Awaab's Law clocks of each hazard (whatever the complaint's status).
 */
export function deadlinesOf(complaint: Complaint, policy: Policy, calendar: WorkingDayCalendar): Deadline[] {
  const clocks: Clocks = { complaint, policy, calendar, dates: clockDates(complaint, policy, calendar) };
  const ended = endedAt(complaint);
  // An informal resolution or support request has its one clock, never a stage's (informal.ts).
  const formal = complaint.informal == null;
  // A decline answers the complaint: its own clock is the decline letter, so unmet stage steps are cancelled, not missed.
  const out = formal
    ? stageDeadlines(clocks, 1, ended).map((d) => (complaint.decline !== null && d.status === 'missed' ? { ...d, status: 'cancelled' as const } : d))
    : informalDeadlines(clocks, ended);
  if (complaint.responses.stage1 !== null) out.push(...windowDeadlines(clocks, ended));
  if (complaint.escalation !== null) out.push(...stageDeadlines(clocks, 2, ended));
  if (formal) out.push(...sideDeadlines(clocks));
  if (complaint.hazards.length > 0) {
    // Awaab's Law counts statutory working days: the landlord's own closure days do not stop its clocks.
    const statutory = calendar.withoutClosureDays();
    for (const h of complaint.hazards) out.push(...hazardDeadlines(h, statutory));
  }
  return out;
}
