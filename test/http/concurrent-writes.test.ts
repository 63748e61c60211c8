import t from 'tap';
import { aKey, buildTestApp } from '../helpers/test-app.ts';
import { realServerUrl } from '../helpers/test-database.ts';

// Twenty writers at once on one landlord, through a pool of several connections on a real
// server, so the transactions really overlap (on PGlite they would queue on one connection).
const skip = (await realServerUrl()) ? false : 'needs a real PostgreSQL server for concurrent connections (TEST_DATABASE_URL or Docker); PGlite has one';
const complaint = { channel: 'phone', receivedAt: '2026-11-20T09:30:00Z', complainant: { name: 'Ben Tenant', phone: '07700 900000' }, description: 'Damp', outcomesSought: ['Treat it'] };

t.test('concurrent writers', { skip }, async (t) => {
  // A clock that moves on a millisecond each time it is read, as a real one does between
  // requests: a command that read it earlier but got the row lock later must still apply.
  let now = Date.parse('2026-11-23T10:00:00Z');
  const { app, db } = await buildTestApp(t, { clock: () => new Date(now++) });
  const { headers } = await aKey(db, ['complaints:read', 'complaints:write']);

  await t.test('20 creates with one externalRef: one 201, nineteen 409 external_ref_taken', async (t) => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.inject({ method: 'POST', url: '/v1/complaints', headers: { ...headers, 'idempotency-key': `race-${i}` }, payload: { ...complaint, externalRef: 'CRM-RACE' } }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    t.same(statuses, [201, ...Array<number>(19).fill(409)], statuses.join(' '));
    t.ok(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'external_ref_taken'));
    const listed = (await app.inject({ method: 'GET', url: '/v1/complaints?q=CRM-RACE', headers })).json().items;
    t.equal(listed.length, 1, 'one complaint exists');
  });

  await t.test('20 commands without If-Match on one complaint apply one after the other', async (t) => {
    const id = (await app.inject({ method: 'POST', url: '/v1/complaints', headers, payload: complaint })).json().id as string;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.inject({ method: 'POST', url: `/v1/complaints/${id}/contacts`, headers, payload: { direction: 'outbound', channel: 'phone', summary: `Call ${i}` } }),
      ),
    );
    t.same(answers.map((a) => a.statusCode), Array<number>(20).fill(200), answers.filter((a) => a.statusCode !== 200).map((a) => a.body).join('\n'));
    t.same(answers.map((a) => a.json().version as number).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 2), 'versions 2 to 21, each once');
    const read = (await app.inject({ method: 'GET', url: `/v1/complaints/${id}`, headers })).json();
    t.equal(read.contacts.length, 20, 'every contact recorded');
  });
});
