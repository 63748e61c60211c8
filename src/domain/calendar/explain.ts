import { DAY_BANK_HOLIDAY, DAY_CLOSURE, DAY_WEEKEND, type CalendarIndex } from './calendar-index.ts';
import { fromEpochDay, type EpochDay, type IsoDate } from './iso-date.ts';

export type NonWorkingReason = 'weekend' | 'bank_holiday' | 'closure_day';

export interface ExplanationStep {
  date: IsoDate;
  counted: boolean;
  /** 1 for the first working day counted, 2 for the second… (also when counting backwards). */
  workingDayNumber?: number;
  reason?: NonWorkingReason;
  /** The bank holiday's title, when reason is bank_holiday. */
  holiday?: string;
}

export interface Explanation {
  from: IsoDate;
  days: number;
  result: IsoDate;
  provisional: boolean;
  /** Every calendar day after `from` up to and including `result` (before it, going back, when days < 0). */
  steps: ExplanationStep[];
}

const REASONS: Record<number, NonWorkingReason> = {
  [DAY_WEEKEND]: 'weekend',
  [DAY_BANK_HOLIDAY]: 'bank_holiday',
  [DAY_CLOSURE]: 'closure_day',
};

export interface ExplainInput {
  index: CalendarIndex;
  holidayByDay: ReadonlyMap<EpochDay, { title: string }>;
  start: EpochDay;
  n: number;
  result: EpochDay;
  provisional: boolean;
}

export function explainCount({ index, holidayByDay, start, n, result, provisional }: ExplainInput): Explanation {
  const steps: ExplanationStep[] = [];
  const direction = n < 0 ? -1 : 1;
  let counted = 0;
  for (let day = start + direction; n !== 0 && day * direction <= result * direction; day += direction) {
    const reason = REASONS[index.kind[day - index.start]!];
    if (reason === undefined) {
      counted++;
      steps.push({ date: fromEpochDay(day), counted: true, workingDayNumber: counted });
    } else if (reason === 'bank_holiday') {
      steps.push({ date: fromEpochDay(day), counted: false, reason, holiday: holidayByDay.get(day)?.title ?? 'Bank holiday' });
    } else {
      steps.push({ date: fromEpochDay(day), counted: false, reason });
    }
  }
  return { from: fromEpochDay(start), days: n, result: fromEpochDay(result), provisional, steps };
}
