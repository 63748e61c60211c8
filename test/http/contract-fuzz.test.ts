import t from 'tap';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { aKey, buildTestApp } from '../helpers/test-app.ts';
import { createApiKey } from '../../src/store/api-keys.ts';
import { OpenApiConformance, operationsOf, readOpenApiDocument } from './openapi-validator.ts';
import { CURRENT_ETAG } from './fuzz/hostile.ts';
import { requestsFor, type FuzzRequest } from './fuzz/requests.ts';
import { SchemaValues } from './fuzz/schema-values.ts';
import { asCurl, Tally, verdictOn } from './fuzz/verdict.ts';

// The contract fuzz test: from openapi/openapi.json, read as it is now, every operation gets
// FUZZ_RUNS requests (by default 3,200 in all, shared between the operations), valid ones built from its schemas and
// damaged ones (see fuzz/requests.ts), on a real database holding an organisation and a few
// complaints. Every answer must be as the document says (see fuzz/verdict.ts). Seeded:
// FUZZ_SEED=<n> replays a run; FUZZ_ONLY=<text> fuzzes only operations whose
// `METHOD /path` contains it; FUZZ_DEBUG=<kind> (valid, body.text, query.cursor…) prints each
// request of that kind with its answer. Failures are grouped by kind, one reproducing request each.

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const ONLY = process.env.FUZZ_ONLY;
const ALL_SCOPES = ['complaints:read', 'complaints:write', 'intake:create', 'reports:read', 'admin'] as const;

const doc = readOpenApiDocument();
const conformance = new OpenApiConformance(doc);
const operations = operationsOf(doc).filter(({ method, path }) => !ONLY || `${method.toUpperCase()} ${path}`.includes(ONLY));
// Runs per operation: by default enough for 3,200 requests in all, however many operations there are.
const RUNS = Number(process.env.FUZZ_RUNS ?? Math.max(40, Math.ceil(3200 / operationsOf(doc).length)));

t.setTimeout(Math.max(600_000, RUNS * operations.length * 200));

/** A stable, distinct seed per operation, so one operation can be replayed alone. */
const seedOf = (label: string) => [...label].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, SEED);

async function fixtures(app: FastifyInstance, db: Parameters<typeof aKey>[0]) {
  const all = await aKey(db, [...ALL_SCOPES]);
  const others: Record<string, string>[] = [];
  for (const scope of ALL_SCOPES) others.push((await aKey(db, [scope], all.organisationId)).headers);
  const spareKeys: string[] = [];
  for (let i = 0; i < 4; i++) spareKeys.push((await createApiKey(db, { organisationId: all.organisationId, name: `spare ${i}`, scopes: ['reports:read'], now: new Date('2026-01-05T09:00:00Z') })).id);
  const send = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: all.headers, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json();
  };
  const complaints = [];
  for (let i = 1; i <= 8; i++) {
    complaints.push(await send('POST', '/v1/complaints', {
      channel: 'phone', receivedAt: `2026-11-${10 + i}T09:30:00Z`, complainant: { name: 'Ben Tenant', email: 'ben@example.org' },
      description: 'The boiler repair was missed twice', outcomesSought: ['Repair the boiler'], externalRef: `FUZZ-${i}`, category: 'repairs', serviceArea: 'north',
    }) as { id: string; reference: string });
  }
  const ack = { definition: 'The boiler repair was missed twice', outcomesSought: ['Repair the boiler'], handler: 'alice' };
  for (const c of complaints.slice(0, 2)) {
    await send('POST', `/v1/complaints/${c.id}/acknowledge`, ack);
    await send('POST', `/v1/complaints/${c.id}/remedies`, { type: 'apology', description: 'We apologise' });
    await send('POST', `/v1/complaints/${c.id}/actions`, { description: 'Service the boiler', owner: 'repairs', dueDate: '2026-12-18' });
  }
  // A real cursor of each list that has more than one page, by the operation's path.
  const cursorOf: Record<string, unknown> = {
    '/v1/complaints': (await send('GET', '/v1/complaints?limit=1')).nextCursor,
    '/v1/sla/due': (await send('GET', '/v1/sla/due?limit=1&withinWorkingDays=260')).nextCursor,
    '/v1/sla/breaches': (await send('GET', '/v1/sla/breaches?limit=1&asOf=2027-06-01&includeLate=true')).nextCursor,
    '/v1/complaints/{id}/events': (await send('GET', `/v1/complaints/${complaints[0]!.id}/events?limit=1`)).nextCursor,
  };
  const cursors = Object.values(cursorOf).filter((c): c is string => typeof c === 'string');
  const ids = complaints.map((c) => c.id);
  const hints = {
    id: ids, complaintId: ids, idOrReference: [...ids, ...complaints.map((c) => c.reference)], itemId: ['r1', 'a1', 'r2', 'a2'],
    matterId: ['m1', 'm2'], cursor: cursors, 'if-match': [CURRENT_ETAG, CURRENT_ETAG, '*', '"1"', '"2"'], 'idempotency-key': ['fuzz-1', 'fuzz-2'],
    handler: ['alice', 'bob'], category: ['repairs'], serviceArea: ['north'], year: [2025, 2026], stage: [1, 2],
  };
  /** The ids an operation's path names: api keys under /v1/api-keys, complaints elsewhere. */
  const hintsFor = (path: string) => ({
    ...hints,
    ...(path.startsWith('/v1/api-keys') ? { id: spareKeys } : {}),
    ...(typeof cursorOf[path] === 'string' ? { cursor: [cursorOf[path]] } : {}),
  });
  return { credentials: { all: all.headers, others }, hintsFor };
}

t.test(`every operation, fuzzed (seed ${SEED}, ${RUNS} runs per operation)`, async (t) => {
  const { app, db, logs } = await buildTestApp(t, { intakeLimits: { perKeyPerMinute: 1_000_000, perAddressPerMinute: 1_000_000 } });
  const { credentials, hintsFor } = await fixtures(app, db);
  const tally = new Tally();
  const started = Date.now();

  /** The ETag of the resource `url` writes: its own, or that of the nearest enclosing resource. */
  const currentEtag = async (url: string) => {
    const segments = url.split('?')[0]!.split('/');
    for (let n = segments.length; n > 2 && n > segments.length - 4; n--) {
      const res = await app.inject({ method: 'GET', url: segments.slice(0, n).join('/'), headers: credentials.all });
      if (res.statusCode === 200 && typeof res.headers.etag === 'string') return res.headers.etag;
    }
    return '"1"';
  };

  const run = async (generated: FuzzRequest) => {
    const ifMatch = generated.headers['if-match'];
    const request = ifMatch?.includes(CURRENT_ETAG)
      ? { ...generated, headers: { ...generated.headers, 'if-match': ifMatch.replaceAll(CURRENT_ETAG, await currentEtag(generated.url)) } }
      : generated;
    const res = await app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, ...(request.payload === undefined ? {} : { payload: request.payload }) });
    tally.count(request, res.statusCode);
    if (process.env.FUZZ_DEBUG && request.kind === process.env.FUZZ_DEBUG) t.comment(`${request.method} ${request.url.slice(0, 120)} ${request.payload?.slice(0, 300) ?? ''} -> ${res.statusCode} ${res.body.slice(0, 300)}`);
    const problems = verdictOn(conformance, request, res);
    if (problems.length === 0) return;
    const requestId = res.headers['x-request-id'];
    const logged = logs.find((l) => l.reqId === requestId && l.err) as { err?: { message?: string } } | undefined;
    for (const problem of problems) tally.fail(problem, request, res, logged?.err?.message?.slice(0, 200));
  };

  for (const { method, path, op } of operations) {
    const label = `${method.toUpperCase()} ${path}`;
    const pathMethods = Object.keys(doc.paths[path] ?? {}).map((m) => m.toUpperCase());
    const requests = requestsFor(method, path, op, pathMethods, new SchemaValues(doc.components.schemas, hintsFor(path)), credentials);
    // The property records every bad answer rather than stopping at the first, so one run
    // reports every kind of failure; it holds, so fast-check never shrinks.
    await fc.assert(fc.asyncProperty(requests, async (request) => void (await run(request))), { seed: seedOf(label), numRuns: RUNS });
  }

  const seconds = (Date.now() - started) / 1000;
  t.comment(`fuzz totals: ${tally.requests} requests to ${tally.byOperation.size} operations in ${seconds.toFixed(1)} s (seed ${SEED}, FUZZ_RUNS=${RUNS})`);
  t.comment(`by status class: ${JSON.stringify(tally.byClass)}; by kind of request: ${JSON.stringify(tally.byKind)}`);
  for (const [operation, counts] of tally.byOperation) {
    t.comment(`  ${operation}: ${counts.requests} requests, ${Object.entries(counts.byStatus).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  }
  const neverSucceeded = [...tally.byOperation].filter(([, c]) => !c.byClass['2xx']).map(([op]) => op);
  if (neverSucceeded.length) t.comment(`no success answer reached for: ${neverSucceeded.join(', ')}`);

  t.equal(tally.byOperation.size, operations.length, 'every operation of the document was fuzzed');
  t.ok(ONLY || process.env.FUZZ_RUNS || tally.requests >= 3000, `at least 3,000 requests (${tally.requests})`);
  for (const failure of tally.failures.values()) {
    const where = [...failure.operations];
    t.fail(`${failure.problem}${where.length > 1 ? ` (and in ${where.length - 1} more operations)` : ''}`, {
      seed: SEED, times: failure.count, operations: where, kind: failure.request.kind, ...(failure.logged ? { logged: failure.logged } : {}),
      request: asCurl(failure.request), answer: failure.body, rerun: `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} FUZZ_ONLY='${failure.request.operation}'`,
    });
  }
  if (tally.failures.size === 0) t.pass(`all ${tally.requests} answers as the document says`);
});
