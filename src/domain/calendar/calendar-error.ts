import { DomainError } from '../domain-error.ts';

export type CalendarErrorCode =
  | 'invalid_date'
  | 'invalid_time'
  | 'invalid_year'
  | 'unknown_division'
  | 'out_of_range'
  | 'invalid_day_count'
  | 'invalid_feed';

/** The calendar's only error type: always bad input; `message` is safe to show to API clients. */
export class CalendarError extends DomainError {
  declare readonly code: CalendarErrorCode;

  constructor(code: CalendarErrorCode, message: string) {
    super('invalid_input', code, message);
    this.name = 'CalendarError';
  }
}

export function isCalendarError(value: unknown): value is CalendarError {
  return value instanceof CalendarError;
}
