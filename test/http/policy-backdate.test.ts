import t from 'tap';
import { aKey, buildTestApp, fixedClock } from '../helpers/test-app.ts';

// Historic policy versions (issue 12, item 1): the organisation's first version takes effect
// on 5 Jan 2026; a landlord loading its 2025 history adds the versions it really had then.
t.test('a historic policy version: only on purpose, governs its range, lists and re-plans what it covers', async (t) => {
  const { app, db } = await buildTestApp(t, { clock: fixedClock('2026-11-23T10:00:00Z') });
  const admin = await aKey(db, ['complaints:read', 'complaints:write', 'admin']);
  const put = (payload: object) => app.inject({ method: 'PUT', url: '/v1/policy', headers: admin.headers, payload });
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: admin.headers, payload });
    t.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json();
  };
  const log = (receivedAt: string) => app.inject({ method: 'POST', url: '/v1/complaints', headers: admin.headers, payload: { channel: 'email', receivedAt, complainant: { name: 'Ada' }, description: 'Boiler' } });

  // Every organisation starts with version 1 from 2000-01-01, so old complaints always have a policy.
  const a = (await log('2025-06-02T10:00:00+01:00')).json();
  const c = (await log('2025-10-06T10:00:00+01:00')).json();
  const d = (await log('2026-02-02T10:00:00Z')).json();
  t.same([a.policyVersion, c.policyVersion, d.policyVersion], [1, 1, 1]);
  await post(`/v1/complaints/${c.id}/acknowledge`, { definition: 'Boiler', outcomesSought: ['Repair'], handler: 'alice', occurredAt: '2025-10-07T10:00:00+01:00' });
  const before = (await app.inject({ method: 'GET', url: `/v1/complaints/${c.id}`, headers: admin.headers })).json();
  // Code 2024: 10 wd from the acknowledgement on Tue 7 Oct 2025 is Tue 21 Oct.
  t.equal(before.deadlines.find((x: { kind: string }) => x.kind === 'stage_1_response').dueDate, '2025-10-21');

  const refused = await put({ preset: 'seed-003-housing-trust', effectiveFrom: '2025-04-01' });
  t.equal(refused.statusCode, 400, refused.body);
  t.match(refused.json(), { code: 'invalid_policy_version', detail: /send backdate: true/ });
  const replanAlone = await put({ preset: 'seed-003-housing-trust', replan: true });
  t.equal(replanAlone.statusCode, 400);

  // Today's policy first (a normal change), then the history before it.
  t.equal((await put({ preset: 'code-2024', overrides: { ch02ExtensionCountsAsOnTime: false } })).statusCode, 201);
  const v3 = await put({ preset: 'seed-003-housing-trust', effectiveFrom: '2025-04-01', backdate: true });
  t.equal(v3.statusCode, 201, v3.body);
  t.match(v3.json(), { version: 3, effectiveFrom: '2025-04-01', preset: 'seed-003-housing-trust' });
  t.match(v3.json().alreadyReceived, {
    total: 3,
    replanned: false,
    items: [{ complaintId: a.id, policyVersion: 1, deadlinesMoved: null }, { complaintId: c.id }, { complaintId: d.id }],
  });
  const untouched = (await app.inject({ method: 'GET', url: `/v1/complaints/${c.id}`, headers: admin.headers })).json();
  t.equal(untouched.policyVersion, 1, 'listed, not moved');
  t.equal(untouched.version, before.version);
  const e = (await log('2025-07-01T10:00:00+01:00')).json();
  t.equal(e.policyVersion, 3, 'a complaint received in its range from now on gets it');
  t.equal((await log('2026-11-23T09:00:00Z')).json().policyVersion, 2, "and one received today, today's");

  const lumen15 = { preset: 'seed-000-lumen', overrides: { stage1: { respond: { amount: 15, unit: 'working_days', from: 'stage_1_acknowledgement' } } }, effectiveFrom: '2025-09-01', backdate: true, replan: true };
  // From 1 Sep 2025 to the day before today's version: C and D move; A (June) and E (July) stay on version 3's side.
  // D, not yet acknowledged, gains Lumen's decline-letter clock (10 wd from the request): one deadline moved.
  const replanned = await put(lumen15);
  t.equal(replanned.statusCode, 201, replanned.body);
  t.match(replanned.json().alreadyReceived, {
    total: 2,
    replanned: true,
    items: [{ complaintId: c.id, policyVersion: 1, deadlinesMoved: 1 }, { complaintId: d.id, policyVersion: 1, deadlinesMoved: 1 }],
  });
  const moved = (await app.inject({ method: 'GET', url: `/v1/complaints/${c.id}`, headers: admin.headers })).json();
  t.equal(moved.policyVersion, 4);
  // 15 wd from the acknowledgement on Tue 7 Oct: 8-10 (3), 13-17 (8), 20-24 (13), 27, Tue 28 Oct (15).
  t.equal(moved.deadlines.find((x: { kind: string }) => x.kind === 'stage_1_response').dueDate, '2025-10-28');
  const events = (await app.inject({ method: 'GET', url: `/v1/complaints/${c.id}/events`, headers: admin.headers })).json().items;
  t.match(events.at(-1), {
    type: 'complaint.deadlines_recomputed',
    actor: /^policy-backdate:/,
    data: { policyVersion: { from: 1, to: 4 }, changes: [{ kind: 'stage_1_response', from: '2025-10-21', to: '2025-10-28' }], reason: /back-dated to 2025-09-01/ },
  });
  for (const [other, version] of [[a, 1], [e, 3]] as const) {
    t.equal((await app.inject({ method: 'GET', url: `/v1/complaints/${other.id}`, headers: admin.headers })).json().policyVersion, version, `${other.reference} outside the range stays`);
  }

  const again = await put(lumen15);
  t.equal(again.statusCode, 200, 'the same request again changes nothing');
  t.equal(again.json().version, 4);

  // The compliance check applies to a historic version like any other; today's version is still v2.
  const compliance = await app.inject({ method: 'GET', url: '/v1/policy/compliance?version=4', headers: admin.headers });
  t.equal(compliance.statusCode, 200);
  t.equal(compliance.json().version, 4);
  t.equal((await app.inject({ method: 'GET', url: '/v1/policy', headers: admin.headers })).json().inForce.version, 2);
});
