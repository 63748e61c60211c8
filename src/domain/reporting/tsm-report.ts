import type { WorkingDayCalendar } from '../calendar/index.ts';
import type { Stage } from '../complaint/index.ts';
import { describeTimescales } from './code-timescales.ts';
import type { ComplaintFacts } from './complaint-facts.ts';
import type { FinancialYear } from './periods.ts';
import { percentage } from './stats.ts';
import { ch01Cases, ch02Cases, type TsmCase } from './tsm-cases.ts';

export interface TsmInputs {
  year: FinancialYear;
  /** The organisation's homes for this financial year; null when none is set. */
  homes: number | null;
  /** The policy's `ch02ExtensionCountsAsOnTime`, from the version named below. */
  extensionCountsAsOnTime: boolean;
  policyVersion: number | null;
  calendar: WorkingDayCalendar;
}

const perThousand = (count: number, homes: number | null) => (homes === null ? null : Math.round((count / homes) * 1000 * 100) / 100);

function ch01Stage(cases: TsmCase[], homes: number | null) {
  const received = cases.filter((c) => c.counted).length;
  return { received, leftOut: cases.length - received, per1000Homes: perThousand(received, homes) };
}

function ch02Stage(cases: TsmCase[], stage: Stage) {
  const counted = cases.filter((c) => c.counted);
  const within = counted.filter((c) => c.withinTimescale === true).length;
  return {
    responses: counted.length,
    withinTimescale: within,
    percentage: percentage(within, counted.length),
    leftOut: cases.length - counted.length,
    timescales: describeTimescales(stage),
  };
}

export const CH01_DEFINITIONS = [
  'Stage 1 complaints received: complaints whose London date of receipt falls in the financial year (1 April to 31 March), whenever they were logged (TSM Technical Requirements, CH01).',
  'A complaint declined under the policy’s exclusions (Code §2) was not accepted as a complaint and is left out; a withdrawn complaint was received and is counted.',
  'Stage 2 complaints received: escalation requests whose London date falls in the year, whatever the year of the stage 1 complaint; a complaint is counted at stage 2 only when escalated, and a refused escalation (not accepted at stage 2) is left out.',
  'Per 1,000 homes: the count ÷ the homes figure set for this financial year × 1,000, to two decimal places; none is computed when no homes figure is set.',
];

export function ch02Definitions(extensionCountsAsOnTime: boolean, policyVersion: number | null): string[] {
  return [
    'Responses are counted in the financial year their London date of sending falls, whenever the complaint was received; stage 1 and stage 2 separately (TSM Technical Requirements, CH02).',
    `Within the Complaint Handling Code 2024's timescales, not the landlord's own: stage 1 ${describeTimescales(1)}; stage 2 ${describeTimescales(2)}. Working days are the landlord's (bank holidays of its division and its closure days); the day of an event is day 0.`,
    extensionCountsAsOnTime
      ? `A response after the Code's due date but within an extension that kept the Code's rules counts as within the timescales (policy${policyVersion === null ? '' : ` version ${policyVersion}`}: ch02ExtensionCountsAsOnTime = true).`
      : `Only the Code's timescales before any extension count: a response within an extension is not within the timescales (policy${policyVersion === null ? '' : ` version ${policyVersion}`}: ch02ExtensionCountsAsOnTime = false).`,
    'Cases that started in the year without a response sent in it (pending, declined, withdrawn, or answered after the year) are listed as left out.',
  ];
}

/** CH01 and CH02 for one landlord's financial year, with the inputs and definitions used. */
export function tsmReport(facts: readonly ComplaintFacts[], inputs: TsmInputs) {
  const { year, homes, calendar, extensionCountsAsOnTime: ext } = inputs;
  const homesNote =
    homes === null
      ? `No homes figure is set for financial year ${year.label} in the organisation's settings: the per-1,000-homes figures cannot be computed.`
      : `${homes} homes, the organisation's figure for financial year ${year.label}.`;
  return {
    financialYear: { year: year.year, label: year.label, from: year.from, to: year.to },
    ch01: {
      homes,
      homesNote,
      stage1: ch01Stage(ch01Cases(facts, year, 1), homes),
      stage2: ch01Stage(ch01Cases(facts, year, 2), homes),
      definitions: CH01_DEFINITIONS,
    },
    ch02: {
      extensionCountsAsOnTime: ext,
      policyVersion: inputs.policyVersion,
      policyInForceOn: year.to,
      stage1: ch02Stage(ch02Cases(facts, year, 1, calendar, ext), 1),
      stage2: ch02Stage(ch02Cases(facts, year, 2, calendar, ext), 2),
      definitions: ch02Definitions(ext, inputs.policyVersion),
    },
  };
}

export type TsmReport = ReturnType<typeof tsmReport>;
