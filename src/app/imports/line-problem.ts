import { isCalendarError } from '../../domain/calendar/index.ts';
import { DomainError, type DomainErrorKind } from '../../domain/domain-error.ts';

// A rejected line's reason, as the problem+json a live command would have answered.

const STATUS: Record<DomainErrorKind, number> = { invalid_input: 400, not_found: 404, conflict: 409, unprocessable: 422 };
const TITLE: Record<number, string> = { 400: 'Bad request', 404: 'Not found', 409: 'Conflict', 422: 'Unprocessable content' };

export interface LineProblem {
  [key: string]: unknown;
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
}

export function problemOf(kind: DomainErrorKind, code: string, detail: string, errors: readonly { field: string; message: string }[] = [], where?: string): LineProblem {
  const status = STATUS[kind];
  const fields = errors.map((e) => ({ field: where ? `${where}.${e.field}` : e.field, message: e.message }));
  return { type: `urn:complaints-api:problem:${code}`, title: TITLE[status] ?? 'Error', status, detail: where ? `${where}: ${detail}` : detail, code, ...(fields.length ? { errors: fields } : {}) };
}

/** A domain or calendar refusal as a problem; anything else is a fault, not the line's. */
export function problemOfError(error: unknown, where?: string): LineProblem {
  if (error instanceof DomainError) return problemOf(error.kind, error.code, error.message, error.fields, where);
  if (isCalendarError(error)) return problemOf('invalid_input', (error as { code: string }).code, (error as Error).message, [], where);
  throw error;
}

export class LineRejected extends Error {
  constructor(readonly problem: LineProblem) {
    super(problem.detail);
  }
}
