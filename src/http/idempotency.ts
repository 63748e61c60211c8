import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Clock } from '../domain/clock.ts';
import type { Db } from '../store/database.ts';
import { idempotent, type StoredResponse } from '../store/idempotency.ts';
import { principalOf } from './auth.ts';

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '^[\\x21-\\x7e]+$',
      description: 'a unique key per logical request: a retry with the same key and body replays the first answer; with another body it is refused (422)',
    }),
  ),
});

/**
 * Runs a POST's work once per Idempotency-Key and sends the (possibly replayed) answer.
 * Replays carry `Idempotent-Replayed: true`.
 */
export async function sendIdempotent(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { db: Db; clock: Clock },
  work: (tx: Db) => Promise<StoredResponse>,
): Promise<FastifyReply> {
  const key = request.headers['idempotency-key'];
  const result = await idempotent(
    deps.db,
    {
      organisationId: principalOf(request).organisationId,
      key: typeof key === 'string' ? key : undefined,
      fingerprint: { method: request.method, path: request.url, body: request.body ?? null },
      now: deps.clock(),
    },
    work,
  );
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(result.status).headers(result.headers).send(result.body);
}
