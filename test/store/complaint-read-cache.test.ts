import { sql } from 'kysely';
import t from 'tap';
import { buildApp } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import { findComplaintWithDeadlinesCached } from '../../src/store/complaint-read-cache.ts';
import { createPgliteDb } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrator.ts';
import { aKey, movableClock, policyPresets, ukCalendars } from '../helpers/test-app.ts';
import { testDatabase } from '../helpers/test-database.ts';

const aComplaint = {
  channel: 'phone',
  receivedAt: '2026-11-20T09:30:00Z',
  complainant: { name: 'Ben Tenant', phone: '07700 900000', tenancyRef: 'T-42' },
  description: 'Damp in the bedroom was not treated',
  outcomesSought: ['Treat the damp'],
};
const ack = { definition: 'Damp in the bedroom was not treated', outcomesSought: ['Treat the damp'], handler: 'carol' };

t.test('on the embedded database a complaint read again comes from memory until anything may have been written', async (t) => {
  const db = await createPgliteDb(undefined);
  t.teardown(() => db.destroy());
  await migrateToLatest(db);
  const clock = movableClock('2026-11-23T10:00:00Z');
  const app = await buildApp({ db, clock, calendars: ukCalendars, presets: policyPresets, logger: createLogger('silent') });
  t.teardown(() => app.close());
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const get = (path: string) => app.inject({ method: 'GET', url: path, headers: crm.headers });
  const created = (await app.inject({ method: 'POST', url: '/v1/complaints', headers: crm.headers, payload: aComplaint })).json<{ id: string; organisationId: string; reference: string }>();
  const { id, organisationId, reference } = created;
  const read = () => findComplaintWithDeadlinesCached(db, organisationId, id);

  const first = await read();
  t.equal(await read(), first, 'the second read is the first answer, not a new query');
  await sql`select count(*) from complaints`.execute(db);
  t.equal(await read(), first, 'a plain SELECT changes nothing');

  await sql`select id from complaints where id = ${id} for update`.execute(db);
  const afterLock = await read();
  t.not(afterLock, first, 'a locking SELECT counts as a possible change');
  t.same(afterLock, first, 'and the complaint read again is the same');

  await t.rejects(
    db.transaction().execute(async (trx) => {
      await sql`update complaints set handler = 'someone' where id = ${id}`.execute(trx);
      throw new Error('rolled back');
    }),
  );
  const afterRollback = await read();
  t.not(afterRollback, afterLock, 'a write rolled back still counts');
  t.equal(afterRollback?.complaint.version, 1);

  // Through the API: a command, then a write the cache knows nothing about.
  t.equal((await get(`/v1/complaints/${reference}`)).json().status, 'received', 'read (and kept) by reference');
  const acked = await app.inject({ method: 'POST', url: `/v1/complaints/${id}/acknowledge`, headers: crm.headers, payload: ack });
  t.equal(acked.statusCode, 200);
  for (const path of [`/v1/complaints/${id}`, `/v1/complaints/${reference}`]) {
    const after = await get(path);
    t.equal(after.json().status, 'stage_1_in_progress', `${path} after the acknowledgement`);
    t.equal(after.headers.etag, '"2"');
  }
  await sql`update complaint_deadlines set due_date = '2026-11-24' where complaint_id = ${id} and kind = 'stage_1_response'`.execute(db);
  const moved = (await get(`/v1/complaints/${id}`)).json<{ deadlines: { kind: string; dueDate: string }[] }>();
  t.equal(moved.deadlines.find((d) => d.kind === 'stage_1_response')?.dueDate, '2026-11-24', 'a direct write is seen');
});

t.test('on PostgreSQL, which other instances write, every read goes to the database', async (t) => {
  const { db, kind } = await testDatabase(t);
  if (kind !== 'postgres') {
    t.comment('skipped: needs a real PostgreSQL server (TEST_DATABASE_URL)');
    return;
  }
  const clock = movableClock('2026-11-23T10:00:00Z');
  const app = await buildApp({ db, clock, calendars: ukCalendars, presets: policyPresets, logger: createLogger('silent') });
  t.teardown(() => app.close());
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const created = (await app.inject({ method: 'POST', url: '/v1/complaints', headers: crm.headers, payload: aComplaint })).json<{ id: string; organisationId: string }>();
  const first = await findComplaintWithDeadlinesCached(db, created.organisationId, created.id);
  const second = await findComplaintWithDeadlinesCached(db, created.organisationId, created.id);
  t.not(second, first, 'a new read');
  t.same(second, first);
});
