import t from 'tap';
import { aKey, anOrganisation, buildTestApp } from '../helpers/test-app.ts';

t.test('API keys: 401 without a valid key, 403 without the scope', async (t) => {
  const { app, db } = await buildTestApp(t);
  const admin = await aKey(db, ['admin']);
  const reader = await aKey(db, ['complaints:read'], admin.organisationId);

  const none = await app.inject({ method: 'GET', url: '/v1/api-keys' });
  t.equal(none.statusCode, 401);
  t.equal(none.json().code, 'unauthenticated');
  t.equal(none.headers['www-authenticate'], 'Bearer');

  for (const authorization of ['Bearer cmpk_' + 'A'.repeat(43), 'Basic Zm9vOmJhcg==', 'Bearer', 'Bearer not-a-key']) {
    const res = await app.inject({ method: 'GET', url: '/v1/api-keys', headers: { authorization } });
    t.equal(res.statusCode, 401, `${authorization} is refused`);
  }

  const wrongScope = await app.inject({ method: 'GET', url: '/v1/api-keys', headers: reader.headers });
  t.equal(wrongScope.statusCode, 403);
  t.equal(wrongScope.json().code, 'insufficient_scope');
  t.match(wrongScope.json().detail, /admin/);

  const ok = await app.inject({ method: 'GET', url: '/v1/api-keys', headers: admin.headers });
  t.equal(ok.statusCode, 200);
});

t.test('an unauthenticated caller learns nothing about the input', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ method: 'POST', url: '/v1/api-keys', payload: { junk: true } });
  t.equal(res.statusCode, 401, 'authentication comes before validation');
});

t.test('keys are created with their secret shown once, listed without it, and revoked at once', async (t) => {
  const { app, db } = await buildTestApp(t);
  const admin = await aKey(db, ['admin']);

  const created = await app.inject({
    method: 'POST', url: '/v1/api-keys', headers: admin.headers, payload: { name: 'CRM sync', scopes: ['complaints:read', 'complaints:write'] },
  });
  t.equal(created.statusCode, 201);
  const key = created.json();
  t.match(key.secret, /^cmpk_[A-Za-z0-9_-]{43}$/);
  t.equal(key.prefix, key.secret.slice(0, 12));
  t.same(key.scopes, ['complaints:read', 'complaints:write']);

  const listed = await app.inject({ method: 'GET', url: '/v1/api-keys', headers: admin.headers });
  t.equal(listed.json().items.length, 2);
  t.notMatch(listed.body, key.secret, 'the secret is never shown again');
  const stored = await db.selectFrom('api_keys').select('secret_hash').where('id', '=', key.id).executeTakeFirstOrThrow();
  t.not(stored.secret_hash, key.secret, 'only a hash is stored');
  t.equal(stored.secret_hash.length, 64);

  const crm = { authorization: `Bearer ${key.secret}` };
  t.equal((await app.inject({ method: 'GET', url: '/v1/api-keys', headers: crm })).statusCode, 403, 'the new key works, with its own scopes');

  const revoked = await app.inject({ method: 'DELETE', url: `/v1/api-keys/${key.id}`, headers: admin.headers });
  t.equal(revoked.statusCode, 200);
  t.equal(revoked.json().revokedAt, '2026-11-23T10:00:00.000Z');
  t.equal((await app.inject({ method: 'GET', url: '/v1/api-keys', headers: crm })).statusCode, 401, 'a revoked key stops at once');

  const lastUsed = await app.inject({ method: 'GET', url: '/v1/api-keys', headers: admin.headers });
  const adminKey = lastUsed.json().items.find((k: { id: string }) => k.id === admin.key.id);
  t.equal(adminKey.lastUsedAt, '2026-11-23T10:00:00.000Z', 'use is recorded');
});

t.test("one landlord's key never sees or touches another's keys", async (t) => {
  const { app, db } = await buildTestApp(t);
  const ours = await aKey(db, ['admin']);
  const other = await anOrganisation(db, { name: 'Other Homes' });
  const theirs = await aKey(db, ['admin'], other.id);

  const listed = await app.inject({ method: 'GET', url: '/v1/api-keys', headers: ours.headers });
  t.same(listed.json().items.map((k: { id: string }) => k.id), [ours.key.id]);

  const revoke = await app.inject({ method: 'DELETE', url: `/v1/api-keys/${theirs.key.id}`, headers: ours.headers });
  t.equal(revoke.statusCode, 404);
  t.equal(revoke.json().code, 'not_found');
  t.equal((await app.inject({ method: 'GET', url: '/v1/api-keys', headers: theirs.headers })).statusCode, 200, 'their key still works');
});
