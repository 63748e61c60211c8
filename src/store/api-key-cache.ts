import { hashApiKeySecret } from '../domain/access/api-key-secret.ts';
import type { ApiKey } from './api-keys.ts';
import { findActiveApiKeyBySecret } from './api-keys.ts';
import type { Db } from './database.ts';

// Every authenticated request needs its key. Each process keeps a key it has read for
// REVALIDATE_MS and then reads it again, so a key revoked on any instance stops working on
// every instance within that time (the revoking instance forgets it at once), with one key
// read per key and process every half second instead of one per request. A key that is not
// found is not remembered: a wrong key costs its read each time, as before.

export const REVALIDATE_MS = 500;
const MAX_CACHED = 10_000;

interface Entry {
  key: ApiKey;
  readAt: number;
}

/** Per Db handle, so two apps in one process (as in the tests) each keep their own. */
const caches = new WeakMap<Db, Map<string, Entry>>();

function cacheOf(db: Db): Map<string, Entry> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, Entry>()));
  return cache;
}

/** The live key with this secret, as findActiveApiKeyBySecret, read at most every REVALIDATE_MS. */
export async function findActiveApiKeyCached(db: Db, secret: string, now: Date, monotonicNow: number = performance.now()): Promise<ApiKey | undefined> {
  const cache = cacheOf(db);
  const hash = hashApiKeySecret(secret);
  const entry = cache.get(hash);
  if (entry && monotonicNow - entry.readAt < REVALIDATE_MS) return entry.key;
  const key = await findActiveApiKeyBySecret(db, secret, now);
  if (!key) {
    cache.delete(hash);
    return undefined;
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(hash, { key, readAt: monotonicNow });
  return key;
}

/** Forgets a key this process revoked, so it stops working here at once. */
export function forgetApiKey(db: Db, id: string): void {
  const cache = cacheOf(db);
  for (const [hash, entry] of cache) if (entry.key.id === id) cache.delete(hash);
}
