import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from './http-problem.ts';

/**
 * A body that has not fully arrived `timeoutMs` after its headers (a client trickling a
 * byte at a time, or one that stalled) is answered 408 problem+json with the request id,
 * and the connection closed, so it cannot hold a socket and a request slot for ever.
 * Node's own requestTimeout would answer too, but in Fastify's plain JSON, only on its
 * 30-second check, and without our request id.
 */
export function limitBodyTime(app: FastifyInstance, timeoutMs: number): void {
  app.addHook('preParsing', async (request, reply, payload) => {
    const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (!hasBody) return payload;
    const limited = new PassThrough();
    const timer = setTimeout(() => {
      payload.unpipe(limited);
      payload.pause();
      reply.header('connection', 'close');
      const error = Object.assign(
        new HttpProblem(408, 'request_timeout', 'Request timeout', `The request body did not arrive within ${timeoutMs} ms`),
        { statusCode: 408 },
      );
      limited.destroy(error);
    }, timeoutMs);
    timer.unref();
    const done = () => clearTimeout(timer);
    limited.once('end', done).once('close', done);
    reply.raw.once('close', done);
    payload.once('error', (err) => limited.destroy(err));
    payload.pipe(limited);
    return limited;
  });
}
