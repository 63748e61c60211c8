import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Clock } from '../../domain/clock.ts';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKey } from '../../store/api-keys.ts';
import { forgetApiKey } from '../../store/api-key-cache.ts';
import type { Db } from '../../store/database.ts';
import { principalOf } from '../auth.ts';
import { notFound } from '../http-problem.ts';
import { problemResponse } from '../problem-schema.ts';
import { ApiKeyParams, ApiKeySchema, CreateApiKeyBody, CreatedApiKeySchema } from './schemas.ts';

function toBody(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  app.post(
    '/v1/api-keys',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'createApiKey',
        tags: ['administration'],
        summary: 'Create an API key for this organisation; its secret is shown once',
        body: CreateApiKeyBody,
        response: { 201: Type.Ref(CreatedApiKeySchema) },
      },
    },
    async (request, reply) => {
      const { organisationId } = principalOf(request);
      const key = await createApiKey(db, { organisationId, ...request.body, now: clock() });
      return reply.code(201).send({ ...toBody(key), secret: key.secret });
    },
  );

  app.get(
    '/v1/api-keys',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'listApiKeys',
        tags: ['administration'],
        summary: "List this organisation's API keys, revoked ones included",
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(ApiKeySchema)) }) },
      },
    },
    async (request) => ({ items: (await listApiKeys(db, principalOf(request).organisationId)).map(toBody) }),
  );

  app.delete(
    '/v1/api-keys/:id',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'revokeApiKey',
        tags: ['administration'],
        summary: 'Revoke an API key; it stops working at once on this instance, within a second on every other',
        params: ApiKeyParams,
        response: { 200: Type.Ref(ApiKeySchema), 404: problemResponse('No such key in this organisation') },
      },
    },
    async (request) => {
      const key = await revokeApiKey(db, principalOf(request).organisationId, request.params.id, clock());
      if (!key) throw notFound(`API key ${request.params.id}`);
      forgetApiKey(db, key.id);
      return toBody(key);
    },
  );
};
