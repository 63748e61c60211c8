import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceMetrics } from '../../metrics/service-metrics.ts';
import { HttpProblem } from '../http-problem.ts';

const started = Symbol('metrics request started');
type Timed = FastifyRequest & { [started]?: number };

/** Request duration by route pattern and status, and requests in flight, for every route. */
export function measureRequests(app: FastifyInstance, metrics: ServiceMetrics): void {
  app.addHook('onRequest', async (request: Timed) => {
    request[started] = performance.now();
    metrics.requestStarted();
  });
  // A request ends once: answered, or abandoned by its client before the answer.
  const end = (request: Timed, status: number) => {
    const at = request[started];
    if (at === undefined) return;
    request[started] = undefined;
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requestEnded({ method: request.method, route, status, seconds: (performance.now() - at) / 1000 });
  };
  app.addHook('onResponse', async (request, reply) => end(request, reply.statusCode));
  app.addHook('onRequestAbort', async (request) => end(request, 499));
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The token a scraper must send, compared in constant time. */
function checkToken(request: FastifyRequest, token: string): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1] || !timingSafeEqual(digest(match[1]), digest(token))) {
    throw new HttpProblem(401, 'unauthenticated', 'Unauthenticated', 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>"');
  }
}

/**
 * GET /metrics on the API's own port, behind METRICS_TOKEN. Not in the OpenAPI document:
 * it is for the operator's Prometheus, not for the landlords' clients.
 */
export function metricsRoute(app: FastifyInstance, metrics: ServiceMetrics, token: string): void {
  app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
    checkToken(request, token);
    return reply.type(metrics.contentType).header('cache-control', 'no-store').send(await metrics.scrape());
  });
}
