import { CalendarError } from './calendar-error.ts';

/** The three UK bank-holiday divisions, spelt as GOV.UK's feed spells them. */
export const DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;

export type Division = (typeof DIVISIONS)[number];

export function isDivision(value: unknown): value is Division {
  return typeof value === 'string' && (DIVISIONS as readonly string[]).includes(value);
}

export function parseDivision(value: unknown): Division {
  if (!isDivision(value)) {
    throw new CalendarError('unknown_division', `unknown division ${JSON.stringify(value)}; expected one of ${DIVISIONS.join(', ')}`);
  }
  return value;
}
