import type { FastifyInstance } from 'fastify';
import { HttpProblem } from './http-problem.ts';
import type { FieldError } from './problem-schema.ts';

/**
 * What PostgreSQL cannot store and JSON Schema does not catch: a NUL character (U+0000) in
 * any text, and a number too large to be finite (`1e309` parses to Infinity). Both are
 * refused with 400 naming the field, before validation, so nothing is changed and nothing
 * is silently altered: the text is the resident's own words.
 */
// Half of a UTF-16 surrogate pair on its own ("\ud800" in JSON): jsonb refuses it (a 500) and
// a text column would silently store U+FFFD instead.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Deeper than any body the API accepts; walking a hostile `[[[[…]]]]` further overflows the stack.
const MAX_DEPTH = 32;

function problemsIn(value: unknown, path: string, found: FieldError[], depth = 0): void {
  if (found.length >= 20) return;
  if (depth > MAX_DEPTH) {
    found.push({ field: path, message: `is nested more than ${MAX_DEPTH} levels deep` });
    return;
  }
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({ field: path, message: 'must not contain the NUL character (U+0000)' });
    else if (LONE_SURROGATE.test(value)) found.push({ field: path, message: 'must not contain an unpaired UTF-16 surrogate' });
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.push({ field: path, message: 'must be a finite number' });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => problemsIn(item, `${path}.${i}`, found, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push({ field: path, message: 'must not have a field name containing the NUL character (U+0000)' });
      else problemsIn(item, `${path}.${key}`, found, depth + 1);
    }
  }
}

export function refuseUnstorableInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found: FieldError[] = [];
    problemsIn(request.params, 'params', found);
    problemsIn(request.query, 'query', found);
    problemsIn(request.body, 'body', found);
    if (found.length === 0) return;
    const detail = `The request is invalid: ${found.map((e) => `${e.field} ${e.message}`).join('; ')}`;
    throw new HttpProblem(400, 'validation_failed', 'Validation failed', detail, found);
  });
}
