import { sql } from 'kysely';
import t from 'tap';
import { deadlinesOfComplaints, findComplaintWithDeadlines } from '../../src/store/complaint-queries.ts';
import { aKey, buildTestApp, movableClock } from '../helpers/test-app.ts';

// The stored deadlines come back as one JSON value per complaint (instants written by
// to_char): read back, they must be exactly the deadlines the command computed and saved,
// instants to the millisecond, nulls as nulls, in due-date order.
t.test('a complaint read back has exactly the deadlines its command saved', async (t) => {
  const clock = movableClock('2026-10-24T11:31:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: crm.headers, payload });
    t.ok(res.statusCode < 300, `${url}: ${res.body.slice(0, 200)}`);
    return res.json<{ id: string; organisationId: string; reference: string; deadlines: Record<string, unknown>[] }>();
  };
  const created = await post('/v1/complaints', {
    channel: 'phone',
    receivedAt: '2026-10-24T11:30:00.123Z',
    complainant: { name: 'Ada Resident' },
    description: 'No heating and a gas smell',
    hazard: { kind: 'emergency', description: 'Gas smell in the kitchen', awareAt: '2026-10-24T12:00:00.456+01:00' },
  });
  clock.set('2026-10-26T09:15:30.789Z');
  const acked = await post(`/v1/complaints/${created.id}/acknowledge`, { definition: 'No heating', outcomesSought: ['Fix it'], handler: 'carol' });
  const saved = acked.deadlines;
  t.ok(saved.some((d) => d.dueAt !== null) && saved.some((d) => d.dueAt === null), 'deadlines counted in hours and in days');
  t.ok(saved.some((d) => d.metAt === '2026-10-26T09:15:30.789Z'), 'one met, at an instant with milliseconds');
  t.ok(saved.some((d) => (d.countsFrom as { at?: string }).at === '2026-10-24T11:00:00.456Z'), 'one counted from an instant');

  // Stored by due date then kind; the API's view marks a pending deadline breached as of now.
  const order = (d: Record<string, unknown>) => `${String(d.dueDate)} ${String(d.kind)}`;
  const asSaved = saved
    .map((d) => ({ ...d, status: d.status === 'breached' ? 'pending' : d.status }))
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const found = await findComplaintWithDeadlines(db, created.organisationId, created.reference);
  t.equal(found?.complaint.id, created.id, 'found by reference');
  t.same(found?.deadlines, asSaved, 'one complaint: the saved deadlines, in order');
  t.strictSame(JSON.parse(JSON.stringify(found?.deadlines)), found?.deadlines, 'plain JSON values, no Dates');
  const listed = await deadlinesOfComplaints(db, created.organisationId, [created.id, '00000000-0000-4000-8000-000000000000']);
  t.same(listed.get(created.id), asSaved, 'a page of complaints: the same');
  t.same(listed.get('00000000-0000-4000-8000-000000000000'), [], 'a complaint with none has an empty list');

  await sql`delete from complaint_deadlines where complaint_id = ${created.id}`.execute(db);
  t.same((await findComplaintWithDeadlines(db, created.organisationId, created.id))?.deadlines, [], 'no deadlines left: an empty list');
  t.equal(await findComplaintWithDeadlines(db, created.organisationId, '00000000-0000-4000-8000-000000000000'), undefined, 'no such complaint');
});
