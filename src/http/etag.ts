import { HttpProblem } from './http-problem.ts';

/** A resource's version as a strong ETag. */
export const etagOf = (version: number): string => `"${version}"`;

// RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, and If-Match takes `*` or a
// comma-separated list of them.
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;
// Versions are positive int4s; a longer number can only be an ETag we never sent.
const OUR_VERSION = /^[1-9]\d{0,8}$/;

/**
 * The versions an If-Match header accepts, or undefined when it accepts any (absent or `*`).
 * If-Match compares strongly (RFC 9110 §13.1.1): a weak tag, or a well-formed tag this API
 * never sent, matches nothing, so the write is refused with 412; a malformed header is 400.
 */
export function versionsFromIfMatch(header: string | undefined): number[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const tags = header.split(',').map((tag) => ENTITY_TAG.exec(tag.trim()));
  if (tags.length === 0 || tags.some((tag) => tag === null)) {
    throw new HttpProblem(400, 'invalid_if_match', 'Bad request', 'If-Match must be `*` or a list of ETags, such as "3"', [
      { field: 'headers.if-match', message: 'is not an entity-tag list (RFC 9110)' },
    ]);
  }
  return tags.filter((tag) => tag && !tag[1] && OUR_VERSION.test(tag[2] ?? '')).map((tag) => Number(tag?.[2]));
}

export const staleVersion = () =>
  new HttpProblem(412, 'stale_version', 'Precondition failed', 'The resource changed since it was read (or If-Match names no version of it): read it again, then retry');
