// Bulk import on PostgreSQL: N complaints (default 100,000) with full histories, as one
// NDJSON file streamed into POST /v1/imports' store and replayed by the import job.
// Run: npm run bench:import [-- 20000]. Uses a fresh database on the server of
// DATABASE_URL (default the local one), dropped afterwards. Prints the rate and the
// process's memory, sampled every second, so a climb would show.
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { receiveUpload } from '../src/app/imports/receive-upload.ts';
import { loadBankHolidayFeed, loadPolicyPresets } from '../src/config.ts';
import { buildUkCalendars, calendarCache } from '../src/domain/calendar/index.ts';
import { processImports } from '../src/jobs/imports.ts';
import { createOrganisation } from '../src/store/create-organisation.ts';
import { createPostgresDb } from '../src/store/database.ts';
import { findImport } from '../src/store/imports.ts';
import { migrateToLatest } from '../src/store/migrator.ts';

const total = Number(process.argv[2] ?? 100_000);
// IMPORT_WORKERS and IMPORT_BATCH: the job's workers (default 2) and lines per batch (default 250).
const workers = Number(process.env.IMPORT_WORKERS ?? 2);
const batchSize = Number(process.env.IMPORT_BATCH ?? 250);
// IMPORT_BENCH_PROFILE=1: time spent waiting on each kind of statement (its first words).
const profile = new Map<string, { n: number; ms: number }>();
if (process.env.IMPORT_BENCH_PROFILE) {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its own `this` below
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text ?? '');
    const key = text.replace(/\s+/g, ' ').trim().split(' ').slice(0, 3).join(' ').slice(0, 40);
    const t = performance.now();
    const result = query.apply(this, args);
    if (result instanceof Promise) {
      void result.finally(() => {
        const p = profile.get(key) ?? { n: 0, ms: 0 };
        p.n++;
        p.ms += performance.now() - t;
        profile.set(key, p);
      }).catch(() => {});
    }
    return result;
  } as typeof pg.Client.prototype.query;
}
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `import_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const db = createPostgresDb(url.toString(), workers + 2);
const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
// CPU seconds used so far by this database's server processes (Linux /proc; 0 elsewhere):
// unlike the wall clock, hardly moved by other work on a shared machine.
async function backendCpuSeconds(database: string): Promise<number> {
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // not on Linux, or the process is gone
    }
  }
  return ticks / 100;
}
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
try {
  await migrateToLatest(db);
  const organisation = await createOrganisation(db, { name: 'Import Bench', division: 'england-and-wales', now: new Date(), presets: loadPolicyPresets() });

  // Three years of complaints, half escalated: 5 or 8 events each, as a CRM exports them.
  const file = join(dir, 'history.ndjson');
  const out = createWriteStream(file);
  const day = 86_400_000;
  const start = Date.parse('2023-04-03T09:30:00Z');
  for (let i = 0; i < total; i++) {
    const received = start + (i % 1090) * day + (i % 7) * 3_600_000;
    const at = (days: number) => new Date(received + days * day).toISOString();
    const decision = (stage: number) => ({
      command: 'respond', occurredAt: at(stage === 1 ? 9 : 30), stage, definition: 'The repair', escalationExplained: true,
      decisions: [{ matterId: 'm1', outcome: i % 3 === 0 ? 'upheld' : 'partly_upheld', reasons: 'Missed appointments' }],
      remedies: i % 5 === 0 ? [{ type: 'financial', description: 'Compensation', compensationPence: 5000 }] : [], outstandingActions: [],
    });
    const history: object[] = [
      { command: 'acknowledge', occurredAt: at(2), definition: 'The repair', outcomesSought: ['Fix it'], handler: `h${i % 40}` },
      decision(1),
    ];
    if (i % 2 === 0) {
      history.push(
        { command: 'escalate', occurredAt: at(14) },
        { command: 'acknowledge-stage-2', occurredAt: at(16), definition: 'The repair, reviewed', outcomesSought: ['Fix it'], handler: `s${i % 10}` },
        decision(2),
        { command: 'close', occurredAt: at(31), reason: 'stage_2_response' },
      );
    } else {
      history.push({ command: 'close', occurredAt: at(20), reason: 'resolved_at_stage_1' });
    }
    const line = {
      externalRef: `CRM-${i}`, channel: i % 4 === 0 ? 'phone' : 'email', receivedAt: new Date(received).toISOString(),
      complainant: { name: `Resident ${i}`, tenancyRef: `T-${i}` }, description: 'The repair was not done', category: `c${i % 8}`, serviceArea: `a${i % 5}`, history,
    };
    if (!out.write(JSON.stringify(line) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');

  const samples: number[] = [];
  const timer = setInterval(() => samples.push(process.memoryUsage().rss), 1000);
  const t0 = performance.now();
  const { id } = await receiveUpload(db, { organisationId: organisation.id, format: 'ndjson', dryRun: false, actor: 'bench', body: createReadStream(file), now: () => new Date() });
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  await processImports(db, { clock: () => new Date(), calendarFor: calendarCache(buildUkCalendars(loadBankHolidayFeed())), only: id, workers, batchSize });
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const pgCpu = await backendCpuSeconds(name);
  clearInterval(timer);
  const record = (await findImport(db, organisation.id, id))!;
  const events = await db.selectFrom('complaint_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const upload = (t1 - t0) / 1000;
  const replay = (t2 - t1) / 1000;
  process.stdout.write(`${total} complaints, ${events.n} events; imported ${record.imported}, unchanged ${record.unchanged}, rejected ${record.rejected}\n`);
  process.stdout.write(`upload (stream to import_lines): ${upload.toFixed(1)} s (${(total / upload).toFixed(0)} lines/s)\n`);
  process.stdout.write(`replay and write: ${replay.toFixed(1)} s (${(total / replay).toFixed(0)} complaints/s); end to end ${(total / (upload + replay)).toFixed(0)} complaints/s\n`);
  process.stdout.write(`PostgreSQL backends' cpu (upload and replay): ${pgCpu.toFixed(1)} s, ${((pgCpu / total) * 1e6).toFixed(0)} µs per complaint; node's ${(((cpu.user + cpu.system) / total)).toFixed(0)} µs per complaint\n`);
  process.stdout.write(`node cpu during replay: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (${(((cpu.user + cpu.system) / 1e3 / (t2 - t1)) * 100).toFixed(0)} % of one core); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const sorted = [...samples].sort((a, b) => a - b);
  const quarter = samples.slice(0, Math.ceil(samples.length / 4));
  const last = samples.slice(-Math.ceil(samples.length / 4));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  process.stdout.write(`rss: min ${mib(sorted[0] ?? 0)}, max ${mib(sorted.at(-1) ?? 0)}; first quarter avg ${mib(avg(quarter))}, last quarter avg ${mib(avg(last))} (${samples.length} samples)\n`);
  for (const [key, p] of [...profile].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
    process.stdout.write(`  ${(p.ms / 1000).toFixed(2).padStart(7)} s ${String(p.n).padStart(7)}x  ${key}\n`);
  }
} finally {
  await db.destroy();
  await admin.query(`drop database if exists ${name}`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
