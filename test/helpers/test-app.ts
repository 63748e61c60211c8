import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { SecretBox } from '../../src/app/webhooks/secret-box.ts';
import { loadBankHolidayFeed, loadPolicyPresets } from '../../src/config.ts';
import { buildUkCalendars, calendarCache, type Division, type UkCalendars } from '../../src/domain/calendar/index.ts';
import type { Scope } from '../../src/domain/access/scopes.ts';
import type { Clock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logger.ts';
import { createServiceMetrics, type ServiceMetrics } from '../../src/metrics/service-metrics.ts';
import { createApiKey } from '../../src/store/api-keys.ts';
import type { Db } from '../../src/store/database.ts';
import { createOrganisation } from '../../src/store/create-organisation.ts';
import type { Organisation } from '../../src/store/organisations.ts';
import { testDatabase, type TestDatabase } from './test-database.ts';

interface TapLike {
  teardown(fn: () => unknown): void;
}

/** The real shipped calendars, built once per test file. */
export const ukCalendars: UkCalendars = buildUkCalendars(loadBankHolidayFeed());
export const policyPresets = loadPolicyPresets();

/** A clock the test moves forward itself: `clock.set('2026-12-21T10:00:00Z')`. */
export function movableClock(start: string): Clock & { set(iso: string): void } {
  let now = new Date(start);
  return Object.assign(() => new Date(now), { set: (iso: string) => void (now = new Date(iso)) });
}

/** A fixed instant, so tests never depend on when they run. */
export const fixedClock = (iso: string): Clock => () => new Date(iso);

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  /** The app's metrics, when asked for with `metrics`. */
  serviceMetrics?: ServiceMetrics;
}

export async function buildTestApp(
  t: TapLike,
  options: {
    clock?: Clock;
    bodyLimitBytes?: number;
    intakeLimits?: { perKeyPerMinute: number; perAddressPerMinute: number };
    /** Request metrics and SLA gauges; GET /metrics on the app with a token. */
    metrics?: { token?: string; slaIntervalSeconds?: number };
  } = {},
): Promise<TestApp> {
  const database = await testDatabase(t);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const clock = options.clock ?? fixedClock('2026-11-23T10:00:00Z');
  const serviceMetrics = options.metrics
    ? createServiceMetrics({ db: database.db, clock, calendarFor: calendarCache(ukCalendars), slaIntervalSeconds: options.metrics.slaIntervalSeconds ?? 30 })
    : undefined;
  const app = await buildApp({
    db: database.db,
    clock,
    calendars: ukCalendars,
    presets: policyPresets,
    logger: createLogger('info', sink),
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    ...(options.intakeLimits ? { intakeLimits: options.intakeLimits } : {}),
    webhooks: { box: SecretBox.ephemeral(), rules: { allowHttpLoopback: true, allowedCidrs: [] } },
    ...(serviceMetrics ? { metrics: { service: serviceMetrics, token: options.metrics?.token } } : {}),
  });
  t.teardown(() => app.close());
  return { ...database, app, logs, ...(serviceMetrics ? { serviceMetrics } : {}) };
}

export async function anOrganisation(db: Db, overrides: Partial<{ name: string; division: Division }> = {}): Promise<Organisation> {
  return createOrganisation(db, {
    name: overrides.name ?? 'Riverside Homes',
    division: overrides.division ?? 'england-and-wales',
    now: new Date('2026-01-05T09:00:00Z'),
    presets: policyPresets,
  });
}

/** An organisation with a key holding `scopes`; returns the bearer header to send. */
export async function aKey(db: Db, scopes: Scope[], organisationId?: string) {
  const orgId = organisationId ?? (await anOrganisation(db)).id;
  const key = await createApiKey(db, { organisationId: orgId, name: 'test key', scopes, now: new Date('2026-01-05T09:00:00Z') });
  return { organisationId: orgId, key, headers: { authorization: `Bearer ${key.secret}` } };
}
