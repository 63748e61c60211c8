import { isIsoDate, londonDateOf, type IsoDate } from '../calendar/index.ts';
import { DomainError } from '../domain-error.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Collects required elements that are missing, so one 422 lists them all. */
export class Missing {
  readonly problems: FieldProblem[] = [];

  text(value: unknown, field: string, what = 'is required'): void {
    if (!isText(value)) this.problems.push({ field, message: what });
  }

  truthy(value: unknown, field: string, what: string): void {
    if (value !== true) this.problems.push({ field, message: what });
  }

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  throwIfAny(code: string, what: string): void {
    if (this.problems.length === 0) return;
    const list = this.problems.map((p) => p.field).join(', ');
    throw new DomainError('unprocessable', code, `${what} is missing required elements: ${list}`, this.problems);
  }
}

export function isoDate(value: unknown, field: string): IsoDate {
  if (!isIsoDate(value)) throw new DomainError('invalid_input', 'invalid_date', `${field} must be a date YYYY-MM-DD`, [{ field, message: 'must be a date YYYY-MM-DD' }]);
  return value;
}

/** An ISO 8601 instant with offset, normalised to UTC `…Z`. */
export function instant(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new DomainError('invalid_input', 'invalid_time', `${field} must be an ISO 8601 instant with offset`, [{ field, message: 'must be an instant' }]);
  londonDateOf(value);
  return new Date(value).toISOString();
}

export function oneOf<T extends string>(list: readonly T[], value: unknown, field: string, code = 'invalid_value'): T {
  if (typeof value === 'string' && (list as readonly string[]).includes(value)) return value as T;
  throw new DomainError('invalid_input', code, `${field} must be one of ${list.join(', ')}, got ${JSON.stringify(value)}`, [
    { field, message: `must be one of ${list.join(', ')}` },
  ]);
}

export function pence(value: unknown, field: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new DomainError('invalid_input', 'invalid_amount', `${field} must be a whole number of pence, at least 0`, [{ field, message: 'must be whole pence ≥ 0' }]);
  }
  return value;
}

export function textOrNull(value: string | null | undefined): string | null {
  return isText(value) ? value.trim() : null;
}

/** The next id in a list of `prefix`-numbered items (m1, m2…): deterministic, so commands stay pure. */
export function nextId(prefix: string, existing: readonly { id: string }[]): string {
  return `${prefix}${existing.length + 1}`;
}
