// SLA endpoints on the seeded million (npm run bench:seed first): the breaches first page
// (all, by handler, at stage 2), the due list and the summary for the 200,000-complaint landlord, through the whole HTTP
// stack (app.inject: auth, validation, query, serialisation). Run: npm run bench:sla
import { buildApp } from '../src/app.ts';
import { loadBankHolidayFeed, loadPolicyPresets } from '../src/config.ts';
import { buildUkCalendars } from '../src/domain/calendar/index.ts';
import { createLogger } from '../src/logger.ts';
import { createApiKey } from '../src/store/api-keys.ts';
import { createPostgresDb } from '../src/store/database.ts';

const url = process.env.DATABASE_URL;
if (!url?.startsWith('postgres')) throw new Error('set DATABASE_URL to the database npm run bench:seed filled');
const db = createPostgresDb(url, 4);
const landlord = await db.selectFrom('organisations').select('id').where('name', '=', 'Bench Landlord 1').executeTakeFirst();
if (!landlord) throw new Error('no "Bench Landlord 1": run npm run bench:seed first');
const complaints = await db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', landlord.id).executeTakeFirstOrThrow();
const all = await db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
// "Today" is the day the seed's data ends, so the figures do not depend on when the bench runs.
const latest = await db.selectFrom('complaints').select((eb) => eb.fn.max('receipt_date').as('day')).where('organisation_id', '=', landlord.id).executeTakeFirstOrThrow();
const now = new Date(`${String(latest.day)}T12:00:00Z`);
const key = await createApiKey(db, { organisationId: landlord.id, name: 'bench', scopes: ['complaints:read'], now: new Date() });
const app = await buildApp({
  db, clock: () => now, calendars: buildUkCalendars(loadBankHolidayFeed()), presets: loadPolicyPresets(), logger: createLogger('silent'),
});
const headers = { authorization: `Bearer ${key.secret}` };

async function measure(label: string, path: string, runs: number) {
  let body = '';
  for (let i = 0; i < 5; i++) body = (await app.inject({ method: 'GET', url: path, headers })).body;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url: path, headers });
    times.push(performance.now() - started);
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!.toFixed(1);
  process.stdout.write(`| ${label} | ${runs} | ${at(50)} ms | ${at(95)} ms | ${times.at(-1)!.toFixed(1)} ms |\n`);
  return JSON.parse(body) as Record<string, unknown>;
}

const mix = await db.selectFrom('complaints').select(['stage', 'status', (eb) => eb.fn.countAll<string>().as('n')]).where('organisation_id', '=', landlord.id).groupBy(['stage', 'status']).orderBy('stage').orderBy('status').execute();
process.stdout.write(`landlord ${landlord.id}: ${complaints.n} complaints (${all.n} in the database), as of ${String(latest.day)}\n`);
process.stdout.write(`by stage and status: ${mix.map((m) => `${m.stage}/${m.status} ${m.n}`).join(', ')}\n\n`);
process.stdout.write('| request | runs | p50 | p95 | max |\n|---|---|---|---|---|\n');
const breaches = await measure('breaches, first page (50)', '/v1/sla/breaches', 50);
await measure('breaches, first page of 500', '/v1/sla/breaches?limit=500', 20);
await measure('breaches, second page', `/v1/sla/breaches?cursor=${String(breaches.nextCursor)}`, 50);
await measure('breaches filtered by handler', '/v1/sla/breaches?handler=handler-7', 50);
await measure('breaches at stage 2, first page', '/v1/sla/breaches?stage=2', 50);
await measure('breaches with includeLate, first page', '/v1/sla/breaches?includeLate=true', 20);
await measure('due within 5 working days, first page', '/v1/sla/due?withinWorkingDays=5', 50);
const summary = await measure('summary (5 working days)', '/v1/sla/summary', 20);
process.stdout.write(`\nsummary totals: ${JSON.stringify(summary.totals)}\n`);
for (const item of summary.items as { kind: string }[]) process.stdout.write(`  ${JSON.stringify(item)}\n`);
await app.close();
await db.destroy();
