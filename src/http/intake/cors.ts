import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../store/database.ts';
import { isKnownIntakeOrigin } from '../../store/rate-limits.ts';
import { HttpProblem } from '../http-problem.ts';

const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key';

/**
 * A browser's preflight carries no API key, so it cannot name the landlord: it is
 * allowed for an origin some landlord has listed (the only cross-organisation read, and
 * it reveals nothing but yes or no). The POST itself is then held to its own landlord's list.
 */
export async function answerPreflight(db: Db, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const origin = request.headers.origin;
  reply.header('vary', 'Origin');
  if (typeof origin === 'string' && (await isKnownIntakeOrigin(db, origin))) {
    reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', ALLOWED_HEADERS)
      .header('access-control-max-age', '600');
  }
  return reply.code(204).send();
}

/** Requests from a browser must come from one of the key's landlord's origins. */
export function allowOrigin(request: FastifyRequest, reply: FastifyReply, allowed: readonly string[]): void {
  const origin = request.headers.origin;
  reply.header('vary', 'Origin');
  if (origin === undefined) return;
  if (!allowed.includes(origin)) {
    throw new HttpProblem(403, 'origin_not_allowed', 'Forbidden', `Complaints cannot be posted from ${origin}; the landlord has not listed it`);
  }
  // A browser script may read only the headers listed here: it needs Retry-After after a 429.
  reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', 'Retry-After, X-Request-Id');
}
