import { DAY_BANK_HOLIDAY, DAY_CLOSURE, DAY_WEEKEND, type CalendarIndex } from './calendar-index.ts';
import { fromEpochDay, type EpochDay, type IsoDate } from './iso-date.ts';

export type NonWorkingReason = 'weekend' | 'bank_holiday' | 'closure_day';

export interface ExplanationStep {
  date: IsoDate;
  counted: boolean;
  /**
   * 1 for the first working day counted, 2 for the second… (also when counting backwards);
   * 0 for day 0 when `from` is not a working day and the count starts from this day instead.
   */
  workingDayNumber?: number;
  reason?: NonWorkingReason;
  /** The bank holiday's title, when reason is bank_holiday. */
  holiday?: string;
}

export interface Explanation {
  from: IsoDate;
  /** Day 0: `from`, or the next working day when `from` is not one (domain §4). */
  startsOn: IsoDate;
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
  /** Day 0 of the count: `start` or, when that is not a working day, the next one. */
  dayZero: EpochDay;
  n: number;
  result: EpochDay;
  provisional: boolean;
}

export function explainCount({ index, holidayByDay, start, dayZero, n, result, provisional }: ExplainInput): Explanation {
  const steps: ExplanationStep[] = [];
  const direction = n < 0 ? -1 : 1;
  let counted = 0;
  for (let day = start + direction; day * direction <= result * direction; day += direction) {
    const reason = REASONS[index.kind[day - index.start]!];
    if (day === dayZero) {
      steps.push({ date: fromEpochDay(day), counted: false, workingDayNumber: 0 });
    } else if (reason === undefined) {
      counted++;
      steps.push({ date: fromEpochDay(day), counted: true, workingDayNumber: counted });
    } else if (reason === 'bank_holiday') {
      steps.push({ date: fromEpochDay(day), counted: false, reason, holiday: holidayByDay.get(day)?.title ?? 'Bank holiday' });
    } else {
      steps.push({ date: fromEpochDay(day), counted: false, reason });
    }
  }
  return { from: fromEpochDay(start), startsOn: fromEpochDay(dayZero), days: n, result: fromEpochDay(result), provisional, steps };
}
