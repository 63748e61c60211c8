import type { FastifyInstance, RouteOptions } from 'fastify';
import { scopesGranting } from '../domain/access/scopes.ts';
import { problemResponse } from './problem-schema.ts';

type Responses = Record<string, unknown>;
// @fastify/swagger turns each into an OpenAPI header object ({ description, schema }).
type Header = { type: 'string'; description: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Successful answers carry the resource's ETag (its version), for If-Match. */
    etag?: boolean;
    /** A 201 carries Location, the new resource's path. */
    location?: boolean;
  }
}

const header = (description: string): Header => ({ type: 'string', description });
const HEADERS = {
  etag: header('the version of the resource, for If-Match on the next write, e.g. "3"'),
  location: header("the new resource's path"),
  replayed: header('`true` when this is the stored answer to an earlier request with the same Idempotency-Key'),
  retryAfter: header('seconds to wait before trying again'),
  wwwAuthenticate: header('`Bearer`'),
  requestId: header('the request id, as logged; yours when you sent a plain X-Request-Id'),
};
const REASONS: Record<string, string> = { 200: 'OK', 201: 'Created', 204: 'No content' };

/** A response entry in OpenAPI form (description, headers, content), whichever form the route wrote it in. */
function withHeaders(entry: unknown, status: string, headers: Record<string, Header>): unknown {
  const given = entry as { description?: string; content?: unknown; headers?: Record<string, Header> };
  const asEntry = given.content !== undefined ? given : { description: given.description ?? REASONS[status] ?? 'Success', content: { 'application/json': { schema: entry } } };
  return { ...asEntry, headers: { ...asEntry.headers, ...headers } };
}

/**
 * Decorates every route's schema with what the shared machinery does, so the OpenAPI
 * document tells a generated client the whole truth: the error statuses every route can
 * answer with, the headers it sends, the scope it needs. Refuses to start when a /v1 route
 * forgets its scope or its operationId (generated clients name their methods by it).
 */
export function registerRouteConventions(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    // HEAD routes share their GET's schema object: decorate it once.
    if (route.schema?.hide || route.method === 'HEAD' || route.method === 'OPTIONS') return;
    const config = route.config ?? {};
    const scope = config.scope;
    const schema = (route.schema ??= {});
    if (route.url.startsWith('/v1/')) {
      if (!scope) throw new Error(`Route ${String(route.method)} ${route.url} must declare config.scope`);
      if (!schema.operationId) throw new Error(`Route ${String(route.method)} ${route.url} must declare schema.operationId`);
    }
    // One rule for query parameters everywhere: an unknown one is a 400 naming it (a typo in
    // a filter must not silently return everything), so routes without any take none.
    schema.querystring ??= { type: 'object', properties: {}, additionalProperties: false };
    const response = (schema.response as Responses | undefined) ?? {};
    const add = (status: number, description: string) => {
      response[status] ??= problemResponse(description);
    };
    if (schema.body || schema.querystring || schema.params || schema.headers) add(400, 'The request is invalid: see `errors`');
    if (schema.params) add(414, 'A path parameter is longer than any id this API issues');
    if (schema.body) {
      add(413, 'The body is larger than the limit');
      add(415, 'The body is not JSON');
    }
    if (scope) {
      add(401, 'No valid API key was given');
      const also = scopesGranting(scope).slice(1).map((s) => `\`${s}\``);
      const granting = `the \`${scope}\` scope${also.length ? ` (or ${also.join(', ')})` : ''}`;
      add(403, `The API key lacks ${granting}`);
      schema.security = scopesGranting(scope).map((s) => ({ apiKey: [s] }));
      schema.description = [schema.description, `Requires ${granting}.`].filter(Boolean).join('\n\n');
    } else {
      // Said outright, so clients and linters know no key is needed (health checks).
      schema.security = [];
    }
    add(500, 'An unexpected error; logged with the request id');
    add(503, 'The service is shutting down or its database is unavailable; retry');

    const idempotent = (schema.headers as { properties?: Record<string, unknown> } | undefined)?.properties?.['idempotency-key'] !== undefined;
    for (const status of Object.keys(response)) {
      const headers: Record<string, Header> = { 'x-request-id': HEADERS.requestId };
      if (status.startsWith('2')) {
        if (config.etag) headers.etag = HEADERS.etag;
        if (config.location && status === '201') headers.location = HEADERS.location;
        if (idempotent) headers['idempotent-replayed'] = HEADERS.replayed;
      }
      if (status === '401') headers['www-authenticate'] = HEADERS.wwwAuthenticate;
      if (status === '429' || status === '503') headers['retry-after'] = HEADERS.retryAfter;
      response[status] = withHeaders(response[status], status, headers);
    }
    schema.response = response;
  });
}
