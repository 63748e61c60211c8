import t from 'tap';
import { sql } from 'kysely';
import { logNewComplaint } from '../../src/store/complaint-commands.ts';
import { calendarCache } from '../../src/domain/calendar/index.ts';
import { pruneEvents } from '../../src/store/events.ts';
import { aKey, buildTestApp, movableClock, ukCalendars } from '../helpers/test-app.ts';

const aComplaint = (overrides: object = {}) => ({
  channel: 'phone',
  receivedAt: '2026-11-20T09:30:00Z',
  complainant: { name: 'Ben Tenant', phone: '07700 900000', tenancyRef: 'T-42' },
  description: 'Damp in the bedroom was not treated',
  outcomesSought: ['Treat the damp'],
  category: 'repairs',
  externalRef: 'CRM-1001',
  ...overrides,
});

t.test('the change feed', async (t) => {
  const clock = movableClock('2026-11-23T10:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const crm = await aKey(db, ['complaints:read', 'complaints:write', 'admin']);
  const other = await aKey(db, ['complaints:read', 'complaints:write']);
  const feed = async (query = '', headers = crm.headers) => app.inject({ method: 'GET', url: `/v1/events${query}`, headers });

  await t.test('every change is an event carrying the complaint and what changed', async (t) => {
    const created = await app.inject({ method: 'POST', url: '/v1/complaints', headers: crm.headers, payload: aComplaint() });
    t.equal(created.statusCode, 201);
    const id = created.json().id as string;
    const acked = await app.inject({
      method: 'POST',
      url: `/v1/complaints/${id}/acknowledge`,
      headers: crm.headers,
      payload: { definition: 'Damp not treated', outcomesSought: ['Treat the damp'], handler: 'carol' },
    });
    t.equal(acked.statusCode, 200);
    const organisation = await app.inject({ method: 'GET', url: '/v1/organisation', headers: crm.headers });
    const put = await app.inject({ method: 'PUT', url: '/v1/organisation', headers: crm.headers, payload: { ...organisation.json<object>(), name: 'Riverside Homes Group', id: undefined, version: undefined, createdAt: undefined, updatedAt: undefined, retention: undefined } });
    const page = await feed();
    t.equal(page.statusCode, 200);
    const items = page.json().items as { type: string; sequence: number; data: Record<string, unknown>; organisationId: string }[];
    t.same(items.slice(0, 2).map((e) => e.type), ['complaint.logged', 'complaint.acknowledged']);
    t.same(items.map((e) => e.sequence), items.map((_, i) => i + 1), 'sequences 1, 2, 3... in order');
    t.match(items[0]?.data, { complaintId: id, reference: 'CMP-2026-000001', externalRef: 'CRM-1001', status: 'received', stage: 1, version: 1 });
    t.match(items[0]?.data.change, { channel: 'phone', fromPublicForm: false });
    t.notOk(JSON.stringify(items[0]).includes('07700'), "the resident's details stay behind the API");
    t.match(items[1]?.data, { status: 'stage_1_in_progress', version: 2 });
    if (put.statusCode === 200) t.match(items[2], { type: 'organisation.changed', data: { changedFields: ['name'] } });
    else t.fail(`organisation PUT answered ${put.statusCode}: ${put.body}`);
    const otherFeed = await feed('', other.headers);
    t.same(otherFeed.json().items, [], "another landlord sees none of it");
  });

  await t.test('a stored cursor resumes exactly after the last event; types filter; bad input', async (t) => {
    const first = (await feed('?limit=1')).json();
    t.equal(first.items.length, 1);
    const rest = (await feed(`?after=${first.nextCursor}`)).json();
    t.equal(rest.items[0].sequence, 2);
    const end = (await feed(`?after=${rest.nextCursor}`)).json();
    t.same(end.items, [], 'nothing new');
    t.equal(end.nextCursor, rest.nextCursor, 'the cursor stays put at the head');
    const acks = (await feed('?types=complaint.acknowledged')).json();
    t.same(acks.items.map((e: { type: string }) => e.type), ['complaint.acknowledged']);
    t.equal((await feed('?types=complaint.nonsense')).statusCode, 400);
    t.equal((await feed('?after=garbage')).statusCode, 400);
    t.equal((await feed('', { authorization: 'Bearer nope' })).statusCode, 401);
  });

  await t.test('a cursor older than retention gets 410; without one the feed starts at the oldest kept', async (t) => {
    const start = (await feed('?limit=1')).json().nextCursor as string;
    await app.inject({ method: 'POST', url: '/v1/complaints', headers: crm.headers, payload: aComplaint({ externalRef: 'CRM-1002' }) });
    const pruned = await pruneEvents(db, new Date('2026-11-24T00:00:00Z'));
    t.ok(pruned >= 3, 'the old events went');
    const gone = await feed(`?after=${start}`);
    t.equal(gone.statusCode, 410);
    t.equal(gone.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.equal(gone.json().code, 'cursor_expired');
    const fresh = (await feed()).json();
    t.same(fresh.items, [], 'every event was older than the cut-off');
  });
});

t.test('outbox atomicity: a transaction that fails after the state write leaves no event and no change', async (t) => {
  const { db } = await buildTestApp(t);
  const crm = await aKey(db, ['complaints:write']);
  const who = { organisationId: crm.organisationId, actor: crm.key.id, recordedAt: new Date('2026-11-23T10:00:00Z'), clock: () => new Date('2026-11-23T10:00:00Z'), calendarFor: calendarCache(ukCalendars) };
  const input = { channel: 'phone', receivedAt: '2026-11-20T09:30:00Z', complainant: { name: 'A', phone: '1' }, description: 'd', outcomesSought: ['o'] };
  await t.rejects(
    db.transaction().execute(async (tx) => {
      await logNewComplaint(tx, who, input as never, new Date('2026-11-20T09:30:00Z'));
      const inside = await sql<{ n: number }>`select count(*)::int as n from events`.execute(tx);
      t.equal(inside.rows[0]?.n, 1, 'the event was written beside the state');
      throw new Error('the transaction fails after the state write');
    }),
  );
  const events = await sql<{ n: number }>`select count(*)::int as n from events`.execute(db);
  const complaints = await sql<{ n: number }>`select count(*)::int as n from complaints`.execute(db);
  t.equal(events.rows[0]?.n, 0, 'no event');
  t.equal(complaints.rows[0]?.n, 0, 'no complaint');
  await db.transaction().execute(async (tx) => logNewComplaint(tx, who, input as never, new Date('2026-11-20T09:30:00Z')));
  const after = await sql<{ n: number; s: number }>`select count(*)::int as n, max(sequence)::int as s from events`.execute(db);
  t.same(after.rows[0], { n: 1, s: 1 }, 'a committed change has its event, numbered at commit; the rolled-back one took no number');
});
