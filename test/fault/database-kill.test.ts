import { spawn } from 'node:child_process';
import t from 'tap';
import pg from 'pg';
import { createPostgresDb } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrator.ts';
import { freePort, postgresBinDir, privatePostgres } from '../helpers/private-postgres.ts';
import { aKey } from '../helpers/test-app.ts';

// The real fault: two API processes under write load while their PostgreSQL server is
// SIGKILLed, kept down, and started again. Nothing may crash, the outage must answer fast
// 503s, writes must come back by themselves, and every complaint acknowledged with a 201
// must be stored exactly once.

const serverEntry = new URL('../../src/server.ts', import.meta.url).pathname;
const binDir = postgresBinDir();
const DOWN_MS = 2500;
// Two server processes start and warm up: slow on a busy CI machine.
t.setTimeout(300_000);

interface Outcome {
  seq: number;
  instance: number;
  started: number;
  ended: number;
  status: number | 'error';
  code?: string;
  retryAfter?: string | null;
  contentType?: string | null;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

function startInstance(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    env: { ...process.env, LOG_LEVEL: 'fatal', DEMO_BOOTSTRAP: 'false', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-8000)));
  return { child, stderr: () => stderr };
}

async function waitReady(base: string, isAlive: () => boolean): Promise<void> {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline && isAlive()) {
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} never became ready`);
}

t.test('a PostgreSQL kill under write load: no crash, fast 503s, recovery, nothing acknowledged lost', { skip: binDir ? false : 'no initdb/postgres binaries on PATH or in /usr/lib/postgresql/*/bin' }, async (t) => {
  const server = await privatePostgres(binDir as string);
  t.teardown(() => server.destroy());
  await server.start();

  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('create database complaints');
  await admin.end();
  const url = server.url.replace(/\/postgres$/, '/complaints');
  const setup = createPostgresDb(url, 2);
  await migrateToLatest(setup);
  const { headers } = await aKey(setup, ['complaints:read', 'complaints:write']);

  const instances = await Promise.all(
    [0, 1].map(async (n) => {
      const port = await freePort();
      const instance = startInstance({ DATABASE_URL: url, PORT: String(port), DATABASE_POOL_MAX: '5', SWEEP_INTERVAL_SECONDS: n === 0 ? '1' : '0' });
      t.teardown(() => void instance.child.kill('SIGKILL'));
      return { ...instance, base: `http://127.0.0.1:${port}` };
    }),
  );
  await Promise.all(instances.map((i) => waitReady(i.base, () => i.child.exitCode === null)));

  const outcomes: Outcome[] = [];
  let nextSeq = 0;
  let stopping = false;
  const runId = Date.now().toString(36);
  const post = async (seq: number, instance: number): Promise<Outcome> => {
    const started = Date.now();
    try {
      const res = await fetch(`${instances[instance]!.base}/v1/complaints`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `fault-${runId}-${seq}` },
        body: JSON.stringify({
          channel: 'phone',
          receivedAt: '2026-11-20T09:30:00Z',
          complainant: { name: 'Ben Tenant', phone: '07700 900000' },
          description: 'Damp in the bedroom was not treated',
          outcomesSought: ['Treat the damp'],
          category: 'repairs',
          externalRef: `FAULT-${runId}-${seq}`,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await res.json()) as { code?: string };
      return { seq, instance, started, ended: Date.now(), status: res.status, ...(body.code ? { code: body.code } : {}), retryAfter: res.headers.get('retry-after'), contentType: res.headers.get('content-type') };
    } catch {
      return { seq, instance, started, ended: Date.now(), status: 'error' };
    }
  };
  // Eight workers, four on each instance; a write that fails is retried with the same
  // Idempotency-Key, as a CRM would, until it is acknowledged or the load stops.
  const worker = async (instance: number) => {
    while (!stopping && nextSeq < 5000) {
      const seq = nextSeq++;
      for (;;) {
        const outcome = await post(seq, instance);
        outcomes.push(outcome);
        if (outcome.status === 201 || stopping) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const load = Promise.all([0, 1, 0, 1, 0, 1, 0, 1].map(worker));

  // Warm first: a fresh process's first writes are slow (code loaded and compiled lazily).
  const warmBy = Date.now() + 90_000;
  const warm = () => [0, 1].every((n) => outcomes.filter((o) => o.instance === n && o.status === 201).length >= 8);
  while (Date.now() < warmBy && !warm()) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 500));
  const killAt = Date.now();
  await server.kill();
  const downAt = Date.now();
  await new Promise((r) => setTimeout(r, DOWN_MS));
  const restartAt = Date.now();
  await server.start();
  const upAt = Date.now();
  const recoverBy = Date.now() + 15_000;
  while (Date.now() < recoverBy && !outcomes.some((o) => o.status === 201 && o.started >= upAt)) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 1500));
  stopping = true;
  await load;

  for (const [n, instance] of instances.entries()) {
    t.equal(instance.child.exitCode, null, `instance ${n} is still running${instance.child.exitCode !== null ? `: ${instance.stderr()}` : ''}`);
  }

  const duringOutage = outcomes.filter((o) => o.started >= downAt && o.ended <= restartAt);
  t.ok(duringOutage.length > 20, `requests were made while the database was down (${duringOutage.length})`);
  const unexpected = duringOutage.filter((o) => o.status !== 503 || o.code !== 'database_unavailable' || !o.retryAfter || !o.contentType?.startsWith('application/problem+json'));
  t.same(unexpected, [], 'every answer during the outage is a 503 problem+json database_unavailable with Retry-After');
  const latencies = duringOutage.map((o) => o.ended - o.started);
  const p50 = percentile(latencies, 50);
  const p95 = percentile(latencies, 95);
  const max = Math.max(...latencies);
  t.ok(p95 < 1000, `503s are fast: p95 ${p95} ms`);

  const firstAfter = outcomes.filter((o) => o.status === 201 && o.started >= upAt).sort((a, b) => a.ended - b.ended)[0];
  t.ok(firstAfter, '201s again after the restart');
  const recoveryMs = firstAfter ? firstAfter.ended - upAt : NaN;
  t.ok(recoveryMs < 5000, `writes recover by themselves: first 201 ${recoveryMs} ms after the server answers again`);
  for (const n of [0, 1]) t.ok(outcomes.some((o) => o.instance === n && o.status === 201 && o.started >= upAt), `instance ${n} writes again`);

  const acknowledged = [...new Set(outcomes.filter((o) => o.status === 201).map((o) => `FAULT-${runId}-${o.seq}`))];
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  const stored = await check.query<{ external_ref: string; n: number }>(
    'select external_ref, count(*)::int as n from complaints where external_ref = any($1) group by external_ref',
    [acknowledged],
  );
  await check.end();
  await setup.destroy();
  const counts = new Map(stored.rows.map((r) => [r.external_ref, r.n]));
  const missing = acknowledged.filter((ref) => counts.get(ref) !== 1);
  t.same(missing, [], `every one of the ${acknowledged.length} acknowledged complaints is stored exactly once`);

  if (process.env.FAULT_TRACE) for (const o of outcomes) t.comment(`#${o.seq} i${o.instance} ${o.started - killAt}..${o.ended - killAt} ms ${o.status} ${o.code ?? ''}`);
  const statuses = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [String(o.status)]: (acc[String(o.status)] ?? 0) + 1 }), {});
  t.comment(`kill took ${downAt - killAt} ms; down ${restartAt - downAt} ms; restart answered after ${upAt - restartAt} ms`);
  t.comment(`503 latency during the outage (${duringOutage.length} requests): p50 ${p50} ms, p95 ${p95} ms, max ${max} ms`);
  t.comment(`recovery: first 201 ${recoveryMs} ms after the restarted server answered (${firstAfter ? firstAfter.ended - restartAt : NaN} ms after the restart began)`);
  t.comment(`answers: ${JSON.stringify(statuses)}; acknowledged ${acknowledged.length}, all stored once; both instances alive: ${instances.every((i) => i.child.exitCode === null)}`);
});
