import type { Complaint, Deadline } from '../domain/complaint/index.ts';
import { findComplaintWithDeadlines } from './complaint-queries.ts';
import { localChangesOf, type Db } from './database.ts';
import type { ChangeCounter } from './pglite-dialect.ts';

// GET /v1/complaints/:idOrReference on the embedded database. PGlite runs its queries on
// the event loop, one at a time: reading a complaint there costs about 1 ms, most of the
// embedded server's time under a read load. Only this process can write its data directory,
// so a complaint read once can be answered again from memory until the next statement that
// may change data (any write at all: the cache does not try to tell which complaints a
// write touched). On PostgreSQL, where other instances write, there is no cache.
//
// Entries are shared between requests: callers must not modify what they are given
// (complaintView copies). Only what was found is kept, and at most MAX_ENTRIES.

type Found = { complaint: Complaint; deadlines: Deadline[] };

const MAX_ENTRIES = 2000;

interface Cache {
  /** The change count the entries were read at. */
  at: number;
  entries: Map<string, Found>;
}

const caches = new WeakMap<ChangeCounter, Cache>();

export async function findComplaintWithDeadlinesCached(db: Db, organisationId: string, idOrReference: string): Promise<Found | undefined> {
  const changes = localChangesOf(db);
  if (!changes) return findComplaintWithDeadlines(db, organisationId, idOrReference);
  let cache = caches.get(changes);
  if (!cache || cache.at !== changes.value) {
    cache = { at: changes.value, entries: new Map() };
    caches.set(changes, cache);
  }
  const key = `${organisationId} ${idOrReference}`;
  const hit = cache.entries.get(key);
  if (hit) return hit;
  const found = await findComplaintWithDeadlines(db, organisationId, idOrReference);
  // Kept only if nothing may have been written while it was read.
  if (found && changes.value === cache.at && caches.get(changes) === cache && cache.entries.size < MAX_ENTRIES) cache.entries.set(key, found);
  return found;
}
