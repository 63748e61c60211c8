import type { IsoDate, WorkingDayCalendar } from '../calendar/index.ts';
import type { Stage } from '../complaint/index.ts';
import { acknowledgementDue, codeDueDate, CODE_TIMESCALES, responseTimeliness } from './code-timescales.ts';
import type { ComplaintFacts, StageFacts } from './complaint-facts.ts';
import { within, type FinancialYear } from './periods.ts';
import { ombudsmanFigures } from './ombudsman-figures.ts';
import { percentage } from './stats.ts';

/** One complaint checked against one provision; `undefined` from a check: not evidence for it this year. */
interface Verdict {
  ok: boolean;
  reason: string;
}
interface Context {
  year: FinancialYear;
  calendar: WorkingDayCalendar;
  /** Steps due before this London date and not taken are failures; later ones are not yet due. */
  asOf: IsoDate;
}
type Check = (f: ComplaintFacts, ctx: Context) => Verdict | undefined;

const stageOf = (f: ComplaintFacts, stage: Stage) => (stage === 1 ? f.stage1 : f.stage2);

/** When the stage stopped without the step: declined, escalation refused, withdrawn or closed. */
function stoppedOn(f: ComplaintFacts, stage: Stage): IsoDate | null {
  return (stage === 1 ? f.decline?.on : f.escalationRefusal?.on) ?? f.withdrawnOn ?? f.closedOn;
}

/** A step due on `due` and not taken: failed when the stage ran on past it, else no evidence. */
function notTaken(f: ComplaintFacts, stage: Stage, due: IsoDate, what: string, asOf: IsoDate): Verdict | undefined {
  const stopped = stoppedOn(f, stage);
  if (stopped !== null) return stopped <= due ? undefined : { ok: false, reason: `stopped on ${stopped} without ${what}, due ${due}` };
  return due < asOf ? { ok: false, reason: `no ${what} yet, due ${due}` } : undefined;
}

function acknowledgedInTime(stage: Stage): Check {
  return (f, { year, calendar, asOf }) => {
    const s = stageOf(f, stage);
    // A declined complaint or refused escalation was answered by that decision, not acknowledged.
    if (s === null || (stage === 1 ? f.decline : f.escalationRefusal)) return undefined;
    const due = acknowledgementDue(s, stage, calendar);
    if (!within(due, year)) return undefined;
    if (s.acknowledgedOn === null && s.respondedOn !== null) {
      // A frontline stage: the response itself is the resident's first answer.
      return { ok: s.respondedOn <= due, reason: `answered ${s.respondedOn} with no acknowledgement, which was due ${due}` };
    }
    if (s.acknowledgedOn === null) return notTaken(f, stage, due, 'acknowledgement', asOf);
    return { ok: s.acknowledgedOn <= due, reason: `acknowledged ${s.acknowledgedOn}, due ${due}` };
  };
}

function respondedInTime(stage: Stage): Check {
  return (f, { year, calendar, asOf }) => {
    const s = stageOf(f, stage);
    if (s === null) return undefined;
    const timing = responseTimeliness(s, stage, calendar, s.respondedOn ?? asOf);
    if (timing === undefined || !within(timing.dueDate, year)) return undefined;
    if (s.respondedOn !== null) return { ok: timing.verdict !== 'late', reason: timing.reason };
    const kept = timing.extensions.problems.length === 0 ? timing.extensions.extendedTo : null;
    return notTaken(f, stage, kept ?? timing.dueDate, 'response', asOf);
  };
}

const extensionsKeptRules: Check = (f, { year, calendar }) => {
  const problems: string[] = [];
  let evidenced = false;
  for (const stage of [1, 2] as const) {
    const s: StageFacts | null = stageOf(f, stage);
    if (s === null || s.acknowledgedOn === null || !within(s.extensions[0]?.decidedOn, year)) continue;
    evidenced = true;
    const due = codeDueDate(s.acknowledgedOn, CODE_TIMESCALES[stage === 1 ? 'stage1' : 'stage2'].respond, calendar);
    const check = responseTimeliness(s, stage, calendar, due)!.extensions;
    problems.push(...check.problems.map((p) => `stage ${stage}: ${p}`));
  }
  if (!evidenced) return undefined;
  return { ok: problems.length === 0, reason: problems.join('; ') || 'extensions agreed in time and within the cap, or with a good reason' };
};

const differentStage2Handler: Check = (f, { year }) => {
  if (!within(f.stage2?.acknowledgedOn, year)) return undefined;
  const [one, two] = [f.stage1.handler, f.stage2.handler].map((h) => h?.trim().toLowerCase() ?? null);
  return { ok: one === null || one !== two, reason: `stage 1 handler ${f.stage1.handler ?? 'none'}, stage 2 handler ${f.stage2.handler ?? 'none'}` };
};

const responsesComplete: Check = (f, { year }) => {
  const sent = [f.stage1, f.stage2].filter((s): s is StageFacts => s !== null && within(s.respondedOn, year));
  if (sent.length === 0) return undefined;
  const incomplete = sent.filter((s) => s.responseComplete !== true).map((s) => (s === f.stage1 ? 'stage 1' : 'stage 2'));
  return { ok: incomplete.length === 0, reason: incomplete.length ? `incomplete ${incomplete.join(' and ')} response` : 'every element stated' };
};

const declinesExplained: Check = (f, { year }) => {
  const d = f.decline;
  if (d === null || !within(d.on, year)) return undefined;
  const gaps = [!d.explained && 'no written explanation', !d.ombudsmanRightGiven && 'Ombudsman right not given', d.ground === 'older_than_age_limit' && !d.discretionConsidered && 'discretion not considered'];
  const missing = gaps.filter((g): g is string => typeof g === 'string');
  return { ok: missing.length === 0, reason: missing.length ? `declined (${d.ground}): ${missing.join(', ')}` : `declined (${d.ground}) with reasons and the Ombudsman right` };
};

const refusalsExplained: Check = (f, { year }) => {
  const r = f.escalationRefusal;
  if (r === null || !within(r.on, year)) return undefined;
  const ok = r.explained && r.ombudsmanRightGiven;
  return { ok, reason: ok ? `refused (${r.ground}) with reasons and the Ombudsman right` : `refused (${r.ground}) without reasons or the Ombudsman right` };
};

/** The Ombudsman's orders due in the year (by asOf): each complied with on or before its due date. */
const ordersComplied: Check = (f, { year, asOf }) => {
  const due = f.ombudsmanOrders.filter((o) => o.type === 'order' && o.dueDate !== null && within(o.dueDate, year) && o.dueDate < asOf);
  if (due.length === 0) return undefined;
  const late = due.filter((o) => o.completedOn === null || o.completedOn > o.dueDate!);
  if (late.length === 0) return { ok: true, reason: `${due.length} Ombudsman order(s) complied with by the due date` };
  return { ok: false, reason: late.map((o) => (o.completedOn === null ? `order due ${o.dueDate} not complied with` : `order due ${o.dueDate} complied with on ${o.completedOn}`)).join('; ') };
};

export const PROVISIONS: { id: string; code: string; requirement: string; check: Check }[] = [
  { id: 'stage_1_acknowledged_in_time', code: '§6.2', requirement: 'Stage 1 complaints acknowledged, defined and logged within 5 working days of receipt', check: acknowledgedInTime(1) },
  { id: 'stage_1_responded_in_time', code: '§6.3, §6.4', requirement: 'Stage 1 responses within 10 working days of the acknowledgement, or within an extension that kept the Code’s rules', check: respondedInTime(1) },
  { id: 'extension_rules_kept', code: '§6.4, §6.5 (stage 2 equivalents)', requirement: 'Extensions agreed and told to the resident (with the Ombudsman’s details) by the due date, within the cap unless a good reason is recorded', check: extensionsKeptRules },
  { id: 'stage_2_acknowledged_in_time', code: '§6.11', requirement: 'Escalation requests acknowledged, defined and logged at stage 2 within 5 working days', check: acknowledgedInTime(2) },
  { id: 'different_stage_2_handler', code: '§6.13', requirement: 'The person considering stage 2 is not the one who considered stage 1', check: differentStage2Handler },
  { id: 'stage_2_responded_in_time', code: '§6.14, §6.15 (numbering as in the Code 2024 preset)', requirement: 'Stage 2 responses within 20 working days of the stage 2 acknowledgement, or within an extension that kept the Code’s rules', check: respondedInTime(2) },
  { id: 'responses_complete', code: '§6.9, §6.19', requirement: 'Responses state the stage, the definition, a reasoned decision on each matter, remedies, outstanding actions and how to escalate', check: responsesComplete },
  { id: 'declines_explained', code: '§2 (exclusions)', requirement: 'Complaints not accepted are explained in writing with the right to take the decision to the Ombudsman; discretion considered for age', check: declinesExplained },
  { id: 'escalation_refusals_explained', code: '§2, domain §3', requirement: 'Refusals to escalate are on a listed ground, explained in writing with the Ombudsman right', check: refusalsExplained },
  { id: 'ombudsman_orders_complied', code: 'Housing Ombudsman Scheme (orders)', requirement: "The Ombudsman's orders complied with by the date it set (evidence sent to it)", check: ordersComplied },
];

export const SELF_ASSESSMENT_DEFINITIONS = [
  'Timescales are the Complaint Handling Code 2024’s, counted on the landlord’s working days; a step is evidence for the financial year its Code due date (before any extension) falls in.',
  'A step not taken counts as failing once its due date has passed (as of the report date) and the stage ran on; a stage stopped (declined, refused, withdrawn, closed) by the due date is not evidence.',
  'Extensions, declines and refusals are evidence for the year they were decided in; handlers for the year of the stage 2 acknowledgement; responses for the year they were sent.',
  "Ombudsman orders are evidence for the year they fell due; the Ombudsman's figures count the determinations made in the year, one finding per issue, by finding and by service area.",
];

/** The Code provisions that data can evidence, each with its compliance rate and the failing cases (by reference). */
export function selfAssessment(facts: readonly ComplaintFacts[], year: FinancialYear, calendar: WorkingDayCalendar, asOf: IsoDate) {
  const ctx: Context = { year, calendar, asOf };
  const provisions = PROVISIONS.map(({ id, code, requirement, check }) => {
    let evidenced = 0;
    const failingCases: { complaintId: string; reference: string; reason: string }[] = [];
    for (const f of facts) {
      const verdict = check(f, ctx);
      if (verdict === undefined) continue;
      evidenced += 1;
      if (!verdict.ok) failingCases.push({ complaintId: f.id, reference: f.reference, reason: verdict.reason });
    }
    failingCases.sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
    const compliant = evidenced - failingCases.length;
    return { id, code, requirement, evidenced, compliant, ratePercentage: percentage(compliant, evidenced), failingCases };
  });
  const determined = facts.filter((f) => f.ombudsmanDetermination !== null && within(f.ombudsmanDetermination.on, year));
  const ombudsman = ombudsmanFigures(determined, asOf);
  return { financialYear: { year: year.year, label: year.label, from: year.from, to: year.to }, asOf, provisions, ombudsman, definitions: SELF_ASSESSMENT_DEFINITIONS };
}

export type SelfAssessment = ReturnType<typeof selfAssessment>;
