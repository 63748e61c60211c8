import type { FieldError } from './problem-schema.ts';

/** An error the HTTP layer raises itself (authentication, not found, preconditions). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpProblem(404, 'not_found', 'Not found', `${what} was not found`);
