import type { FastifyInstance, FastifyRequest } from 'fastify';
import { looksLikeApiKey } from '../domain/access/api-key-secret.ts';
import { grants, type Scope } from '../domain/access/scopes.ts';
import type { Clock } from '../domain/clock.ts';
import { findActiveApiKeyCached } from '../store/api-key-cache.ts';
import type { Db } from '../store/database.ts';
import { HttpProblem } from './http-problem.ts';

/** Who is calling: one landlord's key and what it may do. */
export interface Principal {
  organisationId: string;
  apiKeyId: string;
  scopes: readonly Scope[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a /v1 route needs; every /v1 route must declare one. */
    scope?: Scope;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

const unauthenticated = (detail: string) => new HttpProblem(401, 'unauthenticated', 'Unauthenticated', detail);

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <api key>"');
  return match[1];
}

/** Authenticates every route that declares a scope, before its input is validated. */
export function registerAuthentication(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  app.addHook('onRequest', async (request) => {
    const scope = request.routeOptions.config.scope;
    if (!scope) return;
    const token = bearerToken(request);
    if (!token) throw unauthenticated('An API key is required: send "Authorization: Bearer <api key>"');
    const key = looksLikeApiKey(token) ? await findActiveApiKeyCached(deps.db, token, deps.clock()) : undefined;
    if (!key) throw unauthenticated('The API key is not valid or has been revoked');
    request.principal = { organisationId: key.organisationId, apiKeyId: key.id, scopes: key.scopes };
    if (!grants(key.scopes, scope)) {
      throw new HttpProblem(403, 'insufficient_scope', 'Forbidden', `This API key lacks the "${scope}" scope this operation needs`);
    }
  });
}

/** The authenticated caller of a route that declared a scope. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`route ${request.url} read the principal without declaring a scope`);
  return request.principal;
}
