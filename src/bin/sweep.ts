import { ConfigError, loadBankHolidayFeed, loadConfig } from '../config.ts';
import { buildUkCalendars, calendarCache } from '../domain/calendar/index.ts';
import { systemClock } from '../domain/clock.ts';
import { runSweep } from '../jobs/sweep.ts';
import { createDb } from '../store/database.ts';
import { migrateToLatest } from '../store/migrator.ts';

// `npm run sweep`: one SLA sweep pass now (auto-close, due-soon and breach events), for a
// cron job or by hand. Safe while servers run their own sweeps on the same database.
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = await createDb(config.database);
  try {
    await migrateToLatest(db);
    const result = await runSweep(db, { now: systemClock(), calendarFor: calendarCache(buildUkCalendars(loadBankHolidayFeed())) });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
