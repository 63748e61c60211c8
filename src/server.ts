import { buildApp } from './app.ts';
import { ConfigError, loadBankHolidayFeed, loadConfig, loadPolicyPresets, type Config } from './config.ts';
import { buildUkCalendars, calendarCache, calendarDataWarning, londonDateOf } from './domain/calendar/index.ts';
import { systemClock } from './domain/clock.ts';
import { importWorkersFor } from './jobs/imports.ts';
import { runSweep } from './jobs/sweep.ts';
import { startWebhookWorker, type WebhookWorker } from './jobs/webhook-deliveries.ts';
import { webhookSecretBox } from './app/webhooks/secret-key.ts';
import { startSweepSchedule, type SweepSchedule } from './jobs/sweep-schedule.ts';
import { createLogger } from './logger.ts';
import { startMetricsListener, type MetricsListener } from './http/metrics/listener.ts';
import { createServiceMetrics } from './metrics/service-metrics.ts';
import { createDb } from './store/database.ts';
import { bootstrapDemoOrganisation } from './store/demo-organisation.ts';
import { migrateToLatest } from './store/migrator.ts';

function describeDatabase(config: Config): string {
  if (config.database.kind === 'pglite') return `embedded PGlite database in ${config.database.dataDir}`;
  const url = new URL(config.database.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

function printDemoKey(secret: string, port: number): void {
  process.stdout.write(
    [
      '',
      '  A demo organisation was created with this admin API key. It is shown only once:',
      '',
      `    ${secret}`,
      '',
      `  Try: curl -H "Authorization: Bearer ${secret}" http://localhost:${port}/v1/api-keys`,
      `  Docs: http://localhost:${port}/docs`,
      '',
    ].join('\n') + '\n',
  );
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  logger.info({ database: config.database.kind }, `starting on the ${describeDatabase(config)}`);

  const feed = loadBankHolidayFeed();
  const presets = loadPolicyPresets();
  const calendars = buildUkCalendars(feed);
  const calendarWarning = calendarDataWarning(feed, londonDateOf(systemClock()));
  if (calendarWarning) logger.warn(calendarWarning);

  const db = await createDb(config.database, (err) => logger.warn({ err }, 'a database connection was lost; the pool opens a new one'));
  const applied = await migrateToLatest(db);
  logger.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'database schema is current');

  if (config.database.kind === 'pglite' && config.demoBootstrap) {
    const demoKey = await bootstrapDemoOrganisation(db, systemClock(), presets);
    // Printed at once, not after listen, so a start that fails later cannot lose it.
    if (demoKey) printDemoKey(demoKey.secret, config.port);
  }

  const webhookKey = webhookSecretBox(config);
  logger.info({ webhookSecretKey: webhookKey.source }, 'webhook secrets key');
  const webhookRules = { allowHttpLoopback: config.webhooks.allowHttpLoopback, allowedCidrs: config.webhooks.allowedCidrs };
  const calendarFor = calendarCache(calendars);
  const metrics = createServiceMetrics({
    db, clock: systemClock, calendarFor, slaIntervalSeconds: config.metrics.slaIntervalSeconds, onSlaError: (err) => logger.warn({ err }, 'the SLA gauges could not be computed'),
  });
  const app = await buildApp({
    db,
    clock: systemClock,
    calendars,
    presets,
    intakeLimits: config.intakeLimits,
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestTimeoutMs: config.requestTimeoutMs,
    ...(config.database.kind === 'postgres' ? { reportStatementTimeoutMs: config.database.timeouts.reportStatementMs } : {}),
    eventRetentionDays: config.eventRetentionDays,
    webhooks: { box: webhookKey.box, rules: webhookRules },
    // Resume imports a crashed instance left half done (their leases run out after a minute).
    importPollMs: 10_000,
    importUploadIdleMs: config.importUploadIdleMs,
    importWorkers: importWorkersFor(config.database),
    metrics: { service: metrics, token: config.metrics.token },
  });
  let sweep: SweepSchedule | undefined;
  let webhookWorker: WebhookWorker | undefined;
  let metricsListener: MetricsListener | undefined;
  app.addHook('onClose', async () => {
    await metricsListener?.close();
    await webhookWorker?.stop();
    // The sweep finishes its current pass before the database goes.
    await sweep?.stop();
    await db.destroy();
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    app.close().then(
      () => {
        logger.info('shut down cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  if (!config.metrics.token && config.metrics.port > 0) {
    // The API serves on without its metrics rather than exit when another process (often a
    // second instance on the same host) holds the port.
    metricsListener = await startMetricsListener(metrics, config.metrics.port, logger).catch((err: unknown) => {
      logger.error({ err, port: config.metrics.port }, 'metrics port unavailable: this instance serves no metrics (set METRICS_PORT to a free port, or METRICS_TOKEN to serve them on the API port)');
      return undefined;
    });
    if (metricsListener) {
      logger.info({ port: metricsListener.port }, `metrics on http://127.0.0.1:${metricsListener.port}/metrics (set METRICS_TOKEN to serve them on the API port instead)`);
    }
  }
  if (webhookKey.box && config.webhooks.workerIntervalMs > 0) {
    webhookWorker = startWebhookWorker({
      db, box: webhookKey.box, clock: systemClock, rules: webhookRules, intervalMs: config.webhooks.workerIntervalMs, retentionDays: config.eventRetentionDays, logger, metrics,
    });
  }
  if (config.sweepIntervalSeconds > 0) {
    sweep = startSweepSchedule({
      intervalMs: config.sweepIntervalSeconds * 1000,
      run: () => metrics.timeSweep(() => runSweep(db, { now: systemClock(), calendarFor })),
      logger,
    });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
