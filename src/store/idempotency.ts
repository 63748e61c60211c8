import { createHash } from 'node:crypto';
import { DomainError } from '../domain/domain-error.ts';
import type { Db } from './database.ts';

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface IdempotencyRequest {
  organisationId: string;
  /** The caller's Idempotency-Key; undefined runs the work once, unguarded. */
  key: string | undefined;
  /** What makes two requests "the same": method, path and body. */
  fingerprint: unknown;
  now: Date;
}

function hashOf(fingerprint: unknown): string {
  return createHash('sha256').update(JSON.stringify(fingerprint)).digest('hex');
}

/**
 * Runs `work` in a transaction that also claims the idempotency key and stores the
 * response, so a retry after any failure either finds nothing (and runs again) or finds
 * the committed answer (and replays it): never both the write and a second write.
 * A concurrent retry waits on the key's row lock and then replays. Work that throws
 * rolls everything back, so a corrected retry with the same key can still succeed.
 */
export async function idempotent(
  db: Db,
  request: IdempotencyRequest,
  work: (tx: Db) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  const { key, organisationId } = request;
  if (key === undefined) return { ...(await db.transaction().execute(work)), replayed: false };
  const requestHash = hashOf(request.fingerprint);
  return db.transaction().execute(async (tx) => {
    const claimed = await tx
      .insertInto('idempotency_keys')
      .values({ organisation_id: organisationId, key, request_hash: requestHash, status_code: 0, response_body: 'null', response_headers: '{}', created_at: request.now })
      .onConflict((oc) => oc.columns(['organisation_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const previous = await tx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'response_body', 'response_headers'])
        .where('organisation_id', '=', organisationId)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (previous.request_hash !== requestHash) {
        throw new DomainError('unprocessable', 'idempotency_key_reused', 'This Idempotency-Key was used with a different request', [
          { field: 'headers.idempotency-key', message: 'was already used for another request; use a new key' },
        ]);
      }
      return { status: previous.status_code, body: previous.response_body, headers: previous.response_headers, replayed: true };
    }
    const response = await work(tx);
    await tx
      .updateTable('idempotency_keys')
      .set({ status_code: response.status, response_body: JSON.stringify(response.body), response_headers: JSON.stringify(response.headers) })
      .where('organisation_id', '=', organisationId)
      .where('key', '=', key)
      .execute();
    return { ...response, replayed: false };
  });
}

/** How long a key's answer is kept for replay: far beyond any client's retry window. */
export const IDEMPOTENCY_KEY_RETENTION_DAYS = 30;

/**
 * Forgets the keys claimed more than the retention period before `now`. Each holds a whole
 * response, one per POST: kept for ever they would outgrow the complaints themselves.
 */
export async function expireIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - IDEMPOTENCY_KEY_RETENTION_DAYS * 86_400_000);
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
