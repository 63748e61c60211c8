import { Type } from '@sinclair/typebox';
import { SCOPES } from '../../domain/access/scopes.ts';

export const ScopeSchema = Type.Union(SCOPES.map((s) => Type.Literal(s)), { $id: 'Scope' });

export const ApiKeySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    prefix: Type.String({ description: 'the first characters of the key, to tell keys apart' }),
    scopes: Type.Array(Type.Ref(ScopeSchema)),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'to the minute' }),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'ApiKey' },
);

export const CreatedApiKeySchema = Type.Composite(
  [ApiKeySchema, Type.Object({ secret: Type.String({ description: 'the whole key; shown only in this response' }) })],
  { $id: 'CreatedApiKey' },
);

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    scopes: Type.Array(Type.Ref(ScopeSchema), { minItems: 1, uniqueItems: true }),
  },
  { additionalProperties: false },
);

// The pattern refuses Ajv's `urn:uuid:` form, which PostgreSQL's uuid type does not take.
export const ApiKeyParams = Type.Object({ id: Type.String({ format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' }) });
