// The regulator's TSM report, the performance, self-assessment and annual reports on the seeded million
// (npm run bench:seed first, same DATABASE_URL) for the 200,000-complaint landlord, through
// the whole HTTP stack (app.inject: auth, validation, queries, computation, serialisation).
// Run: npm run bench:reports. Migrates first, so a database seeded before the report
// columns existed gets them (computed for every row once).
import { buildApp } from '../src/app.ts';
import { loadBankHolidayFeed, loadPolicyPresets } from '../src/config.ts';
import { buildUkCalendars } from '../src/domain/calendar/index.ts';
import type { PerformanceReport, TsmReport } from '../src/domain/reporting/index.ts';
import { createLogger } from '../src/logger.ts';
import { createApiKey } from '../src/store/api-keys.ts';
import { createPostgresDb } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrator.ts';

const url = process.env.DATABASE_URL;
if (!url?.startsWith('postgres')) throw new Error('set DATABASE_URL to the database npm run bench:seed filled');
const db = createPostgresDb(url, 4);
const migrated = await migrateToLatest(db);
if (migrated.length) process.stdout.write(`applied migrations: ${migrated.join(', ')}\n`);
const landlord = await db.selectFrom('organisations').select('id').where('name', '=', 'Bench Landlord 1').executeTakeFirst();
if (!landlord) throw new Error('no "Bench Landlord 1": run npm run bench:seed first');
const count = (organisationId?: string) => {
  let query = db.selectFrom('complaints').select((eb) => eb.fn.countAll<string>().as('n'));
  if (organisationId) query = query.where('organisation_id', '=', organisationId);
  return query.executeTakeFirstOrThrow().then((r) => Number(r.n));
};
const range = await db
  .selectFrom('complaints')
  .select((eb) => [eb.fn.min('receipt_date').as('first'), eb.fn.max('receipt_date').as('last')])
  .where('organisation_id', '=', landlord.id)
  .executeTakeFirstOrThrow();
const last = String(range.last);
// The last complete financial year before the data ends, and the three years up to it.
const year = Number(last.slice(0, 4)) - (last.slice(5) >= '04-01' ? 1 : 2);
const threeYearsFrom = new Date(Date.parse(`${last}T00:00:00Z`) - 3 * 365 * 86_400_000).toISOString().slice(0, 10);
const now = new Date(`${last}T12:00:00Z`);
const key = await createApiKey(db, { organisationId: landlord.id, name: 'bench', scopes: ['reports:read'], now: new Date() });
const app = await buildApp({
  db, clock: () => now, calendars: buildUkCalendars(loadBankHolidayFeed()), presets: loadPolicyPresets(), logger: createLogger('silent'),
});
const headers = { authorization: `Bearer ${key.secret}` };

async function measure(label: string, path: string, runs: number, accept = 'application/json') {
  let body = '';
  for (let i = 0; i < 2; i++) body = (await app.inject({ method: 'GET', url: path, headers: { ...headers, accept } })).body;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url: path, headers: { ...headers, accept } });
    times.push(performance.now() - started);
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!.toFixed(0);
  process.stdout.write(`| ${label} | ${runs} | ${at(50)} ms | ${times.at(-1)!.toFixed(0)} ms | ${(body.length / 1024).toFixed(0)} KiB |\n`);
  return body;
}

process.stdout.write(`landlord ${landlord.id}: ${await count(landlord.id)} complaints (${await count()} in the database), received ${String(range.first)} to ${last}\n\n`);
process.stdout.write('| request | runs | p50 | max | answer |\n|---|---|---|---|---|\n');
const tsm = JSON.parse(await measure(`TSM ${year}/${(year + 1) % 100}`, `/v1/reports/tsm?year=${year}`, 5)) as TsmReport;
const cases = JSON.parse(await measure('TSM cases, CH02 stage 1', `/v1/reports/tsm/cases?year=${year}&measure=CH02&stage=1`, 3)) as { counted: number; leftOut: number };
await measure('TSM cases, CH02 stage 2', `/v1/reports/tsm/cases?year=${year}&measure=CH02&stage=2`, 5);
const fy = JSON.parse(await measure('performance, the financial year', `/v1/reports/performance?from=${year}-04-01&to=${year + 1}-03-31`, 5)) as PerformanceReport;
await measure('performance, the financial year, CSV', `/v1/reports/performance?from=${year}-04-01&to=${year + 1}-03-31`, 5, 'text/csv');
const all = JSON.parse(await measure('performance, three years', `/v1/reports/performance?from=${threeYearsFrom}&to=${last}`, 3)) as PerformanceReport;
await measure('self-assessment', `/v1/reports/self-assessment?year=${year}`, 3);
await measure('annual report (all of the above for the year, JSON)', `/v1/reports/annual?year=${year}`, 3);

const { ch01, ch02 } = tsm;
process.stdout.write(`\nTSM ${tsm.financialYear.label}: CH01 stage 1 received ${ch01.stage1.received} (${ch01.stage1.leftOut} left out), stage 2 ${ch01.stage2.received}; homes: ${ch01.homesNote}\n`);
for (const stage of ['stage1', 'stage2'] as const) {
  const m = ch02[stage];
  process.stdout.write(`CH02 ${stage}: ${m.withinTimescale} of ${m.responses} within the Code's timescales (${m.percentage} %), ${m.leftOut} left out\n`);
}
process.stdout.write(`cases behind CH02 stage 1: ${cases.counted} counted, ${cases.leftOut} left out\n`);
for (const [label, report] of [['financial year', fy], ['three years', all]] as const) {
  process.stdout.write(`performance, ${label}: ${report.volumes.received} received, escalation ${JSON.stringify(report.escalation)}\n`);
  for (const stage of ['stage1', 'stage2'] as const) {
    const w = report.workingDays[stage];
    process.stdout.write(
      `  ${stage} acknowledged in ${w.acknowledge.mean}/${w.acknowledge.median}/${w.acknowledge.p90} and answered in ` +
        `${w.respond.mean}/${w.respond.median}/${w.respond.p90} working days (mean/median/p90); outcomes ${JSON.stringify(report.outcomes[stage])}\n`,
    );
  }
}
await app.close();
await db.destroy();
