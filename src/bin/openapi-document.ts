import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { loadBankHolidayFeed, loadPolicyPresets } from '../config.ts';
import { buildUkCalendars } from '../domain/calendar/index.ts';
import { systemClock } from '../domain/clock.ts';
import { createLogger } from '../logger.ts';
import type { Database } from '../store/schema.ts';

/** The OpenAPI document as the routes' schemas define it, serialised as committed. */
export async function renderOpenApiDocument(): Promise<string> {
  // The app is only built to read its route schemas: this pool is never connected.
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ host: 'unused.invalid' }) }) });
  const app = await buildApp({ db, clock: systemClock, calendars: buildUkCalendars(loadBankHolidayFeed()), presets: loadPolicyPresets(), logger: createLogger('silent') });
  await app.ready();
  const document = JSON.stringify(app.swagger(), null, 2) + '\n';
  await app.close();
  return document;
}
