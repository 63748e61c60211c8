// Webhooks end to end on a real PostgreSQL server, with the service as it runs in production:
// a server process (src/server.ts: the API and its delivery worker, pool of 10) and, in this
// process, the load generator and a receiver on 127.0.0.1.
// (1) throughput: a backlog of events committed at once, delivered commit -> receiver;
// (2) lag from a complaint's commit (POST /v1/complaints answered 201) to its complaint.logged
//     at the receiver, with complaints created at 50 per second over HTTP.
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:webhooks
// (a scratch database is created and dropped). BENCH_RATE, BENCH_SECONDS, BENCH_BACKLOG tune it.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { loadPolicyPresets } from '../src/config.ts';
import { createApiKey } from '../src/store/api-keys.ts';
import { createOrganisation } from '../src/store/create-organisation.ts';
import { createPostgresDb } from '../src/store/database.ts';
import { insertPublicEvents } from '../src/store/events.ts';
import { migrateToLatest } from '../src/store/migrator.ts';

const server = process.env.DATABASE_URL;
if (!server?.startsWith('postgres')) throw new Error('set DATABASE_URL to a PostgreSQL server');
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 5000);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PORT = 18000 + Math.floor(Math.random() * 1000);
const name = `webhooks_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = new URL(server);
url.pathname = `/${name}`;
const db = createPostgresDb(url.toString(), 4);
await migrateToLatest(db);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;

// Arrival times as wall-clock ms (Date.now), comparable across the two processes.
const arrivals = new Map<string, number>();
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const event = JSON.parse(Buffer.concat(chunks).toString()) as { id: string; data: { complaintId?: string } };
    arrivals.set(event.data.complaintId ?? event.id, Date.now());
    res.writeHead(200).end('ok');
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

const org = await createOrganisation(db, { name: 'Bench', division: 'england-and-wales', now: new Date('2026-01-05T09:00:00Z'), presets: loadPolicyPresets() });
const key = await createApiKey(db, { organisationId: org.id, name: 'bench', scopes: ['admin', 'complaints:write'], now: new Date() });
const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  env: {
    ...process.env, DATABASE_URL: url.toString(), PORT: String(PORT), WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'), WEBHOOKS_ALLOW_HTTP_LOOPBACK: 'true',
    SWEEP_INTERVAL_SECONDS: '0', LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
// Whatever happens to this run, the server it started goes with it.
process.on('exit', () => child.kill('SIGKILL'));
const base = `http://127.0.0.1:${PORT}`;
const readyBy = Date.now() + 60_000;
for (;;) {
  if (Date.now() > readyBy) throw new Error('the server did not become ready within 60 s');
  try {
    if ((await fetch(`${base}/readyz`)).ok) break;
  } catch {
    // not listening yet
  }
  await sleep(200);
}
const headers = { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' };
const subscribed = await fetch(`${base}/v1/webhooks`, { method: 'POST', headers, body: JSON.stringify({ url: hookUrl, events: ['*'] }) });
if (subscribed.status !== 201) throw new Error(`subscribe: ${subscribed.status} ${await subscribed.text()}`);
const create = async () => {
  const res = await fetch(`${base}/v1/complaints`, {
    method: 'POST', headers,
    body: JSON.stringify({ channel: 'phone', receivedAt: new Date().toISOString(), complainant: { name: 'Bench', phone: '0' }, description: 'bench', outcomesSought: ['x'] }),
  });
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
};
// Warm-up: the first requests compile and load lazily (seconds); a server is warm long before 50/s.
for (let i = 0; i < 30; i++) await create();
await sleep(1000);
process.stderr.write('server ready and warm\n');

// (1) Throughput.
const ids = Array.from({ length: BACKLOG }, () => randomUUID());
const now = new Date();
await db.transaction().execute((tx) =>
  insertPublicEvents(tx, ids.map((id) => ({ id, type: 'policy.changed' as const, organisationId: org.id, complaintId: null, occurredAt: now, createdAt: now, data: {} }))),
);
const committedAt = Date.now();
const backlogBy = Date.now() + 120_000;
while (ids.some((id) => !arrivals.has(id)) && Date.now() < backlogBy) await sleep(20);
const seconds = (Math.max(...ids.map((id) => arrivals.get(id) ?? 0)) - committedAt) / 1000;
process.stdout.write(`throughput: ${BACKLOG} events committed at once, delivered in ${seconds.toFixed(1)} s = ${(BACKLOG / seconds).toFixed(0)} events/s (one server)\n`);

// (2) Lag at RATE complaints per second.
const committed = new Map<string, number>();
const requestMs: number[] = [];
const total = RATE * SECONDS;
const begin = performance.now();
const writes: Promise<void>[] = [];
for (let i = 0; i < total; i++) {
  const wait = begin + (i * 1000) / RATE - performance.now();
  if (wait > 0) await sleep(wait);
  const sent = Date.now();
  writes.push(create().then((id) => void (committed.set(id, Date.now()), requestMs.push(Date.now() - sent))));
}
await Promise.all(writes);
const offered = total / ((performance.now() - begin) / 1000);
const deadline = Date.now() + 30_000;
while ([...committed.keys()].some((id) => !arrivals.has(id)) && Date.now() < deadline) await sleep(50);
const lags = [...committed].filter(([id]) => arrivals.has(id)).map(([id, at]) => (arrivals.get(id) ?? 0) - at);
process.stdout.write(
  `lag at ${offered.toFixed(1)} complaints/s for ${SECONDS} s: ${lags.length}/${total} delivered (lost: ${total - lags.length}); ` +
    `p50 ${percentile(lags, 50)} ms, p95 ${percentile(lags, 95)} ms, p99 ${percentile(lags, 99)} ms, max ${Math.max(...lags)} ms; ` +
    `POST /v1/complaints p50 ${percentile(requestMs, 50)} ms, p95 ${percentile(requestMs, 95)} ms\n`,
);

child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
receiver.close();
await db.destroy();
await admin.query(`drop database "${name}" with (force)`);
await admin.end();
