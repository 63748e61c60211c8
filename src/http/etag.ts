import { HttpProblem } from './http-problem.ts';

/** A resource's version as a strong ETag. */
export const etagOf = (version: number): string => `"${version}"`;

/** The version an If-Match header names, or undefined without one; `*` matches any. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  if (!match) {
    throw new HttpProblem(400, 'invalid_if_match', 'Bad request', 'If-Match must be an ETag this API sent, such as "3"', [
      { field: 'headers.if-match', message: 'is not an ETag of this API' },
    ]);
  }
  return Number(match[1]);
}

export const staleVersion = () =>
  new HttpProblem(412, 'stale_version', 'Precondition failed', 'The resource changed since it was read: read it again, then retry');
