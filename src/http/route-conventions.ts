import type { FastifyInstance, RouteOptions } from 'fastify';
import { problemResponse } from './problem-schema.ts';

type Responses = Record<string, unknown>;

// Adds to every route's schema the error statuses the shared machinery can answer with,
// so the OpenAPI document lists every status a route returns; and refuses to start when
// a /v1 route forgets to declare the scope it needs.
export function registerRouteConventions(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.schema?.hide) return;
    const scope = route.config?.scope;
    if (route.url.startsWith('/v1/') && !scope && route.method !== 'OPTIONS') {
      throw new Error(`Route ${String(route.method)} ${route.url} must declare config.scope`);
    }
    const schema = (route.schema ??= {});
    const response = (schema.response as Responses | undefined) ?? {};
    const add = (status: number, description: string) => {
      response[status] ??= problemResponse(description);
    };
    if (schema.body || schema.querystring || schema.params || schema.headers) add(400, 'The request is invalid: see `errors`');
    if (schema.body) {
      add(413, 'The body is larger than the limit');
      add(415, 'The body is not JSON');
    }
    if (scope) {
      add(401, 'No valid API key was given');
      add(403, `The API key lacks the \`${scope}\` scope`);
      schema.security = [{ apiKey: [] }];
      schema.description = [schema.description, `Requires the \`${scope}\` scope.`].filter(Boolean).join('\n\n');
    }
    add(500, 'An unexpected error; logged with the request id');
    add(503, 'The service is shutting down or its database is unavailable; retry');
    schema.response = response;
  });
}
