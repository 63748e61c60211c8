import type { FastifyInstance } from 'fastify';

/**
 * A POST with nothing to say (escalate, withdraw, complete a remedy) may come with no
 * body at all, or an empty one labelled JSON, as many HTTP clients send it: both mean `{}`.
 * Validation then names any field that was required, instead of refusing the request as
 * "body must be object" or "not valid JSON".
 */
export function treatEmptyBodiesAsEmptyObjects(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  // Only JSON bodies: Fastify's built-in text/plain parser would let a text body reach
  // validation as a string ("body must be object") instead of answering 415.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text === '') return done(null, {});
    return parseJson(request, text, done);
  });
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && (request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH')) request.body = {};
  });
}
