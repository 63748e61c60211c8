// The API against its own database's limit (issue 16). On the PostgreSQL of DATABASE_URL (a
// scratch database is created and dropped): the server process as it runs in production,
// and the same work as raw transactions through pgbench (-M prepared, scripts generated from
// rows the API itself wrote: one statement per table, no authentication), run alternately,
// API then raw, at 8, 16 and 32 clients, for create, read and acknowledge. Then the embedded
// PGlite default: create and read at 16 clients, and the server's RSS at rest.
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:api
// BENCH_SECONDS (per run, default 5), BENCH_CLIENTS (default 8,16,32), BENCH_EMBEDDED=0 to skip it,
// BENCH_BUILD=0 to run the dist/ already built.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadPolicyPresets } from '../src/config.ts';
import { createApiKey } from '../src/store/api-keys.ts';
import { createOrganisation } from '../src/store/create-organisation.ts';
import { createPostgresDb } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrator.ts';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl?.startsWith('postgres')) throw new Error('set DATABASE_URL to a PostgreSQL server');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '8,16,32').split(',').map(Number);
const PGBENCH = process.env.PGBENCH ?? '/usr/lib/postgresql/15/bin/pgbench';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load1 = () => (loadavg()[0] ?? 0).toFixed(1);

// ---- the server process: compiled (npm run build) when the project has a build, else tsx.
const compiled = existsSync('tsconfig.build.json');
if (compiled && process.env.BENCH_BUILD !== '0') execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });

function startServer(env: Record<string, string>): { child: ChildProcess; ready: Promise<string>; output: () => string } {
  const args = compiled ? ['dist/src/server.js'] : ['--import', 'tsx', 'src/server.ts'];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, SWEEP_INTERVAL_SECONDS: '0', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const ready = (async () => {
    const port = env.PORT!;
    for (let i = 0; i < 1200; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return `http://127.0.0.1:${port}`;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
      await sleep(100);
    }
    throw new Error('server not ready in 120 s');
  })();
  return { child, ready, output: () => out };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

// ---- the load generator: autocannon (keep-alive, one request at a time per connection),
// in this process. It builds and parses requests far more cheaply than node:http, so less of
// the two cores goes to the client and more to the server being measured.
interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

const asRequest = (call: Call) => ({ method: call.method, path: call.path, ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }) });

/**
 * `clients` connections for `seconds` (or until `amount` requests); the rate counts 2xx
 * answers. A list of calls is built into request buffers once and cycled through (the cheap
 * way); a function is asked for each request (for calls that must each be different).
 */
async function httpLoad(base: string, token: string, clients: number, until: { seconds: number } | { amount: number }, calls: readonly Call[] | (() => Call)) {
  let firstFailure = '';
  const instance = autocannon({
    url: base,
    connections: clients,
    ...('seconds' in until ? { duration: until.seconds } : { amount: until.amount }),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: (typeof calls === 'function' ? [calls] : calls).map((call) => ({
      ...(typeof call === 'function'
        ? { setupRequest: (req: autocannon.Request) => ({ ...req, ...asRequest(call()) }) }
        : asRequest(call)),
      onResponse: (status: number, body: string) => {
        if (status >= 300 && !firstFailure) firstFailure = `${status} ${body.slice(0, 200)}`;
      },
    })),
  });
  const result = await instance;
  const ok = Object.entries(result.statusCodeStats ?? {}).reduce((sum, [code, stat]) => (Number(code) < 300 ? sum + Number(stat.count) : sum), 0);
  const failed = result.non2xx + result.errors;
  if (failed) process.stderr.write(`  ${failed} failed, e.g. ${firstFailure || `${result.errors} connection errors`}\n`);
  return { rate: ok / result.duration, done: ok, failed };
}

// ---- pgbench
function pgbench(url: string, script: string, clients: number, seconds: number): number {
  const file = join(tmpdir(), `api-bench-${randomBytes(4).toString('hex')}.sql`);
  writeFileSync(file, script);
  try {
    const out = execFileSync(PGBENCH, ['-n', '-M', 'prepared', '-c', String(clients), '-j', String(Math.min(clients, 4)), '-T', String(seconds), '-f', file, url], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
    if (!tps) throw new Error(`no tps in pgbench output: ${out}`);
    return Number(tps);
  } finally {
    rmSync(file, { force: true });
  }
}

const aComplaint = (i: number) => ({
  channel: 'phone', receivedAt: '2026-11-20T09:30:00Z',
  complainant: { name: 'Ben Tenant', phone: '07700 900000', tenancyRef: `T-${i}` },
  description: 'Damp in the bedroom was not treated', outcomesSought: ['Treat the damp'], category: 'repairs', serviceArea: 'responsive repairs',
});
const ACK = { definition: 'Damp in the bedroom was not treated', outcomesSought: ['Treat the damp'], handler: 'carol' };

// The creates cycle through 200 bodies (no externalRef, so repeats are new complaints too).
const creates: Call[] = Array.from({ length: 200 }, (_, i) => ({ method: 'POST', path: '/v1/complaints', body: aComplaint(i) }));
const readsOf = (ids: readonly string[]): Call[] =>
  Array.from({ length: 2000 }, () => ({ method: 'GET', path: `/v1/complaints/${ids[Math.floor(Math.random() * ids.length)]}` }));

// ---- PostgreSQL: API and raw, alternately
type Row = Record<string, unknown>;
const results: { op: string; clients: number; api: number; raw: number; loadApi: string; loadRaw: string }[] = [];

async function onPostgres(): Promise<void> {
  const name = `api_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = Object.assign(new URL(serverUrl!), { pathname: `/${name}` }).toString();
  const db = createPostgresDb(url, 2);
  await migrateToLatest(db);
  const org = await createOrganisation(db, { name: 'Bench', division: 'england-and-wales', now: new Date('2026-01-05T09:00:00Z'), presets: loadPolicyPresets() });
  const key = await createApiKey(db, { organisationId: org.id, name: 'bench', scopes: ['complaints:read', 'complaints:write'], now: new Date() });
  await db.destroy();
  const port = String(18000 + Math.floor(Math.random() * 1000));
  const server = startServer({ DATABASE_URL: url, PORT: port, DATABASE_POOL_MAX: '10' });
  const client = new pg.Client({ connectionString: url });
  try {
    const base = await server.ready;
    await client.connect();
    // A literal pgbench leaves alone: it would read any ":name" inside one as a variable, so
    // colons are written as Unicode escapes (parsed once, when the statement is prepared).
    const quoted = (text: string) => `U&'${text.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/:/g, '\\003A')}'`;
    const lit = (v: unknown) => (v === null || v === undefined ? 'null' : quoted(v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : JSON.stringify(v)));
    // Warm-up, and the rows the raw scripts copy.
    await httpLoad(base, key.secret, 8, { seconds: 2 }, creates);
    const sample = (await client.query('select * from complaints where state->>\'id\' = id::text order by created_at limit 1')).rows[0] as Row;
    const rowsOf = async (table: string, id: unknown) => (await client.query(`select * from ${table} where complaint_id = $1`, [id])).rows as Row[];
    const columnsOf = async (table: string) =>
      (await client.query(`select attname from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped and attidentity = '' and attgenerated = ''`, [table])).rows.map((r: { attname: string }) => r.attname);
    const insertSql = async (table: string, rows: Row[], override: Record<string, string>) => {
      if (rows.length === 0) return '';
      const columns = (await columnsOf(table)).filter((c) => c !== 'sequence' && (c in override || rows[0]![c] !== undefined));
      const values = rows.map((r) => `(${columns.map((c) => override[c] ?? lit(r[c])).join(', ')})`).join(', ');
      return `insert into ${table} (${columns.join(', ')}) values ${values};\n`;
    };
    const orgLit = lit(org.id);
    const createScript = [
      'begin;',
      `insert into complaint_reference_counters as c (organisation_id, year, last_number) values (${orgLit}, 2026, 1) on conflict (organisation_id, year) do update set last_number = c.last_number + 1 returning last_number \\gset`,
      `select gen_random_uuid() as cid \\gset`,
      (await insertSql('complaints', [sample], { id: `:cid`, reference: `'CMP-2026-' || lpad(:last_number::text, 6, '0')`, external_ref: 'null' })).trim(),
      (await insertSql('complaint_events', await rowsOf('complaint_events', sample.id), { complaint_id: `:cid` })).trim(),
      (await insertSql('complaint_deadlines', await rowsOf('complaint_deadlines', sample.id), { complaint_id: `:cid` })).trim(),
      (await insertSql('events', await rowsOf('events', sample.id), { id: 'gen_random_uuid()', complaint_id: `:cid` })).trim(),
      'commit;',
    ].filter(Boolean).join('\n') + '\n';

    for (const clients of CLIENTS) {
      const loadApi = load1();
      const api = await httpLoad(base, key.secret, clients, { seconds: SECONDS }, creates);
      const loadRaw = load1();
      const raw = pgbench(url, createScript, clients, SECONDS);
      results.push({ op: 'create', clients, api: api.rate, raw, loadApi, loadRaw });
      process.stdout.write(`create ${clients}: api ${api.rate.toFixed(0)}/s (load ${loadApi}), raw ${raw.toFixed(0)}/s (load ${loadRaw})\n`);
    }

    // Statistics, as autovacuum would have them by now on a live database: on tables just
    // filled the planner answered the raw deadlines statement by combining the landlord's
    // index (every deadline of the landlord) with the key, four times the work.
    await client.query('analyze');
    // Reads of complaints the API wrote; the raw script picks them by number.
    const ids = (await client.query(`select id from complaints where state->>'id' = id::text`)).rows.map((r: { id: string }) => r.id);
    await client.query('create table bench_ids (n integer primary key, id uuid not null)');
    await client.query('insert into bench_ids select row_number() over (), id from unnest($1::uuid[]) id', [ids]);
    // Warm-up, as for the creates: the first 5 s of reads ran 15-20 % slower than the next
    // (the read path's code not yet optimised), which the 8-client run alone paid for.
    await httpLoad(base, key.secret, 8, { seconds: 2 }, readsOf(ids));
    const readScript = [
      `\\set n random(1, ${ids.length})`,
      `select id, state from complaints where organisation_id = ${orgLit} and id = (select id from bench_ids where n = :n) \\gset`,
      `select * from complaint_deadlines where organisation_id = ${orgLit} and complaint_id = :id order by due_date, kind;`,
    ].join('\n') + '\n';
    for (const clients of CLIENTS) {
      const loadApi = load1();
      const api = await httpLoad(base, key.secret, clients, { seconds: SECONDS }, readsOf(ids));
      const loadRaw = load1();
      const raw = pgbench(url, readScript, clients, SECONDS);
      results.push({ op: 'read', clients, api: api.rate, raw, loadApi, loadRaw });
      process.stdout.write(`read ${clients}: api ${api.rate.toFixed(0)}/s (load ${loadApi}), raw ${raw.toFixed(0)}/s (load ${loadRaw})\n`);
    }

    // Acknowledge: each API call takes a fresh complaint; the raw script applies the rows of
    // an acknowledgement the API made to any complaint.
    const fresh = [...ids];
    // Once the list runs out, the last one again: answered 409, which the rate does not count.
    let last = '';
    const take = (): Call => {
      last = fresh.pop() ?? last;
      return { method: 'POST', path: `/v1/complaints/${last}/acknowledge`, body: ACK };
    };
    await httpLoad(base, key.secret, 8, { seconds: 1 }, take);
    const acked = (await client.query(`select * from complaints where status <> $1 and state->>'id' = id::text limit 1`, [sample.status])).rows[0] as Row | undefined;
    if (!acked) throw new Error('no acknowledged complaint to copy');
    const ackEvents = (await client.query('select * from complaint_events where complaint_id = $1 and version = $2', [acked.id, acked.version])).rows as Row[];
    const ackPublic = (await client.query(`select * from events where complaint_id = $1 and type <> 'complaint.logged'`, [acked.id])).rows as Row[];
    const ackScript = [
      `\\set n random(1, ${ids.length})`,
      'begin;',
      `select id, version from complaints where organisation_id = ${orgLit} and id = (select id from bench_ids where n = :n) for update \\gset`,
      `update complaints set status = ${lit(acked.status)}, handler = ${lit(acked.handler)}, state = ${lit(acked.state)}, version = version + 1, updated_at = now() where organisation_id = ${orgLit} and id = :id;`,
      (await insertSql('complaint_events', ackEvents, { complaint_id: `:id`, version: ':version + 1' })).trim(),
      (await insertSql('events', ackPublic, { id: 'gen_random_uuid()', complaint_id: `:id` })).trim(),
      `delete from complaint_deadlines where organisation_id = ${orgLit} and complaint_id = :id;`,
      (await insertSql('complaint_deadlines', await rowsOf('complaint_deadlines', acked.id), { complaint_id: `:id` })).trim(),
      'commit;',
    ].filter(Boolean).join('\n') + '\n';
    // Complaints still to acknowledge: the raw runs acknowledge the API's complaints too, so
    // the list is read again before every API run.
    const unacknowledged = async () =>
      (await client.query(`select id from complaints where state->>'id' = id::text and status = $1`, [sample.status])).rows.map((r: { id: string }) => r.id);
    for (const clients of CLIENTS) {
      fresh.splice(0, fresh.length, ...(await unacknowledged()));
      if (fresh.length < 1500 * SECONDS) {
        // More complaints to acknowledge (not measured).
        await httpLoad(base, key.secret, 16, { amount: 1500 * SECONDS }, creates);
        fresh.splice(0, fresh.length, ...(await unacknowledged()));
      }
      const loadApi = load1();
      const api = await httpLoad(base, key.secret, clients, { seconds: SECONDS }, take);
      const loadRaw = load1();
      const raw = pgbench(url, ackScript, clients, SECONDS);
      results.push({ op: 'acknowledge', clients, api: api.rate, raw, loadApi, loadRaw });
      process.stdout.write(`acknowledge ${clients}: api ${api.rate.toFixed(0)}/s (load ${loadApi}), raw ${raw.toFixed(0)}/s (load ${loadRaw})\n`);
    }
  } finally {
    await client.end().catch(() => {});
    await stop(server.child);
    await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end();
  }
}

// ---- the embedded default
async function embedded(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'api-bench-pglite-'));
  const port = String(19000 + Math.floor(Math.random() * 1000));
  const started = performance.now();
  const server = startServer({ DATABASE_URL: '', DATA_DIR: dataDir, PORT: port, LOG_LEVEL: 'info' });
  try {
    const base = await server.ready;
    const readyMs = performance.now() - started;
    await sleep(3000);
    const restRss = rssMb(server.child.pid!);
    // V8's memory reducer gives back the start-up's garbage some 20-40 s after the last
    // burst of allocation: the figure a server left idle settles at.
    await sleep(42_000);
    const settledRss = rssMb(server.child.pid!);
    const demo = /^\s+(cmpk_[A-Za-z0-9_-]{43})$/m.exec(server.output())?.[1];
    if (!demo) throw new Error('no demo key printed');
    const made = await fetch(`${base}/v1/api-keys`, {
      method: 'POST', headers: { authorization: `Bearer ${demo}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', scopes: ['complaints:read', 'complaints:write'] }),
    });
    const token = ((await made.json()) as { secret: string }).secret;
    const ids: string[] = [];
    await httpLoad(base, token, 16, { seconds: 2 }, creates);
    for (let i = 0; i < 20; i++) await fetch(`${base}/v1/complaints?limit=10`, { headers: { authorization: `Bearer ${token}` } });
    const loadCreate = load1();
    const create = await httpLoad(base, token, 16, { seconds: SECONDS }, creates);
    const list = (await (await fetch(`${base}/v1/complaints?limit=100`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string }[] };
    ids.push(...list.items.map((c) => c.id));
    await httpLoad(base, token, 1, { seconds: 2 }, readsOf(ids.slice(0, 1)));
    const loadRead = load1();
    const read = await httpLoad(base, token, 16, { seconds: SECONDS }, readsOf(ids));
    const peakRss = rssMb(server.child.pid!);
    await sleep(3000);
    const afterRss = rssMb(server.child.pid!);
    const line = `embedded PGlite, 16 clients: create ${create.rate.toFixed(0)}/s (load ${loadCreate}), read ${read.rate.toFixed(0)}/s (load ${loadRead}); ` +
      `ready after ${(readyMs / 1000).toFixed(1)} s; RSS at rest ${restRss} MB 3 s after ready, ${settledRss} MB 45 s after, after load ${afterRss} MB (peak seen ${peakRss} MB)`;
    process.stdout.write(`${line}\n`);
    return line;
  } finally {
    await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.stdout.write(`${SECONDS} s per run, clients ${CLIENTS.join(', ')}; ${compiled ? 'compiled server (dist/)' : 'server through tsx'}\n`);
await onPostgres();
const embeddedLine = process.env.BENCH_EMBEDDED === '0' ? undefined : await embedded();

process.stdout.write('\n| operation | clients | API per s (load) | raw per s (load) | ratio |\n|---|---|---|---|---|\n');
for (const r of results) {
  process.stdout.write(`| ${r.op} | ${r.clients} | ${r.api.toFixed(0)} (${r.loadApi}) | ${r.raw.toFixed(0)} (${r.loadRaw}) | ${(r.api / r.raw).toFixed(2)}× |\n`);
}
if (embeddedLine) process.stdout.write(`\n${embeddedLine}\n`);
