import t from 'tap';
import { updateOrganisation, findOrganisation } from '../../src/store/organisations.ts';
import { aKey, buildTestApp, fixedClock } from '../helpers/test-app.ts';

const form = { name: 'Cara Resident', phone: '07700 900123', whatWentWrong: 'Nobody came to fix the leak', consentToContact: true };
const ORIGIN = 'https://www.riverside.example';

t.test('public intake from the landlord website', async (t) => {
  // Sat 21 Nov 2026 14:00: a weekend receipt counts from Monday 23 Nov; acknowledge by 30 Nov (+5).
  const { app, db } = await buildTestApp(t, { clock: fixedClock('2026-11-21T14:00:00Z'), intakeLimits: { perKeyPerMinute: 4, perAddressPerMinute: 3 } });
  const web = await aKey(db, ['intake:create']);
  const organisation = await findOrganisation(db, web.organisationId);
  await updateOrganisation(db, web.organisationId, { ...organisation!, intakeOrigins: [ORIGIN] }, undefined, new Date('2026-11-01T00:00:00Z'));
  const submit = (payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/v1/public/complaints', headers: { ...web.headers, ...headers }, payload });

  await t.test('CORS: preflight and POST allowed only for listed origins', async (t) => {
    const preflight = await app.inject({ method: 'OPTIONS', url: '/v1/public/complaints', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    t.equal(preflight.statusCode, 204);
    t.equal(preflight.headers['access-control-allow-origin'], ORIGIN);
    t.match(preflight.headers['access-control-allow-headers'], /authorization/);
    const stranger = await app.inject({ method: 'OPTIONS', url: '/v1/public/complaints', headers: { origin: 'https://evil.example' } });
    t.notOk(stranger.headers['access-control-allow-origin'], 'no CORS grant for an unlisted origin');

    const ok = await submit(form, { origin: ORIGIN });
    t.equal(ok.statusCode, 201);
    t.equal(ok.headers['access-control-allow-origin'], ORIGIN);
    t.same(ok.json(), { reference: 'CMP-2026-000001', acknowledgementDueDate: '2026-11-30' });
    const refused = await submit(form, { origin: 'https://evil.example' });
    t.equal(refused.statusCode, 403);
    t.equal(refused.json().code, 'origin_not_allowed');
  });

  await t.test('bad submissions are refused and create nothing', async (t) => {
    const honeypot = await submit({ ...form, website: 'http://spam.example' });
    t.equal(honeypot.statusCode, 400);
    t.equal(honeypot.json().code, 'submission_rejected');
    const noContact = await submit({ name: 'X', whatWentWrong: 'Y', consentToContact: true });
    t.equal(noContact.statusCode, 422);
    t.equal(noContact.json().code, 'contact_details_missing');
    const tooBig = await submit({ ...form, whatWentWrong: 'x'.repeat(40_000) });
    t.equal(tooBig.statusCode, 413);
    const extra = await submit({ ...form, priority: 'urgent' });
    t.equal(extra.statusCode, 400);
  });

  await t.test('rate-limited per key, with Retry-After', async (t) => {
    // One accepted above and two refused after counting; the limit of 4 a minute is reached now.
    const responses = [];
    for (let i = 0; i < 3; i++) responses.push(await submit(form));
    const limited = responses.find((r) => r.statusCode === 429);
    t.ok(limited, 'a submission over the limit is refused');
    t.equal(limited?.json().code, 'rate_limited');
    t.ok(Number(limited?.headers['retry-after']) > 0, 'Retry-After says when to come back');
  });

  await t.test('the intake key can do nothing else', async (t) => {
    t.equal((await app.inject({ method: 'GET', url: '/v1/complaints', headers: web.headers })).statusCode, 403);
    t.equal((await app.inject({ method: 'POST', url: '/v1/complaints', headers: web.headers, payload: {} })).statusCode, 403);
  });
});

t.test('the two rate limits are separate: per key, whatever the address; per address, whatever the key', async (t) => {
  const { app, db } = await buildTestApp(t, { clock: fixedClock('2026-11-23T10:00:00Z'), intakeLimits: { perKeyPerMinute: 2, perAddressPerMinute: 3 } });
  const first = await aKey(db, ['intake:create']);
  const second = await aKey(db, ['intake:create'], first.organisationId);
  const third = await aKey(db, ['intake:create'], first.organisationId);
  const submit = (key: { headers: Record<string, string> }, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/v1/public/complaints', headers: key.headers, payload: form, remoteAddress });

  const byKey = [await submit(first, '192.0.2.1'), await submit(first, '192.0.2.2'), await submit(first, '192.0.2.3')];
  t.same(byKey.map((r) => r.statusCode), [201, 201, 429], 'one key: refused after 2 a minute, from any address');
  const byAddress = [await submit(second, '198.51.100.7'), await submit(third, '198.51.100.7'), await submit(second, '198.51.100.7'), await submit(third, '198.51.100.7')];
  t.same(byAddress.map((r) => r.statusCode), [201, 201, 201, 429], 'one address: refused after 3 a minute, whichever key');

  const crm = await aKey(db, ['complaints:write', 'complaints:read'], first.organisationId);
  const wrongScope = await submit(crm, '203.0.113.9');
  t.equal(wrongScope.statusCode, 403, 'a key without intake:create cannot post the form');
  t.equal(wrongScope.json().code, 'insufficient_scope');
});
