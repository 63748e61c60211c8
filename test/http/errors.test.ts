import t from 'tap';
import { securityHeaders } from '../../src/http/security-headers.ts';
import { DomainError } from '../../src/domain/domain-error.ts';
import { aKey, buildTestApp } from '../helpers/test-app.ts';

const PROBLEM = 'application/problem+json; charset=utf-8';

t.test('every kind of error is problem+json with a stable code', async (t) => {
  const { app, db, logs } = await buildTestApp(t, { bodyLimitBytes: 2048 });
  app.get('/test/boom', async () => {
    throw new Error('connection string postgres://secret@db leaked');
  });
  app.get('/test/rule', async () => {
    throw new DomainError('conflict', 'same_handler_at_stage_2', 'The stage 2 handler must differ from stage 1', [
      { field: 'body.handlerId', message: 'is the stage 1 handler' },
    ]);
  });
  const { headers } = await aKey(db, ['admin']);

  await t.test('validation errors list every offending field', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/v1/api-keys', headers, payload: { scopes: ['nope'], extra: 1 } });
    t.equal(res.statusCode, 400);
    t.equal(res.headers['content-type'], PROBLEM);
    const body = res.json();
    t.equal(body.code, 'validation_failed');
    t.equal(body.type, 'urn:complaints-api:problem:validation_failed');
    t.equal(body.status, 400);
    const fields = body.errors.map((e: { field: string }) => e.field);
    t.ok(fields.includes('body.name'), 'missing name is named');
    t.equal(body.errors.find((e: { field: string }) => e.field === 'body.name').message, 'is required');
    t.ok(fields.includes('body.extra'), 'unknown field is named');
    t.ok(fields.some((f: string) => f.startsWith('body.scopes')), 'bad scope is named');
    const scope = body.errors.filter((e: { field: string }) => e.field === 'body.scopes.0');
    t.equal(scope.length, 1, 'a bad choice is one error, not one per allowed value');
    t.match(scope[0].message, /^must be one of "complaints:read", .*"admin"/, 'naming the choices');
  });

  await t.test('malformed JSON', async (t) => {
    const res = await app.inject({
      method: 'POST', url: '/v1/api-keys', headers: { ...headers, 'content-type': 'application/json' }, payload: '{"name": ',
    });
    t.equal(res.statusCode, 400);
    t.equal(res.json().code, 'malformed_json');
  });

  await t.test('no body, or an empty one labelled JSON, is an empty object: validation names what is required', async (t) => {
    for (const extra of [{}, { 'content-type': 'application/json' }]) {
      const res = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: { ...headers, ...extra } });
      t.equal(res.statusCode, 400);
      t.equal(res.json().code, 'validation_failed');
      t.ok(res.json().errors.some((e: { field: string; message: string }) => e.field === 'body.name' && e.message === 'is required'));
    }
  });

  await t.test('body over the size limit', async (t) => {
    const res = await app.inject({
      method: 'POST', url: '/v1/api-keys', headers, payload: { name: 'x'.repeat(4000), scopes: ['admin'] },
    });
    t.equal(res.statusCode, 413);
    t.equal(res.json().code, 'payload_too_large');
  });

  await t.test('a body that is not JSON', async (t) => {
    const res = await app.inject({
      method: 'POST', url: '/v1/api-keys', headers: { ...headers, 'content-type': 'text/xml' }, payload: '<key/>',
    });
    t.equal(res.statusCode, 415);
    t.equal(res.json().code, 'unsupported_media_type');
  });

  await t.test('an unknown route', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/v1/nothing-here?x=1' });
    t.equal(res.statusCode, 404);
    t.equal(res.headers['content-type'], PROBLEM);
    t.equal(res.json().code, 'route_not_found');
    t.equal(res.json().instance, '/v1/nothing-here');
  });

  await t.test('a broken domain rule keeps its code and fields', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/test/rule' });
    t.equal(res.statusCode, 409);
    t.equal(res.json().code, 'same_handler_at_stage_2');
    t.same(res.json().errors, [{ field: 'body.handlerId', message: 'is the stage 1 handler' }]);
  });

  await t.test('an unknown error answers 500 without internals and is logged with the request id', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/test/boom', headers: { 'x-request-id': 'trace-123' } });
    t.equal(res.statusCode, 500);
    t.equal(res.json().code, 'internal_error');
    t.equal(res.json().requestId, 'trace-123');
    t.notMatch(res.body, /secret|postgres:/, 'no internals in the answer');
    const logged = logs.find((l) => l.reqId === 'trace-123' && l.level === 50);
    t.ok(logged, 'the failure is logged at error level with the request id');
    t.match(JSON.stringify(logged), /leaked/, 'the log keeps the real cause');
  });
});

t.test('request ids and security headers', async (t) => {
  const { app } = await buildTestApp(t);
  const given = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'crm-42.a' } });
  t.equal(given.headers['x-request-id'], 'crm-42.a', 'a plain caller id is kept');
  const hostile = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\nforged log' } });
  t.match(hostile.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'anything else is replaced by a fresh uuid');
  t.equal(given.headers['x-content-type-options'], 'nosniff');
  t.ok(given.headers['strict-transport-security'], 'HSTS is set');
  t.ok(given.headers['content-security-policy'], 'a CSP is set');
  // Every answer carries helmet's whole default set, errors too.
  for (const answer of [given, await app.inject({ method: 'GET', url: '/v1/nowhere' }), await app.inject({ method: 'GET', url: '/v1/complaints' })]) {
    for (const [name, value] of Object.entries(securityHeaders())) t.equal(answer.headers[name], value, `${answer.statusCode}: ${name}`);
  }
  t.equal(Object.keys(securityHeaders()).length >= 10, true, 'helmet sets at least its ten defaults');
});

t.test('the Authorization header and personal fields are never logged', async (t) => {
  const { app, db, logs } = await buildTestApp(t);
  const { headers } = await aKey(db, ['admin']);
  app.get('/test/log-personal', async (request) => {
    request.log.info({ complainant: { name: 'Ada Resident', email: 'ada@example.org' }, headers: request.headers }, 'x');
    return { ok: true };
  });
  await app.inject({ method: 'GET', url: '/test/log-personal', headers });
  const text = JSON.stringify(logs);
  t.notMatch(text, headers.authorization.slice(7), 'the key never appears');
  t.notMatch(text, /Ada Resident|ada@example\.org/, 'personal fields are redacted');
  t.match(text, /\[redacted\]/);
});
