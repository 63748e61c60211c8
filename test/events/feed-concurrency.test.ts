import { randomUUID } from 'node:crypto';
import t from 'tap';
import { createPostgresDb } from '../../src/store/database.ts';
import { insertPublicEvents, readFeed } from '../../src/store/events.ts';
import { anOrganisation } from '../helpers/test-app.ts';
import { realServerUrl, testDatabase } from '../helpers/test-database.ts';

// Many writers commit out of order (each sleeps a random while between writing its event
// and committing) while a reader follows the feed with its stored cursor. With sequences
// taken at insert time, a reader would hand out a cursor past an event still uncommitted
// and then never see it; here it must see every committed event exactly once, in order.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const skip = (await realServerUrl()) ? false : 'needs a real PostgreSQL server for concurrent writers (TEST_DATABASE_URL or Docker); PGlite has one connection';
t.test('the feed under concurrent writers: every committed event once, in order, none behind a cursor', { skip }, async (t) => {
  const database = await testDatabase(t);
  if (!database.url) throw new Error('a real server database has a URL');
  const organisation = await anOrganisation(database.db);
  const writers = createPostgresDb(database.url, 12);
  t.teardown(() => writers.destroy());

  const committed = new Set<string>();
  let writing = true;
  const writer = async (w: number) => {
    for (let i = 0; i < 40; i++) {
      const ids = Array.from({ length: 1 + (i % 3) }, () => randomUUID());
      const rollBack = i % 7 === 3;
      try {
        await writers.transaction().execute(async (tx) => {
          const now = new Date();
          await insertPublicEvents(
            tx,
            ids.map((id) => ({ id, type: 'policy.changed', organisationId: organisation.id, complaintId: null, occurredAt: now, createdAt: now, data: { w, i } })),
          );
          await sleep(Math.random() * 25);
          if (rollBack) throw new Error('rolled back on purpose');
        });
        for (const id of ids) committed.add(id);
      } catch (err) {
        if (!rollBack) throw err;
      }
    }
  };

  const seen: { id: string; sequence: number }[] = [];
  let cursor: number | undefined;
  const reader = async () => {
    for (;;) {
      const stillWriting = writing;
      const page = await readFeed(database.db, { organisationId: organisation.id, after: cursor, types: undefined, limit: 7 });
      if (page.kind !== 'page') throw new Error('unexpected expiry');
      for (const e of page.events) seen.push({ id: e.id, sequence: e.sequence });
      cursor = page.position;
      if (!stillWriting && page.events.length === 0) return;
      await sleep(Math.random() * 5);
    }
  };

  const readerDone = reader();
  await Promise.all(Array.from({ length: 10 }, (_, w) => writer(w)));
  writing = false;
  await readerDone;

  t.ok(committed.size > 500, `${committed.size} events committed by 10 writers`);
  t.equal(seen.length, committed.size, 'the reader saw as many events as were committed');
  t.equal(new Set(seen.map((e) => e.id)).size, seen.length, 'no duplicate');
  t.ok(seen.every((e) => committed.has(e.id)), 'nothing rolled back was seen');
  t.same(seen.map((e) => e.sequence), seen.map((_, i) => i + 1), 'sequences 1..N with no gap (rollbacks took no number), read in order');
});
