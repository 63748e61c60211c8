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

  constructor(code: CalendarErrorCode, message: string, fields: readonly { field: string; message: string }[] = []) {
    super('invalid_input', code, message, fields);
    this.name = 'CalendarError';
  }
}

export function isCalendarError(value: unknown): value is CalendarError {
  return value instanceof CalendarError;
}

/**
 * Runs `fn`, pinning any calendar error it throws on `field` (e.g. `query.days`), so an
 * API client is told which of its inputs was out of range, as for schema validation.
 */
export function blameField<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (isCalendarError(error)) throw new CalendarError(error.code, error.message, [{ field, message: error.message }]);
    throw error;
  }
}
