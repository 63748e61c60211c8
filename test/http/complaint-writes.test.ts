import t from 'tap';
import pg from 'pg';
import { sql } from 'kysely';
import { aKey, anOrganisation, buildTestApp, movableClock } from '../helpers/test-app.ts';

const aComplaint = (overrides: object = {}) => ({
  channel: 'phone',
  receivedAt: '2026-11-20T09:30:00Z',
  complainant: { name: 'Ben Tenant', phone: '07700 900000', tenancyRef: 'T-42' },
  description: 'Damp in the bedroom was not treated',
  outcomesSought: ['Treat the damp'],
  category: 'repairs',
  serviceArea: 'responsive repairs',
  externalRef: 'CRM-1001',
  ...overrides,
});
const ack = { definition: 'Damp in the bedroom was not treated', outcomesSought: ['Treat the damp'], handler: 'carol' };

t.test('complaint writes: idempotency, preconditions, rules, isolation', async (t) => {
  const clock = movableClock('2026-11-23T10:00:00Z');
  const { app, db, kind, url } = await buildTestApp(t, { clock });
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const post = (path: string, payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: path, headers: { ...crm.headers, ...headers }, payload });

  await t.test('a retried create makes one complaint; the same key with another body is refused', async (t) => {
    const first = await post('/v1/complaints', aComplaint(), { 'idempotency-key': 'crm-create-1001' });
    t.equal(first.statusCode, 201);
    t.equal(first.headers.etag, '"1"');
    t.equal(first.headers.location, `/v1/complaints/${first.json().id}`);
    // Fri 20 Nov 2026 09:30 + 5 working days: 23, 24, 25, 26, 27 Nov.
    t.match(first.json().deadlines.find((d: { kind: string }) => d.kind === 'stage_1_acknowledgement'), { dueDate: '2026-11-27', status: 'pending' });
    const retry = await post('/v1/complaints', aComplaint(), { 'idempotency-key': 'crm-create-1001' });
    t.equal(retry.statusCode, 201);
    t.equal(retry.headers['idempotent-replayed'], 'true');
    t.same(retry.json(), first.json(), 'the first answer, replayed');
    const reused = await post('/v1/complaints', aComplaint({ description: 'Something else' }), { 'idempotency-key': 'crm-create-1001' });
    t.equal(reused.statusCode, 422);
    t.equal(reused.json().code, 'idempotency_key_reused');
    const list = (await app.inject({ method: 'GET', url: '/v1/complaints', headers: crm.headers })).json();
    t.equal(list.items.length, 1, 'one complaint');
    const duplicateRef = await post('/v1/complaints', aComplaint(), { 'idempotency-key': 'another-key' });
    t.equal(duplicateRef.statusCode, 409, 'externalRef is unique per landlord');
    t.equal(duplicateRef.json().code, 'external_ref_taken');
  });

  const complaint = (await app.inject({ method: 'GET', url: '/v1/complaints/CMP-2026-000001', headers: crm.headers })).json();
  const id: string = complaint.id;

  await t.test('rules answer 409 with the rule named, missing elements 400 listing them, and change nothing', async (t) => {
    const early = await app.inject({ method: 'POST', url: `/v1/complaints/${id}/escalate`, headers: crm.headers });
    t.equal(early.statusCode, 409, 'a command with nothing to say may come with no body at all');
    t.equal(early.json().code, 'invalid_transition');
    const future = await post(`/v1/complaints/${id}/acknowledge`, { ...ack, occurredAt: '2026-11-24T10:00:00Z' });
    t.equal(future.statusCode, 409);
    t.equal(future.json().code, 'occurred_in_future');
    const beforeReceipt = await post(`/v1/complaints/${id}/acknowledge`, { ...ack, occurredAt: '2026-11-19T10:00:00Z' });
    t.equal(beforeReceipt.statusCode, 409, 'nothing is dated before the complaint was received');
    t.equal(beforeReceipt.json().code, 'occurred_before_previous_event');
    const acked = await post(`/v1/complaints/${id}/acknowledge`, { ...ack, occurredAt: '2026-11-23T10:00:00Z' }, { 'idempotency-key': 'ack-1' });
    t.equal(acked.statusCode, 200);
    const replay = await post(`/v1/complaints/${id}/acknowledge`, { ...ack, occurredAt: '2026-11-23T10:00:00Z' }, { 'idempotency-key': 'ack-1' });
    t.equal(replay.statusCode, 200, 'a retried command replays rather than failing as a second acknowledgement');
    t.equal(replay.json().version, acked.json().version);
    const incomplete = await post(`/v1/complaints/${id}/respond`, { stage: 1 });
    t.equal(incomplete.statusCode, 400, 'the schema requires every element, so one 400 lists every missing one');
    t.equal(incomplete.json().code, 'validation_failed');
    const fields = incomplete.json().errors.map((e: { field: string }) => e.field);
    t.ok(fields.every((f: string) => f.startsWith('body.')), `fields are named as in a 400: ${fields.join(', ')}`);
    for (const f of ['definition', 'decisions', 'remedies', 'outstandingActions', 'escalationExplained']) {
      t.ok(fields.some((x: string) => x.includes(f)), `${f} is listed`);
    }
    const events = (await app.inject({ method: 'GET', url: `/v1/complaints/${id}/events`, headers: crm.headers })).json().items;
    t.equal(events.length, 2, 'only the log and the one acknowledgement happened');
  });

  await t.test('If-Match: a stale version is refused with 412', async (t) => {
    const stale = await post(`/v1/complaints/${id}/contacts`, { direction: 'outbound', channel: 'phone', summary: 'Called' }, { 'if-match': '"1"' });
    t.equal(stale.statusCode, 412);
    t.equal(stale.json().code, 'stale_version');
    const fresh = await post(`/v1/complaints/${id}/contacts`, { direction: 'outbound', channel: 'phone', summary: 'Called' }, { 'if-match': '"2"' });
    t.equal(fresh.statusCode, 200);
    t.equal(fresh.headers.etag, '"3"');
  });

  await t.test("another landlord's key gets 404 and never sees the complaint", async (t) => {
    const other = await anOrganisation(db, { name: 'Other Homes' });
    const theirs = await aKey(db, ['complaints:read', 'complaints:write'], other.id);
    for (const path of [`/v1/complaints/${id}`, '/v1/complaints/CMP-2026-000001', `/v1/complaints/${id}/events`]) {
      t.equal((await app.inject({ method: 'GET', url: path, headers: theirs.headers })).statusCode, 404, path);
    }
    const write = await app.inject({ method: 'POST', url: `/v1/complaints/${id}/contacts`, headers: theirs.headers, payload: { direction: 'inbound', channel: 'email', summary: 'x' } });
    t.equal(write.statusCode, 404);
    t.same((await app.inject({ method: 'GET', url: '/v1/complaints', headers: theirs.headers })).json().items, []);
    const theirFirst = await app.inject({ method: 'POST', url: '/v1/complaints', headers: theirs.headers, payload: aComplaint() });
    t.equal(theirFirst.statusCode, 201, 'the same externalRef is free for another landlord');
    t.equal(theirFirst.json().reference, 'CMP-2026-000001', 'references are numbered per landlord');
  });

  await t.test('lists filter and page with a cursor', async (t) => {
    for (const [n, receivedAt] of [[2, '2026-11-18T09:00:00Z'], [3, '2026-11-10T09:00:00Z']] as const) {
      t.equal((await post('/v1/complaints', aComplaint({ externalRef: `CRM-100${n}`, receivedAt, category: 'antisocial behaviour' }))).statusCode, 201);
    }
    const get = async (query: string) => (await app.inject({ method: 'GET', url: `/v1/complaints?${query}`, headers: crm.headers })).json();
    const page1 = await get('limit=2');
    t.same(page1.items.map((c: { externalRef: string }) => c.externalRef), ['CRM-1001', 'CRM-1002'], 'newest received first');
    const page2 = await get(`limit=2&cursor=${page1.nextCursor}`);
    t.same(page2.items.map((c: { externalRef: string }) => c.externalRef), ['CRM-1003']);
    t.equal(page2.nextCursor, null);
    t.same((await get('status=stage_1_in_progress')).items.map((c: { externalRef: string }) => c.externalRef), ['CRM-1001']);
    t.equal((await get('category=antisocial%20behaviour')).items.length, 2);
    t.same((await get('q=1003')).items.map((c: { externalRef: string }) => c.externalRef), ['CRM-1003']);
    t.same((await get('receivedFrom=2026-11-15&receivedTo=2026-11-19')).items.map((c: { externalRef: string }) => c.externalRef), ['CRM-1002']);
    // CRM-1003, received Tue 10 Nov, was due to be acknowledged by Tue 17 Nov: breached today.
    t.same((await get('breached=true')).items.map((c: { externalRef: string }) => c.externalRef), ['CRM-1003']);
    const bad = await app.inject({ method: 'GET', url: '/v1/complaints?cursor=nonsense', headers: crm.headers });
    t.equal(bad.statusCode, 400);
    t.equal(bad.json().code, 'invalid_cursor');
  });

  await t.test('two commands at once on one complaint: one wins, the other gets 412, nothing is lost', { skip: kind === 'postgres' ? false : 'needs a real PostgreSQL server for concurrent connections' }, async (t) => {
    const current = (await app.inject({ method: 'GET', url: `/v1/complaints/${id}`, headers: crm.headers })).json();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    t.teardown(() => pool.end());
    // Hold the complaint's row lock so both requests are in flight together.
    const holder = await pool.connect();
    await holder.query('begin');
    await holder.query('select 1 from complaints where id = $1 for update', [id]);
    const headers = { 'if-match': `"${current.version}"` };
    const a = post(`/v1/complaints/${id}/contacts`, { direction: 'inbound', channel: 'email', summary: 'A' }, headers);
    const b = post(`/v1/complaints/${id}/contacts`, { direction: 'inbound', channel: 'email', summary: 'B' }, headers);
    await new Promise((r) => setTimeout(r, 200));
    await holder.query('commit');
    holder.release();
    const statuses = [(await a).statusCode, (await b).statusCode].sort();
    t.same(statuses, [200, 412]);
    const after = (await app.inject({ method: 'GET', url: `/v1/complaints/${id}`, headers: crm.headers })).json();
    t.equal(after.version, current.version + 1);
    t.equal(after.contacts.length, current.contacts.length + 1, 'exactly one contact recorded, none overwritten');
  });
});

t.test('a matter raised after the response becomes a new complaint linked both ways', async (t) => {
  const clock = movableClock('2026-11-23T10:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const post = (path: string, payload: object) => app.inject({ method: 'POST', url: path, headers: crm.headers, payload });
  const original = (await post('/v1/complaints', aComplaint())).json();
  await post(`/v1/complaints/${original.id}/acknowledge`, ack);
  clock.set('2026-11-25T10:00:00Z');
  const decisions = [{ matterId: original.matters[0].id, outcome: 'partly_upheld', reasons: 'Treatment was booked late' }];
  t.equal((await post(`/v1/complaints/${original.id}/respond`, { stage: 1, definition: ack.definition, decisions, remedies: [], outstandingActions: [], escalationExplained: true })).statusCode, 200);

  const late = await post(`/v1/complaints/${original.id}/matters`, { summary: 'The contractor was rude' });
  t.equal(late.statusCode, 409);
  t.equal(late.json().code, 'response_already_sent');

  clock.set('2026-11-26T10:00:00Z');
  const linked = await post(`/v1/complaints/${original.id}/linked-complaints`, { receivedAt: '2026-11-26T09:00:00Z', description: 'The contractor was rude' });
  t.equal(linked.statusCode, 201);
  t.equal(linked.json().linkedFrom, original.id);
  t.equal(linked.json().reference, 'CMP-2026-000002');
  t.equal(linked.json().complainant.name, 'Ben Tenant', "the original's complainant");
  // Thu 26 Nov 2026 + 5 working days: 27, 30 Nov, 1, 2, 3 Dec.
  t.match(linked.json().deadlines.find((d: { kind: string }) => d.kind === 'stage_1_acknowledgement'), { dueDate: '2026-12-03' });
  const after = (await app.inject({ method: 'GET', url: `/v1/complaints/${original.id}`, headers: crm.headers })).json();
  t.same(after.linkedComplaintIds, [linked.json().id]);
  // Stored with its number, not the placeholder it was built with: by reference, and in its events.
  const stored = await app.inject({ method: 'GET', url: '/v1/complaints/CMP-2026-000002', headers: crm.headers });
  t.equal(stored.json().id, linked.json().id);
  const { rows: events } = await sql<{ type: string; data: unknown }>`select type, data from events where complaint_id = ${linked.json().id}`.execute(db);
  t.ok(events.some((e) => e.type === 'complaint.logged'));
  t.ok(JSON.stringify(events).includes('CMP-2026-000002'), 'the events carry the number');
  t.notOk(JSON.stringify(events).includes('pending'), 'no placeholder left in the public events');
  t.equal((await post('/v1/complaints/00000000-0000-4000-8000-000000000000/linked-complaints', { receivedAt: '2026-11-26T09:00:00Z', description: 'x' })).statusCode, 404);
});
