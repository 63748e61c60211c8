import { randomUUID } from 'node:crypto';
import { generateApiKeySecret, hashApiKeySecret } from '../domain/access/api-key-secret.ts';
import { isScope, type Scope } from '../domain/access/scopes.ts';
import type { Db } from './database.ts';

export interface ApiKey {
  id: string;
  organisationId: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedApiKey extends ApiKey {
  /** The whole key: shown once, never stored. */
  secret: string;
}

type ApiKeyRow = {
  id: string;
  organisation_id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

const columns = ['id', 'organisation_id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at'] as const;

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.filter(isScope),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function createApiKey(
  db: Db,
  input: { organisationId: string; name: string; scopes: readonly Scope[]; now: Date },
): Promise<CreatedApiKey> {
  const { secret, prefix, hash } = generateApiKeySecret();
  const row = await db
    .insertInto('api_keys')
    .values({
      id: randomUUID(),
      organisation_id: input.organisationId,
      name: input.name,
      prefix,
      secret_hash: hash,
      scopes: [...new Set(input.scopes)],
      created_at: input.now,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return { ...toApiKey(row), secret };
}

/** The live key with this secret, recording its use at most once a minute. */
export async function findActiveApiKeyBySecret(db: Db, secret: string, now: Date): Promise<ApiKey | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .select(columns)
    .where('secret_hash', '=', hashApiKeySecret(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const staleBefore = new Date(now.getTime() - 60_000);
  if (!row.last_used_at || row.last_used_at < staleBefore) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: now })
      .where('organisation_id', '=', row.organisation_id)
      .where('id', '=', row.id)
      .execute();
  }
  return toApiKey(row);
}

export async function listApiKeys(db: Db, organisationId: string): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map(toApiKey);
}

/** Revokes a key of this organisation; undefined when it has no such key. Revoking twice keeps the first time. */
export async function revokeApiKey(db: Db, organisationId: string, id: string, now: Date): Promise<ApiKey | undefined> {
  await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await db
    .selectFrom('api_keys')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toApiKey(row) : undefined;
}
