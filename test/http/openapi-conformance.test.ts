import t, { type Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { aKey, buildTestApp, movableClock } from '../helpers/test-app.ts';
import { OpenApiConformance, operationsOf, readOpenApiDocument } from './openapi-validator.ts';

// Every route of openapi/openapi.json, driven on its success path and its main error
// paths; every answer is checked against the document as a generated client would see it.
// Assertions are about the document's truth (status, media type, schema, headers), not
// about business rules, which other tests own.

const doc = readOpenApiDocument();
const conformance = new OpenApiConformance(doc);
const operations = operationsOf(doc);

// Mismatches whose fix lies outside the route schema files (route handlers, route
// conventions). Each is reported as a TODO listing where it occurs, and fails once it is
// gone, so that this list stays true.
const KNOWN_GAPS: { pattern: RegExp; fix: string }[] = [];
const gapHits = new Map<RegExp, Set<string>>();

/** Fails on every problem but the known gaps, which are kept for the TODO report. */
function expectNoProblems(t: Test, problems: string[], message: string): void {
  const unexpected = problems.filter((problem) => {
    const gap = KNOWN_GAPS.find((g) => g.pattern.test(problem));
    if (gap) gapHits.set(gap.pattern, (gapHits.get(gap.pattern) ?? new Set()).add(problem));
    return !gap;
  });
  t.same(unexpected, [], message);
}

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const PLACEHOLDERS: Record<string, string> = { id: NO_SUCH_ID, itemId: 'r1', idOrReference: 'CMP-2099-999999', deliveryId: NO_SUCH_ID, residentRef: 'RES-0' };
const scopeOf = (description = '') => /Requires the `([a-z:]+)` scope/.exec(description)?.[1];
const ORIGIN = 'https://www.riverside.example';

const ack = { definition: 'The boiler repair was missed twice', outcomesSought: ['Repair the boiler'], handler: 'alice' };
const aComplaint = (overrides: object = {}) => ({
  channel: 'phone', receivedAt: '2026-11-20T09:30:00Z', complainant: { name: 'Ben Tenant', phone: '07700 900000' },
  description: 'The boiler repair was missed twice', outcomesSought: ['Repair the boiler'], externalRef: 'CRM-1', ...overrides,
});
const respond = (stage: number, matters: { id: string }[]) => ({
  stage, definition: ack.definition, decisions: matters.map((m) => ({ matterId: m.id, outcome: 'upheld', reasons: 'Missed twice' })),
  remedies: [], outstandingActions: [], escalationExplained: true,
});
// A body of the right shape for every command; the journey below sends real ones.
const COMMAND_BODIES: Record<string, object> = {
  acknowledge: ack, 'acknowledge-stage-2': { ...ack, handler: 'bob' }, assign: { handler: 'alice', stage: 1 },
  decline: { ground: 'already_considered', explanation: 'Considered in 2025', ombudsmanRightGiven: true },
  'consider-decline': { note: 'Possibly considered before' },
  'resolve-informally': { resolution: 'Fixed on the spot' },
  'contact-restrictions': {
    reason: 'Abusive calls', decidedBy: 'Sam Senior', decidedByRole: 'head_of_service', allowedChannels: ['email'], startsOn: '2026-11-23', reviewOn: '2027-02-23',
    residentToldInWritingAt: '2026-11-23T09:30:00Z', equalityActConsideration: 'Email suits the resident',
  },
  'contact-restrictions/{itemId}/review': { outcome: 'Still needed' },
  'contact-restrictions/{itemId}/end': { reason: 'Lifted' },
  contacts: { direction: 'outbound', channel: 'phone', summary: 'Called the resident' }, matters: { summary: 'The boiler is noisy' },
  links: { complaintId: NO_SUCH_ID }, extend: { reason: 'Parts on order', newDueDate: '2026-12-31', residentToldAt: '2026-11-23T10:00:00Z', ombudsmanDetailsGiven: true },
  respond: respond(1, [{ id: 'm1' }]), escalate: {}, 'refuse-escalation': { ground: 'outside_policy_remit', explanation: 'Not ours', ombudsmanRightGiven: true },
  withdraw: { reason: 'Sorted' }, close: { reason: 'stage_2_response' }, reopen: { discretion: 'The resident came back' },
  remedies: { type: 'apology', description: 'We apologise' }, actions: { description: 'Service the boiler', owner: 'repairs', dueDate: '2026-12-18' },
  'remedies/{itemId}/complete': {}, 'actions/{itemId}/complete': {}, ombudsman: { kind: 'referral', ombudsmanRef: 'HOS-1' },
  'ombudsman/orders/{itemId}/complete': { evidence: 'Paid on 1 December' },
  hazards: { kind: 'damp_and_mould', description: 'Mould in the bedroom', awareAt: '2026-11-23T09:00:00Z' },
  'hazards/{itemId}/steps': { step: 'made_safe' },
};
const commandOf = (path: string) => path.replace('/v1/complaints/{id}/', '');
/** A command on one item of the complaint, e.g. remedies/r1/complete, hazards/h1/steps, ombudsman/orders/o1/complete. */
const ITEM_PATH = /^(remedies|actions|hazards|ombudsman\/orders)\/(\w+)\//;
const commandPaths = operations.filter((o) => o.method === 'post' && commandOf(o.path) in COMMAND_BODIES).map((o) => o.path);

t.test('the document is structurally sound OpenAPI 3.1 for client generators', async (t) => {
  const repeated = operations
    .filter(({ op }) => (op.description?.match(/Requires the `/g) ?? []).length > 1)
    .map(({ method, path }) => `${method.toUpperCase()} ${path}: the scope sentence is repeated in the description`);
  expectNoProblems(t, [...conformance.documentProblems(), ...repeated], 'no structural problems');
  t.equal(commandPaths.length, Object.keys(COMMAND_BODIES).length, 'every complaint command is in the document');
});

t.test('the checks fail on answers a client would reject', async (t) => {
  const checker = new OpenApiConformance(doc);
  const answer = (statusCode: number, type: string, body: object, headers: Record<string, string> = {}) =>
    ({ statusCode, headers: { 'content-type': type, 'x-request-id': 'req-1', ...headers }, body: JSON.stringify(body) }) as unknown as LightMyRequestResponse;
  const problem = { type: 'urn:x', title: 'Not found', status: 404, detail: 'x', code: 'not_found' };
  t.same(checker.check('get', '/v1/api-keys', answer(200, 'application/json', { items: [] })), [], 'a conforming answer passes');
  t.match(checker.check('get', '/v1/api-keys', answer(418, 'application/json', {})), [/status not declared/]);
  t.match(checker.check('delete', '/v1/api-keys/{id}', answer(404, 'application/json', problem)), [/content type application\/json is not declared/]);
  t.match(checker.check('get', '/v1/api-keys', answer(200, 'application/json', { items: [{ id: 'not-a-uuid' }] })), [/body does not match/]);
  t.match(checker.check('get', '/v1/api-keys', answer(200, 'application/json', { items: [] }, { etag: '"1"' })), [/header etag is sent but not declared/]);
  const withHeader = structuredClone(doc);
  withHeader.paths['/v1/api-keys']!.get!.responses['200']!.headers = { ETag: { schema: { type: 'string' } } };
  t.match(new OpenApiConformance(withHeader).check('get', '/v1/api-keys', answer(200, 'application/json', { items: [] })), [/declared header ETag is missing/]);
});

t.test('every route answers as the document says', async (t) => {
  const clock = movableClock('2026-11-23T10:00:00Z');
  const { app, db } = await buildTestApp(t, { clock, bodyLimitBytes: 65_536, intakeLimits: { perKeyPerMinute: 8, perAddressPerMinute: 1000 } });
  const all = await aKey(db, ['complaints:read', 'complaints:write', 'intake:create', 'reports:read', 'admin']);
  const org = all.organisationId;
  const keyFor = new Map<string, Record<string, string>>();
  for (const scope of ['complaints:read', 'complaints:write', 'intake:create', 'reports:read', 'admin', 'privacy:manage'] as const) {
    keyFor.set(scope, (await aKey(db, [scope], org)).headers);
  }
  type Call = { params?: Record<string, string>; query?: string; body?: unknown; headers?: Record<string, string>; auth?: Record<string, string> | null; status?: number };
  const call = async (t: Test, method: string, path: string, o: Call = {}) => {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(o.params?.[name] ?? PLACEHOLDERS[name] ?? name)) + (o.query ? `?${o.query}` : '');
    const auth = o.auth === undefined ? all.headers : (o.auth ?? {});
    const res = await app.inject({ method: method.toUpperCase() as 'GET', url, headers: { ...auth, ...o.headers }, ...(o.body === undefined ? {} : { payload: o.body as object }) });
    if (o.status !== undefined) t.equal(res.statusCode, o.status, `${method.toUpperCase()} ${url}: ${res.body.slice(0, 200)}`);
    expectNoProblems(t, conformance.check(method, path, res), `${method.toUpperCase()} ${path} ${res.statusCode} conforms to the document`);
    return res;
  };
  const command = (t: Test, id: string, name: string, body: object, status = 200, headers: Record<string, string> = {}) =>
    call(t, 'post', `/v1/complaints/{id}/${name.replace(ITEM_PATH, '$1/{itemId}/')}`, { params: { id, itemId: ITEM_PATH.exec(name)?.[2] ?? '' }, body, status, headers });

  await t.test('security: secured operations refuse no key (401) and a key without their scope (403); the others answer without a key', async (t) => {
    for (const { method, path, op } of operations) {
      const scope = scopeOf(op.description);
      if (!op.security?.length) {
        t.notOk(scope, `${path} names no scope`);
        const res = await call(t, method, path, { auth: null });
        t.ok(res.statusCode < 400, `${method} ${path} answers without a key`);
        continue;
      }
      t.ok(scope, `${method} ${path} names its scope`);
      await call(t, method, path, { auth: null, status: 401 });
      await call(t, method, path, { auth: { authorization: 'Bearer cmpk_not_a_key' }, status: 401 });
      await call(t, method, path, { auth: keyFor.get(scope === 'intake:create' ? 'reports:read' : 'intake:create')!, status: 403 });
      const enough = await call(t, method, path, { auth: keyFor.get(scope!)! });
      t.notOk([401, 403].includes(enough.statusCode), `${method} ${path}: the ${scope} scope alone is enough`);
    }
  });

  await t.test('bodies: 413 over the size limit, 415 when not JSON, 400 when the shape is wrong', async (t) => {
    for (const { method, path } of operations.filter((o) => o.op.requestBody)) {
      await call(t, method, path, { body: JSON.stringify({ name: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' }, status: 413 });
      await call(t, method, path, { body: '<complaint/>', headers: { 'content-type': 'application/xml' }, status: 415 });
      await call(t, method, path, { body: { surely: 'not a field' }, status: 400 });
    }
  });

  await t.test('ids: 404 for an unknown id, 400 for a malformed one', async (t) => {
    for (const { method, path } of operations.filter((o) => /\{id(OrReference)?\}/.test(o.path))) {
      const body = COMMAND_BODIES[commandOf(path)] ?? (path.endsWith('linked-complaints') ? { receivedAt: '2026-11-23T09:00:00Z', description: 'x' } : path.endsWith('legal-hold') && method === 'put' ? { reason: 'A claim at court' } : undefined);
      await call(t, method, path, { body, status: 404 });
      if (path.includes('{id}')) await call(t, method, path, { params: { id: 'not-a-uuid' }, body, status: 400 });
    }
    await call(t, 'get', '/v1/complaints/{idOrReference}', { params: { idOrReference: 'x'.repeat(65) }, status: 400 });
  });

  await t.test('administration, policy and calendar', async (t) => {
    const created = (await call(t, 'post', '/v1/api-keys', { body: { name: 'BI tool', scopes: ['reports:read'] }, status: 201 })).json();
    await call(t, 'get', '/v1/api-keys', { status: 200 });
    await call(t, 'delete', '/v1/api-keys/{id}', { params: { id: created.id }, status: 200 });
    const current = await call(t, 'get', '/v1/organisation', { status: 200 });
    const settings = Object.fromEntries(Object.entries(current.json()).filter(([k]) => !['id', 'version', 'createdAt', 'updatedAt', 'retention'].includes(k)));
    const put = (body: object, ifMatch: string, status: number) => call(t, 'put', '/v1/organisation', { body, headers: { 'if-match': ifMatch }, status });
    await put({ ...settings, intakeOrigins: [ORIGIN] }, String(current.headers.etag), 200);
    await put(settings, String(current.headers.etag), 412);
    await put(settings, 'not an etag', 400);
    await put({ ...settings, intakeOrigins: ['not an origin'] }, '*', 400);
    await call(t, 'get', '/v1/policy', { status: 200 });
    await call(t, 'get', '/v1/policy/versions', { status: 200 });
    await call(t, 'get', '/v1/policy/presets', { status: 200 });
    await call(t, 'get', '/v1/policy/compliance', { status: 200 });
    await call(t, 'get', '/v1/policy/compliance', { query: 'version=99', status: 404 });
    await call(t, 'get', '/v1/policy/compliance', { query: 'version=0', status: 400 });
    await call(t, 'put', '/v1/policy', { body: { preset: 'code-2024', effectiveFrom: '2027-06-01' }, status: 201 });
    await call(t, 'put', '/v1/policy', { body: { preset: 'code-2024', effectiveFrom: '2027-06-01' }, status: 200 });
    await call(t, 'put', '/v1/policy', { body: { preset: 'no-such-preset' }, status: 400 });
    await call(t, 'get', '/v1/calendar/holidays', { query: 'year=2026', status: 200 });
    await call(t, 'get', '/v1/calendar/holidays', { query: 'year=1990', status: 400 });
    await call(t, 'get', '/v1/calendar/working-days/add', { query: 'from=2026-12-21&days=5&explain=true', status: 200 });
    await call(t, 'get', '/v1/calendar/working-days/add', { query: 'from=21-12-2026&days=5', status: 400 });
    await call(t, 'get', '/v1/calendar/working-days/between', { query: 'from=2026-12-01&to=2026-12-31&division=scotland', status: 200 });
    await call(t, 'get', '/v1/calendar/working-days/between', { query: 'from=2026-12-01', status: 400 });
  });

  const logged = await call(t, 'post', '/v1/complaints', { body: aComplaint(), headers: { 'idempotency-key': 'create-a' }, status: 201 });
  const a: string = logged.json().id;

  await t.test('complaints: log, read, and every command on its success path', async (t) => {
    await call(t, 'post', '/v1/complaints', { body: aComplaint(), headers: { 'idempotency-key': 'create-a' }, status: 201 });
    await call(t, 'post', '/v1/complaints', { body: aComplaint({ description: 'Other' }), headers: { 'idempotency-key': 'create-a' }, status: 422 });
    await call(t, 'post', '/v1/complaints', { body: aComplaint(), status: 409 });
    await call(t, 'post', '/v1/complaints', { body: aComplaint({ description: undefined, externalRef: 'CRM-0' }), status: 400 });
    await call(t, 'post', '/v1/complaints', { body: aComplaint({ description: '   ', externalRef: 'CRM-0' }), status: 422 });
    const b: string = (await call(t, 'post', '/v1/complaints', { body: aComplaint({ externalRef: 'CRM-2' }), status: 201 })).json().id;
    const c: string = (await call(t, 'post', '/v1/complaints', { body: aComplaint({ externalRef: 'CRM-3' }), status: 201 })).json().id;

    const acknowledged = (await command(t, a, 'acknowledge', ack)).json();
    await command(t, a, 'assign', { handler: 'alice', stage: 1 });
    await command(t, a, 'contacts', COMMAND_BODIES.contacts!);
    await command(t, a, 'matters', COMMAND_BODIES.matters!);
    await command(t, a, 'links', { complaintId: b });
    const due = acknowledged.deadlines.find((d: { kind: string }) => d.kind === 'stage_1_response').dueDate;
    const later = (await call(t, 'get', '/v1/calendar/working-days/add', { query: `from=${due}&days=3`, status: 200 })).json().result;
    await command(t, a, 'extend', { reason: 'Parts on order', newDueDate: later, residentToldAt: '2026-11-23T10:00:00Z', ombudsmanDetailsGiven: true });
    await command(t, a, 'remedies', COMMAND_BODIES.remedies!);
    await command(t, a, 'actions', COMMAND_BODIES.actions!);
    await command(t, a, 'remedies/r1/complete', {});
    const beforeResponse = (await command(t, a, 'actions/a1/complete', {})).json();
    await command(t, a, 'respond', respond(1, beforeResponse.matters));
    clock.set('2026-11-24T10:00:00Z');
    await call(t, 'post', '/v1/complaints/{id}/linked-complaints', { params: { id: a }, body: { receivedAt: '2026-11-24T09:00:00Z', description: 'The contractor was rude' }, status: 201 });
    await call(t, 'post', '/v1/complaints/{id}/linked-complaints', { params: { id: a }, body: { receivedAt: '2026-11-24T09:00:00Z' }, status: 400 });
    await command(t, a, 'escalate', {});
    const stage2 = (await command(t, a, 'acknowledge-stage-2', { ...ack, handler: 'bob' })).json();
    await command(t, a, 'respond', respond(2, stage2.matters));
    await command(t, a, 'ombudsman', COMMAND_BODIES.ombudsman!);
    await command(t, a, 'ombudsman', { kind: 'determination', issues: [{ issue: 'Repairs', finding: 'service_failure' }], orders: [{ description: 'Pay £100', dueDate: '2026-12-31' }] });
    await command(t, a, 'ombudsman/orders/o1/complete', COMMAND_BODIES['ombudsman/orders/{itemId}/complete']!);
    await command(t, a, 'ombudsman/orders/o9/complete', COMMAND_BODIES['ombudsman/orders/{itemId}/complete']!, 404);
    await command(t, a, 'hazards', COMMAND_BODIES.hazards!);
    await command(t, a, 'hazards/h1/steps', { step: 'investigated', finding: 'significant', safetyWorkNeeded: true, furtherWorksNeeded: true });
    await command(t, a, 'hazards/h1/steps', COMMAND_BODIES['hazards/{itemId}/steps']!);
    await command(t, a, 'hazards/h1/steps', { step: 'tidied_up' }, 400);
    await command(t, a, 'close', { reason: 'stage_2_response' });

    await command(t, b, 'consider-decline', COMMAND_BODIES['consider-decline']!);
    await command(t, b, 'decline', COMMAND_BODIES.decline!);
    await command(t, c, 'acknowledge', ack);
    await command(t, c, 'respond', { stage: 1 }, 400);
    const unexplained = { ...respond(1, (await call(t, 'get', '/v1/complaints/{idOrReference}', { params: { idOrReference: c }, status: 200 })).json().matters), escalationExplained: false };
    await command(t, c, 'respond', unexplained, 422);
    await command(t, c, 'respond', respond(1, (await call(t, 'get', '/v1/complaints/{idOrReference}', { params: { idOrReference: c }, status: 200 })).json().matters));
    await command(t, c, 'escalate', {});
    await command(t, c, 'refuse-escalation', COMMAND_BODIES['refuse-escalation']!);
    await command(t, c, 'reopen', COMMAND_BODIES.reopen!);
    await command(t, c, 'withdraw', COMMAND_BODIES.withdraw!);

    await call(t, 'get', '/v1/complaints/{idOrReference}', { params: { idOrReference: logged.json().reference }, status: 200 });
    await call(t, 'get', '/v1/complaints/{id}/events', { params: { id: a }, status: 200 });
    await call(t, 'get', '/v1/complaints/{id}/deadlines', { params: { id: a }, status: 200 });
    await call(t, 'get', '/v1/complaints/{id}/deadlines', { params: { id: a }, query: 'explain=true', status: 200 });
    await call(t, 'get', '/v1/complaints/{id}/deadlines', { params: { id: a }, query: 'explain=perhaps', status: 400 });
    const page = (await call(t, 'get', '/v1/complaints', { query: 'limit=1', status: 200 })).json();
    await call(t, 'get', '/v1/complaints', { query: `limit=1&cursor=${page.nextCursor}&breached=false&stage=1`, status: 200 });
    await call(t, 'get', '/v1/complaints', { query: 'cursor=nonsense', status: 400 });
    await call(t, 'get', '/v1/complaints', { query: 'limit=0', status: 400 });
  });

  await t.test('seed rules (issue 14): informal records, contact restrictions, by resident', async (t) => {
    // A landlord of its own on Longhurst's preset (first time fix), so the others' policy is untouched.
    const longhurst = (await aKey(db, ['complaints:read', 'complaints:write', 'admin'])).headers;
    await call(t, 'put', '/v1/policy', { auth: longhurst, body: { preset: 'seed-002-longhurst' }, status: 201 });
    const fix = (await call(t, 'post', '/v1/complaints', { auth: longhurst, body: aComplaint({ externalRef: 'CRM-FIX', receivedAt: '2026-11-24T09:00:00Z', informal: 'informal_resolution', complainant: { name: 'Bo', residentRef: 'RES-1' } }), status: 201 })).json();
    await call(t, 'post', '/v1/complaints/{id}/resolve-informally', { auth: longhurst, params: { id: fix.id }, body: { resolution: 'Fixed on the spot' }, status: 200 });
    await call(t, 'post', '/v1/complaints/{id}/resolve-informally', { auth: longhurst, params: { id: fix.id }, body: { resolution: 'Again' }, status: 409 });
    const restriction = {
      reason: 'Abusive calls', decidedBy: 'Sam Senior', decidedByRole: 'head_of_service', allowedChannels: ['email'], startsOn: '2026-11-24', reviewOn: '2027-02-23',
      residentToldInWritingAt: '2026-11-24T09:30:00Z', equalityActConsideration: 'Email suits the resident',
    };
    await call(t, 'post', '/v1/complaints/{id}/contact-restrictions', { auth: longhurst, params: { id: fix.id }, body: restriction, status: 200 });
    await call(t, 'post', '/v1/complaints/{id}/contact-restrictions', { auth: longhurst, params: { id: fix.id }, body: { ...restriction, reason: ' ' }, status: 422 });
    await call(t, 'post', '/v1/complaints/{id}/contact-restrictions/{itemId}/review', { auth: longhurst, params: { id: fix.id, itemId: 'cr1' }, body: { outcome: 'Still needed', nextReviewOn: '2027-05-24' }, status: 200 });
    await call(t, 'post', '/v1/complaints/{id}/contact-restrictions/{itemId}/end', { auth: longhurst, params: { id: fix.id, itemId: 'cr1' }, body: { reason: 'Lifted' }, status: 200 });
    await call(t, 'post', '/v1/complaints/{id}/contact-restrictions/{itemId}/end', { auth: longhurst, params: { id: fix.id, itemId: 'cr1' }, body: { reason: 'Again' }, status: 409 });
    await call(t, 'post', '/v1/residents/{residentRef}/contact-restrictions', { auth: longhurst, params: { residentRef: 'RES-1' }, body: restriction, status: 201 });
    await call(t, 'post', '/v1/residents/{residentRef}/contact-restrictions', { auth: longhurst, params: { residentRef: 'RES-404' }, body: restriction, status: 404 });
  });

  await t.test('complaint commands: 409 when a rule refuses, 412 with a stale If-Match, 422 when incomplete or a key is reused', async (t) => {
    const fresh: string = (await call(t, 'post', '/v1/complaints', { body: aComplaint({ externalRef: 'CRM-4' }), status: 201 })).json().id;
    await command(t, fresh, 'escalate', {}, 409);
    await command(t, fresh, 'acknowledge', {}, 400);
    await command(t, fresh, 'acknowledge', { ...ack, definition: '  ' }, 422);
    await command(t, fresh, 'contacts', COMMAND_BODIES.contacts!, 200, { 'idempotency-key': 'contact-1' });
    await command(t, fresh, 'contacts', COMMAND_BODIES.contacts!, 200, { 'idempotency-key': 'contact-1' });
    await command(t, fresh, 'contacts', { ...COMMAND_BODIES.contacts!, summary: 'Other' }, 422, { 'idempotency-key': 'contact-1' });
    await command(t, fresh, 'contacts', COMMAND_BODIES.contacts!, 400, { 'if-match': 'not an etag' });
    for (const path of commandPaths) {
      await call(t, 'post', path, { params: { id: fresh }, body: COMMAND_BODIES[commandOf(path)], headers: { 'if-match': '"1"' }, status: 412 });
    }
  });

  await t.test('public intake: created, replayed, refused, rate-limited', async (t) => {
    const web = keyFor.get('intake:create')!;
    const form = { name: 'Ada Resident', email: 'ada@example.org', whatWentWrong: 'The boiler repair was missed', consentToContact: true };
    const submit = (body: object, status: number, headers: Record<string, string> = {}, auth = web) =>
      call(t, 'post', '/v1/public/complaints', { auth, body, headers, status });
    await submit(form, 201, { 'idempotency-key': 'form-1', origin: ORIGIN });
    await submit(form, 201, { 'idempotency-key': 'form-1', origin: ORIGIN });
    await submit({ ...form, name: 'Someone else' }, 422, { 'idempotency-key': 'form-1' });
    await submit({ name: 'X', whatWentWrong: 'Y', consentToContact: true }, 422);
    await submit({ ...form, website: 'http://spam.example' }, 400);
    await submit(form, 403, { origin: 'https://evil.example' });
    const limited = (await aKey(db, ['intake:create'], org)).headers;
    for (let i = 0; i < 8; i++) await submit(form, 201, {}, limited);
    await submit(form, 429, {}, limited);
  });

  await t.test('SLA and reports', async (t) => {
    for (const [path, ok, bad] of [
      ['/v1/sla/breaches', 'asOf=2027-03-01&includeLate=true', 'cursor=nonsense'],
      ['/v1/sla/breaches', 'asOf=2027-03-01&kind=stage_1_response&limit=1', 'limit=501'],
      ['/v1/sla/due', 'withinWorkingDays=20', 'withinWorkingDays=999'],
      ['/v1/sla/summary', 'asOf=2026-11-30', 'asOf=30-11-2026'],
      ['/v1/reports/tsm', 'year=2026', 'year=1999'],
      ['/v1/reports/tsm/cases', 'year=2026&measure=CH01&stage=1', 'year=2026&measure=CH03&stage=1'],
      ['/v1/reports/performance', 'from=2026-04-01&to=2027-03-31', 'from=2026-04-01'],
      ['/v1/reports/self-assessment', 'year=2026', 'year=nope'],
      ['/v1/reports/annual', 'year=2026', 'year=1999'],
    ] as const) {
      await call(t, 'get', path, { query: ok, status: 200 });
      await call(t, 'get', path, { query: bad, status: 400 });
    }
    await call(t, 'get', '/v1/reports/performance', { query: 'from=2026-04-01&to=2027-03-31', headers: { accept: 'text/csv' }, status: 200 });
    await call(t, 'get', '/v1/reports/performance', { query: 'from=2027-04-01&to=2026-03-31', status: 422 });
    await call(t, 'get', '/v1/reports/annual', { query: 'year=2026', headers: { accept: 'text/html' }, status: 200 });
    await call(t, 'put', '/v1/reports/self-assessment/commentary', { body: { year: 2026, provision: 'declines_explained', commentary: 'Checked by a team leader' }, status: 200 });
    await call(t, 'put', '/v1/reports/self-assessment/commentary', { body: { year: 2026, provision: 'nope', commentary: '' }, status: 400 });
  });

  await t.test('events and webhooks', async (t) => {
    const feed = (await call(t, 'get', '/v1/events', { query: 'limit=2', status: 200 })).json();
    await call(t, 'get', '/v1/events', { query: `after=${feed.nextCursor}&types=complaint.logged`, status: 200 });
    await call(t, 'get', '/v1/events', { query: 'after=nonsense', status: 400 });
    const hook = (await call(t, 'post', '/v1/webhooks', { body: { url: 'https://crm.example.com/hooks', events: ['complaint.*'] }, status: 201 })).json();
    await call(t, 'post', '/v1/webhooks', { body: { url: 'http://10.0.0.1/', events: ['*'] }, status: 422 });
    await call(t, 'get', '/v1/webhooks', { status: 200 });
    await call(t, 'get', '/v1/webhooks/{id}', { params: { id: hook.id }, status: 200 });
    await call(t, 'patch', '/v1/webhooks/{id}', { params: { id: hook.id }, body: { description: 'CRM' }, status: 200 });
    await call(t, 'post', '/v1/webhooks/{id}/rotate-secret', { params: { id: hook.id }, status: 200 });
    const queued = (await call(t, 'post', '/v1/webhooks/{id}/test', { params: { id: hook.id }, status: 202 })).json();
    await call(t, 'get', '/v1/webhooks/{id}/deliveries', { params: { id: hook.id }, query: 'limit=1', status: 200 });
    await call(t, 'post', '/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { id: hook.id, deliveryId: queued.deliveryId }, status: 202 });
    await call(t, 'delete', '/v1/webhooks/{id}', { params: { id: hook.id }, status: 200 });
  });

  await t.test('imports: upload, progress, rejections (JSON and CSV)', async (t) => {
    const line = JSON.stringify({ ...aComplaint({ externalRef: 'IMP-1' }), history: [{ command: 'withdraw', occurredAt: '2026-11-23T09:00:00Z' }] });
    const headers = { 'content-type': 'application/x-ndjson' };
    const started = (await call(t, 'post', '/v1/imports', { body: `${line}\nnot json\n`, headers, query: 'dryRun=true', status: 202 })).json();
    await call(t, 'get', '/v1/imports/{id}', { params: { id: started.id }, status: 200 });
    await call(t, 'get', '/v1/imports/{id}/rejections', { params: { id: started.id }, query: 'limit=10', status: 200 });
    await call(t, 'get', '/v1/imports/{id}/rejections', { params: { id: started.id }, headers: { accept: 'text/csv' }, status: 200 });
    await call(t, 'post', '/v1/imports', { body: '<x/>', headers: { 'content-type': 'application/xml' }, status: 415 });
  });

  await t.test('personal data: search, export, holds, erasure, retention, the access record', async (t) => {
    const privacy = keyFor.get('privacy:manage')!;
    const jo = { email: 'jo.resident@example.org' };
    const mine: string = (await call(t, 'post', '/v1/complaints', { body: aComplaint({ externalRef: 'CRM-GDPR', complainant: { name: 'Jo Resident', ...jo } }), status: 201 })).json().id;
    await call(t, 'post', '/v1/data-subjects/search', { auth: privacy, body: jo, headers: { 'idempotency-key': 'search-1' }, status: 200 });
    await call(t, 'post', '/v1/data-subjects/search', { auth: privacy, body: { name: 'Jo Resident' }, status: 400 });
    await call(t, 'post', '/v1/data-subjects/exports', { auth: privacy, body: jo, status: 201 });
    await call(t, 'post', '/v1/data-subjects/erasures', { auth: privacy, body: jo, status: 409 });
    await call(t, 'put', '/v1/complaints/{id}/legal-hold', { auth: privacy, params: { id: mine }, body: { reason: 'A claim at court' }, status: 200 });
    await call(t, 'get', '/v1/complaints/{id}/legal-holds', { auth: privacy, params: { id: mine }, status: 200 });
    await call(t, 'delete', '/v1/complaints/{id}/legal-hold', { auth: privacy, params: { id: mine }, status: 200 });
    await command(t, mine, 'withdraw', COMMAND_BODIES.withdraw!);
    await call(t, 'post', '/v1/data-subjects/erasures', { auth: privacy, body: jo, headers: { 'idempotency-key': 'erase-1' }, status: 201 });
    await call(t, 'post', '/v1/data-subjects/erasures', { auth: privacy, body: jo, status: 422 });
    await call(t, 'put', '/v1/organisation/retention', { body: { anonymiseAfterYears: 7 }, status: 200 });
    await call(t, 'put', '/v1/organisation/retention', { body: { anonymiseAfterYears: 0 }, status: 400 });
    const audit = (await call(t, 'get', '/v1/audit', { query: 'limit=1', status: 200 })).json();
    await call(t, 'get', '/v1/audit', { query: `limit=1&cursor=${audit.nextCursor}&action=erasure`, status: 200 });
    await call(t, 'get', '/v1/audit', { query: 'cursor=nonsense', status: 400 });
  });

  t.test('coverage: every operation answered with success at least once', async (t) => {
    for (const { method, path, op } of operations) {
      const label = `${method.toUpperCase()} ${path}`;
      t.ok([...conformance.seen].some((s) => s.startsWith(`${label} 2`)), `${label} succeeded`);
      const unexercised = Object.keys(op.responses).filter((s) => !conformance.seen.has(`${label} ${s}`) && !['500', '503'].includes(s));
      if (unexercised.length) t.comment(`${label}: declared but not exercised: ${unexercised.join(', ')}`);
    }
  });
});

t.test('known gaps between the document and the answers', async (t) => {
  for (const gap of KNOWN_GAPS) {
    const hits = [...(gapHits.get(gap.pattern) ?? [])];
    if (hits.length) t.fail(gap.fix, { todo: 'needs a change outside the route schema files', diagnostic: true, found: hits });
    else t.fail(`no longer seen, remove it from KNOWN_GAPS: ${gap.pattern}`);
  }
});
