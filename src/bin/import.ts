import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { receiveUpload } from '../app/imports/receive-upload.ts';
import { ConfigError, loadBankHolidayFeed, loadConfig } from '../config.ts';
import { buildUkCalendars, calendarCache } from '../domain/calendar/index.ts';
import { systemClock } from '../domain/clock.ts';
import { importWorkersFor, processImports } from '../jobs/imports.ts';
import { createDb } from '../store/database.ts';
import { findImport, listRejections } from '../store/imports.ts';
import { migrateToLatest } from '../store/migrator.ts';

// `npm run import -- <file.ndjson|file.csv> --organisation <id> [--dry-run] [--format ndjson|csv]`:
// the same import as POST /v1/imports, run to the end in this process; prints the
// progress and the first rejections (all of them: GET /v1/imports/{id}/rejections).
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { organisation: { type: 'string' }, 'dry-run': { type: 'boolean' }, format: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || !values.organisation) throw new ConfigError('usage: npm run import -- <file> --organisation <id> [--dry-run] [--format ndjson|csv]');
  const format = values.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson');
  if (format !== 'csv' && format !== 'ndjson') throw new ConfigError('--format must be ndjson or csv');
  const config = loadConfig(process.env);
  const db = await createDb(config.database);
  try {
    await migrateToLatest(db);
    const organisationId = values.organisation;
    const started = Date.now();
    const { id, lines, complete } = await receiveUpload(db, { organisationId, format, dryRun: values['dry-run'] === true, actor: 'cli', body: createReadStream(file), now: systemClock });
    if (!complete) throw new ConfigError(`import ${id}: the file could not be read to its end; nothing imported`);
    process.stdout.write(`import ${id}: ${lines} line(s) stored\n`);
    await processImports(db, { clock: systemClock, calendarFor: calendarCache(buildUkCalendars(loadBankHolidayFeed())), only: id, workers: importWorkersFor(config.database) });
    const record = (await findImport(db, organisationId, id))!;
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`${record.status}${record.dryRun ? ' (dry run)' : ''}: ${record.imported} imported, ${record.unchanged} unchanged, ${record.rejected} rejected in ${seconds.toFixed(1)} s\n`);
    for (const r of await listRejections(db, organisationId, id, { afterLine: 0, limit: 20 })) {
      process.stdout.write(`  line ${r.line}${r.externalRef ? ` (${r.externalRef})` : ''}: ${String((r.problem as { detail?: string }).detail)}\n`);
    }
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
