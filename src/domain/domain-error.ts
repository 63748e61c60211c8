/**
 * What kind of failure a domain rule reports; the HTTP layer maps each kind to a status
 * (invalid_input 400, not_found 404, conflict 409, unprocessable 422).
 */
export type DomainErrorKind = 'invalid_input' | 'not_found' | 'conflict' | 'unprocessable';

/** A broken business rule, with a stable code naming the rule (e.g. `extension_cap_exceeded`). */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly fields: readonly { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
