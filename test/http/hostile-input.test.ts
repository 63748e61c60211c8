import t from 'tap';
import { findOrganisation, updateOrganisation } from '../../src/store/organisations.ts';
import { aKey, buildTestApp } from '../helpers/test-app.ts';

// Inputs that used to answer 500 or Fastify's own bodies: each is now a 4xx problem+json
// with a request id, and changes nothing.

const complaint = { channel: 'phone', receivedAt: '2026-11-20T09:30:00Z', complainant: { name: 'Ben Tenant', phone: '07700 900000' }, description: 'Damp', outcomesSought: ['Treat it'] };

t.test('hostile input answers 4xx problem+json and changes nothing', async (t) => {
  const { app, db } = await buildTestApp(t);
  const { headers } = await aKey(db, ['admin', 'complaints:read', 'complaints:write', 'reports:read']);
  const created = await app.inject({ method: 'POST', url: '/v1/complaints', headers, payload: complaint });
  t.equal(created.statusCode, 201);
  const id = created.json().id as string;
  const { name, division, homes, closureDays, complaintsContact, ombudsman, intakeOrigins } = (await app.inject({ method: 'GET', url: '/v1/organisation', headers })).json();
  const settings = { name, division, homes, closureDays, complaintsContact, ombudsman, intakeOrigins };
  const count = async () => (await app.inject({ method: 'GET', url: '/v1/complaints', headers })).json().items.length as number;

  const cases: { name: string; method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'; url: string; payload?: unknown; headers?: Record<string, string>; status: number; code: string; field?: string }[] = [
    { name: 'NUL in a description', method: 'POST', url: '/v1/complaints', payload: { ...complaint, description: 'mould\u0000here' }, status: 400, code: 'validation_failed', field: 'body.description' },
    { name: 'NUL in a nested name', method: 'POST', url: '/v1/complaints', payload: { ...complaint, complainant: { name: 'B\u0000n' } }, status: 400, code: 'validation_failed', field: 'body.complainant.name' },
    { name: 'NUL in a list item', method: 'POST', url: `/v1/complaints/${id}/actions`, payload: { description: 'x\u0000', owner: 'o', dueDate: '2026-12-01' }, status: 400, code: 'validation_failed', field: 'body.description' },
    { name: 'NUL in an API key name', method: 'POST', url: '/v1/api-keys', payload: { name: 'crm\u0000', scopes: ['admin'] }, status: 400, code: 'validation_failed', field: 'body.name' },
    { name: 'NUL in a search', method: 'GET', url: '/v1/complaints?q=%00', status: 400, code: 'validation_failed', field: 'query.q' },
    { name: 'NUL in a filter', method: 'GET', url: '/v1/complaints?handler=a%00b', status: 400, code: 'validation_failed', field: 'query.handler' },
    { name: 'NUL in a path', method: 'GET', url: '/v1/complaints/%00', status: 400, code: 'validation_failed', field: 'params.idOrReference' },
    { name: 'limit=Infinity', method: 'GET', url: '/v1/complaints?limit=Infinity', status: 400, code: 'validation_failed', field: 'query.limit' },
    { name: 'limit=Infinity on breaches', method: 'GET', url: '/v1/sla/breaches?limit=Infinity', status: 400, code: 'validation_failed', field: 'query.limit' },
    { name: 'limit=NaN on due', method: 'GET', url: '/v1/sla/due?limit=NaN', status: 400, code: 'validation_failed', field: 'query.limit' },
    { name: 'year=1e309', method: 'GET', url: '/v1/reports/tsm?year=1e309', status: 400, code: 'validation_failed', field: 'query.year' },
    { name: 'stage=1e309', method: 'GET', url: '/v1/reports/tsm/cases?year=2025&measure=CH01&stage=1e309', status: 400, code: 'validation_failed', field: 'query.stage' },
    { name: 'a body number past the finite', method: 'POST', url: `/v1/complaints/${id}/remedies`, payload: '{"type":"financial","description":"x","compensationPence":1e309}', headers: { 'content-type': 'application/json' }, status: 400, code: 'validation_failed', field: 'body.compensationPence' },
    { name: 'an over-long path id', method: 'GET', url: `/v1/complaints/${'a'.repeat(3000)}`, status: 414, code: 'uri_too_long' },
    { name: 'a wrong method', method: 'DELETE', url: '/v1/complaints', status: 405, code: 'method_not_allowed' },
    { name: 'a wrong method on an item', method: 'PATCH', url: `/v1/complaints/${id}`, status: 405, code: 'method_not_allowed' },
    { name: 'a text body', method: 'POST', url: '/v1/complaints', payload: 'hello', headers: { 'content-type': 'text/plain' }, status: 415, code: 'unsupported_media_type' },
    { name: 'malformed JSON', method: 'POST', url: '/v1/complaints', payload: '{"channel":', headers: { 'content-type': 'application/json' }, status: 400, code: 'malformed_json' },
    { name: 'an unknown query parameter on a read', method: 'GET', url: `/v1/complaints/${id}?expand=all`, status: 400, code: 'validation_failed', field: 'query.expand' },
    { name: 'an unknown query parameter on a history', method: 'GET', url: `/v1/complaints/${id}/events?since=1`, status: 400, code: 'validation_failed', field: 'query.since' },
    { name: 'an unknown query parameter on a command', method: 'POST', url: `/v1/complaints/${id}/escalate?force=true`, payload: {}, status: 400, code: 'validation_failed', field: 'query.force' },
    { name: 'a weak If-Match', method: 'POST', url: `/v1/complaints/${id}/contacts`, payload: { direction: 'outbound', channel: 'phone', summary: 'Called' }, headers: { 'if-match': 'W/"1"' }, status: 412, code: 'stale_version' },
    { name: 'an If-Match past any version', method: 'PUT', url: '/v1/organisation', payload: settings, headers: { 'if-match': '"99999999999999999999"' }, status: 412, code: 'stale_version' },
    { name: 'a malformed If-Match', method: 'POST', url: `/v1/complaints/${id}/contacts`, payload: { direction: 'outbound', channel: 'phone', summary: 'Called' }, headers: { 'if-match': '1' }, status: 400, code: 'invalid_if_match' },
  ];
  for (const c of cases) {
    const res = await app.inject({ method: c.method, url: c.url, headers: { ...headers, ...c.headers }, ...(c.payload === undefined ? {} : { payload: c.payload as string }) });
    t.equal(res.statusCode, c.status, `${c.name}: ${res.body.slice(0, 200)}`);
    t.match(res.headers['content-type'], /^application\/problem\+json/, `${c.name}: problem+json`);
    t.ok(res.headers['x-request-id'], `${c.name}: X-Request-Id`);
    const body = res.json();
    t.equal(body.code, c.code, c.name);
    if (c.field) t.ok(body.errors?.some((e: { field: string }) => e.field === c.field), `${c.name}: names ${c.field} (${JSON.stringify(body.errors)})`);
  }
  const wrong = await app.inject({ method: 'DELETE', url: '/v1/complaints', headers });
  t.equal(wrong.headers.allow, 'GET, HEAD, POST', 'the 405 says which methods the path takes');

  t.equal(await count(), 1, 'nothing was created');
  const read = await app.inject({ method: 'GET', url: `/v1/complaints/${id}`, headers });
  t.equal(read.json().version, 1, 'nothing was changed');
  const strong = await app.inject({ method: 'POST', url: `/v1/complaints/${id}/contacts`, headers: { ...headers, 'if-match': '"7", "1"' }, payload: { direction: 'outbound', channel: 'phone', summary: 'Called' } });
  t.equal(strong.statusCode, 200, 'an If-Match list holding the current version matches');
});

t.test("a complaint's history pages by cursor", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { headers } = await aKey(db, ['complaints:read', 'complaints:write']);
  const id = (await app.inject({ method: 'POST', url: '/v1/complaints', headers, payload: complaint })).json().id as string;
  for (let i = 0; i < 6; i++) {
    const res = await app.inject({ method: 'POST', url: `/v1/complaints/${id}/contacts`, headers, payload: { direction: 'outbound', channel: 'phone', summary: `Call ${i}` } });
    t.equal(res.statusCode, 200);
  }
  const seen: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await app.inject({ method: 'GET', url: `/v1/complaints/${id}/events?limit=3${cursor ? `&cursor=${cursor}` : ''}`, headers });
    t.equal(res.statusCode, 200);
    const page: { items: { version: number }[]; nextCursor: string | null } = res.json();
    seen.push(...page.items.map((e) => e.version));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  t.same(seen, [1, 2, 3, 4, 5, 6, 7], 'every event once, oldest first');
  t.equal(pages, 3, 'pages of 3, 3 and 1');
  const bad = await app.inject({ method: 'GET', url: `/v1/complaints/${id}/events?cursor=bm9wZQ`, headers });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().code, 'invalid_cursor');
});

t.test('the public form lets the browser read Retry-After', async (t) => {
  const { app, db } = await buildTestApp(t, { intakeLimits: { perKeyPerMinute: 1, perAddressPerMinute: 10 } });
  const { headers, organisationId } = await aKey(db, ['intake:create']);
  const origin = 'https://www.riverside.example';
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) throw new Error('the organisation exists');
  await updateOrganisation(db, organisationId, { ...organisation, intakeOrigins: [origin] }, undefined, new Date('2026-11-01T00:00:00Z'));
  const form = { name: 'Ben', whatWentWrong: 'Damp', email: 'ben@example.org', consentToContact: true };
  const post = () => app.inject({ method: 'POST', url: '/v1/public/complaints', headers: { ...headers, origin }, payload: form });
  t.equal((await post()).statusCode, 201);
  const limited = await post();
  t.equal(limited.statusCode, 429);
  t.ok(limited.headers['retry-after'], 'Retry-After is sent');
  t.equal(limited.headers['access-control-allow-origin'], origin);
  t.match(String(limited.headers['access-control-expose-headers']), /Retry-After/i, 'and exposed to the page');
});
