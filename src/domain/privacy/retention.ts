import type { IsoDate } from '../calendar/index.ts';
import { addMonths } from './add-months.ts';

// The landlord's retention schedule: a complaint's personal data is anonymised this many
// years after it ended (closed, declined or withdrawn), unless a legal hold applies then.

export const DEFAULT_RETENTION_YEARS = 6;
export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 100;

export interface RetentionSchedule {
  anonymiseAfterYears: number;
}

/** The first day the complaint is due for anonymisation. */
export function anonymisationDueOn(endedOn: IsoDate, schedule: RetentionSchedule): IsoDate {
  return addMonths(endedOn, schedule.anonymiseAfterYears * 12);
}
