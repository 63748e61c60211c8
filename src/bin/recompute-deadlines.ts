import { parseArgs } from 'node:util';
import { ConfigError, loadBankHolidayFeed, loadConfig } from '../config.ts';
import { buildUkCalendars, calendarCache } from '../domain/calendar/index.ts';
import { systemClock } from '../domain/clock.ts';
import { recomputeDeadlines } from '../jobs/recompute-deadlines.ts';
import { createDb } from '../store/database.ts';
import { migrateToLatest } from '../store/migrator.ts';

// `npm run deadlines:recompute [-- --organisation <id>] [--reason "..."]`: after
// `calendar:update` or a change of a landlord's closure days, move the deadlines of open
// complaints to the current calendar, recording the old and new dates on each complaint.
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { organisation: { type: 'string' }, reason: { type: 'string' } } });
  const config = loadConfig(process.env);
  const db = await createDb(config.database);
  try {
    await migrateToLatest(db);
    const result = await recomputeDeadlines(db, {
      now: systemClock(),
      calendarFor: calendarCache(buildUkCalendars(loadBankHolidayFeed())),
      ...(values.organisation ? { organisationId: values.organisation } : {}),
      reason: values.reason ?? 'bank holidays or closure days changed',
    });
    for (const c of result.changed) process.stdout.write(`${c.reference}: ${c.changes} deadline(s) moved\n`);
    process.stdout.write(`checked ${result.checked} open complaint(s): ${result.changed.length} with moved deadlines, ${result.refreshed} refreshed\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
