import type { WorkingDayCalendar } from '../calendar/index.ts';
import { OUTCOMES, REMEDY_TYPES, type Outcome } from '../complaint/index.ts';
import { workingDaysTaken } from './code-timescales.ts';
import type { ComplaintFacts, StageFacts } from './complaint-facts.ts';
import { ombudsmanFigures } from './ombudsman-figures.ts';
import { monthsOf, within, type Period } from './periods.ts';
import { percentage, sortedCounts, summarise } from './stats.ts';

export const PERFORMANCE_DEFINITIONS = [
  'The report covers the complaints received (London date of receipt) from `from` to `to` inclusive; every figure is about those complaints, whenever the later steps happened.',
  'Working days are the landlord’s (its division’s bank holidays and its closure days). Stage 1 is timed from the London date of receipt, stage 2 from the date the escalation was requested; the day of that event is day 0 and an event on a non-working day counts from the next working day.',
  'Median is the middle value (the mean of the two middle values for an even count); the 90th percentile is the nearest-rank value: nine in ten took that long or less.',
  'A response’s outcome is upheld when every matter was upheld, not upheld when none was, else partly upheld.',
  'Escalation rate: complaints escalated to stage 2 ÷ complaints with a stage 1 response.',
  'Money is integer pence; a remedy’s total is its compensation plus its refund.',
  'Ombudsman: one finding per issue determined (older free-text findings as given), also by the complaint’s service area; an order or recommendation is complied with on time when its London completion date is on or before its due date, and overdue when not complied with and due before the end of the period.',
];

type Counts = Map<string, number>;
const bump = (counts: Counts, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/** Running totals for one stage; one pass over the cohort fills them all (200,000 complaints in well under a second). */
function stageTotals() {
  return { outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>, acknowledge: [] as number[], respond: [] as number[] };
}

function addStage(totals: ReturnType<typeof stageTotals>, s: StageFacts | null, calendar: WorkingDayCalendar): void {
  if (s === null) return;
  if (s.outcome) totals.outcomes[s.outcome] += 1;
  if (s.acknowledgedOn !== null) totals.acknowledge.push(workingDaysTaken(s.startedOn, s.acknowledgedOn, calendar));
  if (s.respondedOn !== null) totals.respond.push(workingDaysTaken(s.startedOn, s.respondedOn, calendar));
}

/** The annual complaints performance report's figures (domain §7) for complaints received in `period`. */
export function performanceReport(facts: readonly ComplaintFacts[], period: Period, calendar: WorkingDayCalendar) {
  const [channels, categories, areas, reasons, goodReasons, grounds] = Array.from({ length: 6 }, (): Counts => new Map());
  const stages = { stage1: stageTotals(), stage2: stageTotals() };
  const extensions = { count: 0, stage1: 0, stage2: 0, withGoodReason: 0 };
  const remedies = new Map(REMEDY_TYPES.map((type) => [type, { type, count: 0, compensationPence: 0, refundPence: 0, totalPence: 0 }]));
  const months = new Map(monthsOf(period).map((month) => [month, { month, received: 0, declined: 0, withdrawn: 0, stage1Responses: 0, escalated: 0, channels: new Map() as Counts }]));
  let received = 0, declined = 0, withdrawn = 0, responded = 0, escalated = 0, refused = 0;
  const cohort: ComplaintFacts[] = [];
  for (const f of facts) {
    if (!within(f.receivedOn, period)) continue;
    received += 1;
    bump(channels!, f.channel);
    bump(categories!, f.category ?? 'none recorded');
    bump(areas!, f.serviceArea ?? 'none recorded');
    addStage(stages.stage1, f.stage1, calendar);
    addStage(stages.stage2, f.stage2, calendar);
    for (const [stage, s] of [[1, f.stage1], [2, f.stage2]] as const) {
      for (const e of s?.extensions ?? []) {
        extensions.count += 1;
        extensions[stage === 1 ? 'stage1' : 'stage2'] += 1;
        bump(reasons!, e.reason);
        if (e.goodReason !== null) {
          extensions.withGoodReason += 1;
          bump(goodReasons!, e.goodReason);
        }
      }
    }
    if (f.decline) {
      declined += 1;
      bump(grounds!, f.decline.ground);
    }
    if (f.withdrawnOn) withdrawn += 1;
    if (f.stage1.respondedOn) responded += 1;
    if (f.stage2) escalated += 1;
    if (f.escalationRefusal) refused += 1;
    for (const r of f.remedies) {
      const total = remedies.get(r.type)!;
      total.count += 1;
      total.compensationPence += r.compensationPence;
      total.refundPence += r.refundPence;
      total.totalPence += r.compensationPence + r.refundPence;
    }
    cohort.push(f);
    const month = months.get(f.receivedOn.slice(0, 7));
    if (month) {
      month.received += 1;
      bump(month.channels, f.channel);
      if (f.decline) month.declined += 1;
      if (f.withdrawnOn) month.withdrawn += 1;
      if (f.stage1.respondedOn) month.stage1Responses += 1;
      if (f.stage2) month.escalated += 1;
    }
  }
  const byType = [...remedies.values()];
  const times = (t: ReturnType<typeof stageTotals>) => ({ acknowledge: summarise(t.acknowledge), respond: summarise(t.respond) });
  return {
    period: { from: period.from, to: period.to },
    volumes: { received, byChannel: sortedCounts(channels!), byCategory: sortedCounts(categories!), byServiceArea: sortedCounts(areas!) },
    outcomes: { stage1: stages.stage1.outcomes, stage2: stages.stage2.outcomes },
    workingDays: { stage1: times(stages.stage1), stage2: times(stages.stage2) },
    extensions: { ...extensions, byReason: sortedCounts(reasons!), goodReasons: sortedCounts(goodReasons!) },
    declines: { count: declined, byGround: sortedCounts(grounds!) },
    withdrawn,
    escalation: { stage1Responses: responded, escalated, refused, ratePercentage: percentage(escalated, responded) },
    remedies: { byType, totalPence: byType.reduce((sum, t) => sum + t.totalPence, 0) },
    ombudsman: ombudsmanFigures(cohort, period.to),
    monthly: [...months.values()].map(({ channels, ...month }) => ({ ...month, byChannel: sortedCounts(channels) })),
    definitions: PERFORMANCE_DEFINITIONS,
  };
}

export type PerformanceReport = ReturnType<typeof performanceReport>;
