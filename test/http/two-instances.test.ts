import t from 'tap';
import { buildApp } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import { createPostgresDb } from '../../src/store/database.ts';
import { realServerUrl } from '../helpers/test-database.ts';
import { aKey, buildTestApp, fixedClock, policyPresets, ukCalendars } from '../helpers/test-app.ts';

// Two API instances on one PostgreSQL, as behind a load balancer. Each keeps API keys and
// organisation settings in process; what one instance changes must hold on the other:
// a revoked key stops working there within a second, a new policy applies at once.

const clock = fixedClock('2026-11-23T10:00:00Z');
const skip = (await realServerUrl()) ? false : 'needs a real PostgreSQL server (TEST_DATABASE_URL or Docker) for two instances';

async function twoInstances(t: { teardown(fn: () => unknown): void }) {
  const first = await buildTestApp(t, { clock });
  if (first.kind !== 'postgres' || !first.url) throw new Error('two instances need a real PostgreSQL');
  const secondDb = createPostgresDb(first.url, 3);
  const second = await buildApp({ db: secondDb, clock, calendars: ukCalendars, presets: policyPresets, logger: createLogger('silent') });
  t.teardown(async () => {
    await second.close();
    await secondDb.destroy();
  });
  return { first, second };
}

const aComplaint = { channel: 'phone', receivedAt: '2026-11-23T09:30:00Z', complainant: { name: 'Ben Tenant', phone: '07700 900000' }, description: 'Damp in the bedroom' };

t.test('a key revoked on one instance stops working on the other within a second', { skip }, async (t) => {
  const { first, second } = await twoInstances(t);
  const admin = await aKey(first.db, ['admin']);
  const crm = await aKey(first.db, ['complaints:read'], admin.organisationId);
  const list = (app: typeof second) => app.inject({ method: 'GET', url: '/v1/complaints', headers: crm.headers });
  t.equal((await list(first.app)).statusCode, 200, 'both instances have read and kept the key');
  t.equal((await list(second)).statusCode, 200);

  const revokedAt = performance.now();
  const revoke = await first.app.inject({ method: 'DELETE', url: `/v1/api-keys/${crm.key.id}`, headers: admin.headers });
  t.equal(revoke.statusCode, 200);
  t.equal((await list(first.app)).statusCode, 401, 'at once on the instance that revoked it');
  let status = 200;
  while (status !== 401 && performance.now() - revokedAt < 3000) {
    status = (await list(second)).statusCode;
    if (status !== 401) await new Promise((r) => setTimeout(r, 25));
  }
  const elapsed = performance.now() - revokedAt;
  t.equal(status, 401, 'refused on the other instance');
  t.ok(elapsed < 1000, `within a second (${Math.round(elapsed)} ms)`);
});

t.test('a policy changed on one instance applies to the next complaint logged on the other', { skip }, async (t) => {
  const { first, second } = await twoInstances(t);
  const admin = await aKey(first.db, ['admin', 'complaints:read', 'complaints:write']);
  const create = () => second.inject({ method: 'POST', url: '/v1/complaints', headers: admin.headers, payload: aComplaint });

  const before = await create();
  t.equal(before.statusCode, 201);
  t.equal(before.json().policyVersion, 1, 'the second instance has cached version 1');
  t.equal(before.json().reference, 'CMP-2026-000001');

  const changed = await first.app.inject({ method: 'PUT', url: '/v1/policy', headers: admin.headers, payload: { preset: 'seed-001-lhp', effectiveFrom: '2026-11-23' } });
  t.equal(changed.statusCode, 201);
  const after = await create();
  t.equal(after.statusCode, 201);
  t.equal(after.json().policyVersion, 2, 'the second instance saw the new version in the same statement and reloaded');
  t.equal(after.json().reference, 'CMP-2026-000002', 'references stay consecutive');

  const acknowledged = await second.inject({
    method: 'POST', url: `/v1/complaints/${before.json().id}/acknowledge`, headers: admin.headers,
    payload: { definition: 'Damp in the bedroom', outcomesSought: ['Treat the damp'], handler: 'carol' },
  });
  t.equal(acknowledged.statusCode, 200, 'a command on a complaint of version 1 still finds its policy');
  t.equal(acknowledged.json().policyVersion, 1);
});
