import t from 'tap';
import { sql } from 'kysely';
import { Readable } from 'node:stream';
import { receiveUpload } from '../../src/app/imports/receive-upload.ts';
import { calendarCache } from '../../src/domain/calendar/index.ts';
import { processImports } from '../../src/jobs/imports.ts';
import { createPostgresDb, DEFAULT_DATABASE_TIMEOUTS } from '../../src/store/database.ts';
import { findImport } from '../../src/store/imports.ts';
import { aKey, buildTestApp, fixedClock, ukCalendars } from '../helpers/test-app.ts';

// Several workers on one import (issue 12, speed): each batch locks its own lines and
// numbers its feed events as it inserts them; live creates of the same landlord go on.
const at = (date: string, time = '10:00:00+01:00') => `${date}T${time}`;
const ack = (date: string, handler = 'alice') => ({ command: 'acknowledge', occurredAt: at(date), definition: 'The boiler', outcomesSought: ['Repair it'], handler });
const create = (ref: string, receivedOn: string) => ({ externalRef: ref, channel: 'email', receivedAt: at(receivedOn), complainant: { name: `Resident ${ref}` }, description: 'The boiler' });
const line = (ref: string, receivedOn = '2025-05-01') => JSON.stringify({ ...create(ref, receivedOn), history: [ack(receivedOn.replace(/01$/, '02'))] }) + '\n';

t.test('two workers on one import, with live creates meanwhile: each line once, the feed numbered in commit order with no gaps', async (t) => {
  const { app, db, kind, url } = await buildTestApp(t, { clock: fixedClock('2026-11-23T10:00:00Z') });
  // On PostgreSQL the job runs as another instance would, on a pool of its own (two workers and one for references).
  const jobDb = kind === 'postgres' && url ? createPostgresDb(url, 4, undefined, { ...DEFAULT_DATABASE_TIMEOUTS, connectMs: 30_000 }) : db;
  if (jobDb !== db) t.teardown(() => jobDb.destroy());
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const now = new Date('2026-11-23T10:00:00Z');
  // Receipts over two years, so batches allocate references of both.
  const lines = Array.from({ length: 80 }, (_, i) => line(`PAR-${i}`, i % 2 === 0 ? '2025-05-01' : '2024-05-01')).join('');
  const { id } = await receiveUpload(db, { organisationId: crm.organisationId, format: 'ndjson', dryRun: false, actor: 'test', body: Readable.from([lines]), now: () => now });
  const workers = kind === 'postgres' ? 2 : 1;
  const live = Array.from({ length: 6 }, (_, i) =>
    app.inject({ method: 'POST', url: '/v1/complaints', headers: crm.headers, payload: create(`LIVE-PAR-${i}`, '2025-05-01') }),
  );
  const [finished] = await Promise.all([processImports(jobDb, { clock: () => now, calendarFor: calendarCache(ukCalendars), batchSize: 9, workers }), ...live]);
  t.equal(finished, 1);
  t.match(await findImport(db, crm.organisationId, id), { status: 'done', imported: 80, unchanged: 0, rejected: 0 });
  for (const res of await Promise.all(live)) t.equal(res.statusCode, 201);
  const refs = await db.selectFrom('complaints').select('reference').where('organisation_id', '=', crm.organisationId).execute();
  t.equal(new Set(refs.map((r) => r.reference)).size, 86, 'every reference once');
  const { rows } = await sql<{ sequence: number | null; complaint_id: string; version: number }>`
    select sequence, complaint_id, (data->>'version')::int as version from events where organisation_id = ${crm.organisationId} order by sequence`.execute(db);
  t.equal(rows.length, 80 * 2 + 6, "every complaint's events, once");
  t.same(rows.map((r) => Number(r.sequence)), rows.map((_, i) => i + 1), 'numbered 1..n, no gaps, none missing');
  const last = new Map<string, number>();
  const inOrder = rows.every((r) => {
    const ok = (last.get(r.complaint_id) ?? 0) < r.version;
    last.set(r.complaint_id, r.version);
    return ok;
  });
  t.ok(inOrder, "each complaint's events in the order they happened");
  const head = await sql<{ last_sequence: number }>`select last_sequence from event_sequences where organisation_id = ${crm.organisationId}`.execute(db);
  t.equal(Number(head.rows[0]!.last_sequence), rows.length, 'the counter is where the feed ends');
  const feed = await app.inject({ method: 'GET', url: '/v1/events?limit=500', headers: crm.headers });
  t.equal(feed.statusCode, 200);
  t.equal(feed.json().items.length, rows.length, 'the feed serves them all');
});
