import type { IsoDate, WorkingDayCalendar } from '../calendar/index.ts';
import type { Stage } from '../complaint/index.ts';
import { responseTimeliness } from './code-timescales.ts';
import type { ComplaintFacts, StageFacts } from './complaint-facts.ts';
import { within, type FinancialYear } from './periods.ts';

export const TSM_MEASURES = ['CH01', 'CH02'] as const;
export type TsmMeasure = (typeof TSM_MEASURES)[number];

/** One complaint behind a figure: counted or left out, and why (domain §7: every figure reproducible). */
export interface TsmCase {
  complaintId: string;
  reference: string;
  counted: boolean;
  /** CH02 only: counted as within the Code's timescales. */
  withinTimescale: boolean | null;
  /** The date that places the case in the year: received, escalation requested, or response sent. */
  date: IsoDate | null;
  /** CH02 only: the Code's due date before any extension. */
  dueDate: IsoDate | null;
  reason: string;
}

const caseOf = (f: ComplaintFacts, counted: boolean, date: IsoDate | null, reason: string): TsmCase => ({
  complaintId: f.id,
  reference: f.reference,
  counted,
  withinTimescale: null,
  date,
  dueDate: null,
  reason,
});

/**
 * CH01: stage 1 complaints received in the year by their London date of receipt; a
 * complaint not accepted (declined under the exclusions, Code §2) was never a stage 1
 * complaint; a withdrawn one was received and is counted. Stage 2: escalation requests
 * in the year, so a complaint counts at stage 2 only when escalated; a refused
 * escalation was never accepted at stage 2.
 */
export function ch01Cases(facts: readonly ComplaintFacts[], year: FinancialYear, stage: Stage): TsmCase[] {
  const out: TsmCase[] = [];
  for (const f of facts) {
    if (stage === 1) {
      if (!within(f.receivedOn, year)) continue;
      if (f.decline) out.push(caseOf(f, false, f.receivedOn, `declined on ${f.decline.on} (${f.decline.ground}): not accepted as a complaint`));
      else if (f.withdrawnOn) out.push(caseOf(f, true, f.receivedOn, `received ${f.receivedOn}; withdrawn on ${f.withdrawnOn}, still a complaint received`));
      else out.push(caseOf(f, true, f.receivedOn, `received ${f.receivedOn}`));
    } else {
      const requested = f.stage2?.startedOn;
      if (!within(requested, year)) continue;
      if (f.escalationRefusal) {
        out.push(caseOf(f, false, requested, `escalation requested ${requested} and refused on ${f.escalationRefusal.on} (${f.escalationRefusal.ground}): not accepted at stage 2`));
      } else {
        out.push(caseOf(f, true, requested, `escalation to stage 2 requested ${requested}`));
      }
    }
  }
  return out;
}

function noResponseReason(f: ComplaintFacts, s: StageFacts, stage: Stage, year: FinancialYear): string {
  if (s.respondedOn !== null && s.respondedOn > year.to) return `response sent ${s.respondedOn}, after the year: counted in that year`;
  if (stage === 1 && f.decline) return `declined on ${f.decline.on}: no stage 1 response is due`;
  if (stage === 2 && f.escalationRefusal) return `escalation refused on ${f.escalationRefusal.on}: no stage 2 response is due`;
  if (f.withdrawnOn) return `withdrawn on ${f.withdrawnOn} before a response`;
  if (f.closedOn) return `closed on ${f.closedOn} without a stage ${stage} response`;
  return 'no response sent yet';
}

/**
 * CH02: responses counted in the year their London date of sending falls, whenever
 * the complaint arrived; cases that started in the year without a response in it are
 * listed as left out. `extensionCountsAsOnTime` is the policy's CH02 setting.
 */
export function ch02Cases(
  facts: readonly ComplaintFacts[],
  year: FinancialYear,
  stage: Stage,
  calendar: WorkingDayCalendar,
  extensionCountsAsOnTime: boolean,
): TsmCase[] {
  const out: TsmCase[] = [];
  for (const f of facts) {
    const s = stage === 1 ? f.stage1 : f.stage2;
    if (s === null) continue;
    if (within(s.respondedOn, year)) {
      const timing = responseTimeliness(s, stage, calendar, s.respondedOn)!;
      const extended = timing.verdict === 'within_extension';
      const inTime = timing.verdict === 'within_timescale' || (extended && extensionCountsAsOnTime);
      const note = extended && !extensionCountsAsOnTime ? '; not within the timescales: the policy does not count extensions for CH02' : '';
      out.push({ ...caseOf(f, true, s.respondedOn, timing.reason + note), withinTimescale: inTime, dueDate: timing.dueDate });
    } else if (within(s.startedOn, year)) {
      out.push(caseOf(f, false, s.startedOn, noResponseReason(f, s, stage, year)));
    }
  }
  return out;
}
