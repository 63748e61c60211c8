import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SweepResult } from '../jobs/sweep.ts';
import { poolStatsOf, type Db } from '../store/database.ts';
import { slaGauges, type SlaGaugeOptions } from './sla-gauges.ts';

// What GET /metrics shows (Prometheus text, prom-client). One registry per process (per
// app in tests), never prom-client's global one, so two apps in one process stay apart.

export interface ServiceMetrics {
  readonly registry: Registry;
  /** A request answered: its route pattern (not its URL, so ids never become labels). */
  requestStarted(): void;
  requestEnded(o: { method: string; route: string; status: number; seconds: number }): void;
  /** Times one sweep pass and counts what it did. */
  timeSweep(run: () => Promise<SweepResult>): Promise<SweepResult>;
  /** One webhook delivery attempt settled; lag from the event's delivery row being made. */
  webhookAttempt(o: { ok: boolean; lagSeconds: number }): void;
  /** The Prometheus text of every metric (the SLA gauges at most once per interval). */
  scrape(): Promise<string>;
  readonly contentType: string;
}

const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SWEEP_RESULTS: (keyof SweepResult)[] = ['deadlinesRecomputed', 'autoClosed', 'autoCloseRefused', 'dueSoon', 'breached', 'organisationsSkipped', 'idempotencyKeysExpired'];
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Database pool gauges and error counters, read from the pool when scraped (PostgreSQL only). */
function databaseMetrics(registry: Registry, db: Db): void {
  const stats = poolStatsOf(db);
  if (!stats) return;
  new Gauge({
    name: 'complaints_db_pool_connections',
    help: 'Connections in the pg pool by state: open (all), idle, in_use; max is the configured limit',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'open' }, stats.total());
      this.set({ state: 'idle' }, stats.idle());
      this.set({ state: 'in_use' }, stats.total() - stats.idle());
      this.set({ state: 'max' }, stats.max);
    },
  });
  new Gauge({ name: 'complaints_db_pool_waiting', help: 'Callers waiting for a pooled connection', registers: [registry], collect() { this.set(stats.waiting()); } });
  // Counters read from the pool's own tallies: each scrape adds what happened since the last.
  const seen = { queries: 0, connectionsLost: 0 };
  for (const [field, name, help] of [
    ['queries', 'complaints_db_query_errors_total', 'SQL statements that failed (timeouts, lost connections, constraint violations)'],
    ['connectionsLost', 'complaints_db_connections_lost_total', 'Pooled connections that failed and were discarded'],
  ] as const) {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = stats.errors[field];
        if (now > seen[field]) this.inc(now - seen[field]);
        seen[field] = now;
      },
    });
  }
}

export function createServiceMetrics(o: SlaGaugeOptions & { db: Db }): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer a request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({ name: 'http_requests_in_flight', help: 'Requests being answered now', registers: [registry] });
  databaseMetrics(registry, o.db);

  const sweepSeconds = new Histogram({ name: 'complaints_sweep_duration_seconds', help: 'Time one SLA sweep pass took', buckets: [0.1, 0.5, 1, 5, 15, 60, 300], registers: [registry] });
  const sweepRuns = new Counter({ name: 'complaints_sweep_runs_total', help: 'SLA sweep passes, by result (ok or failed)', labelNames: ['result'], registers: [registry] });
  const sweepDone = new Counter({ name: 'complaints_sweep_items_total', help: 'What sweep passes did: deadlines recomputed, auto-closed, due-soon and breach events, keys expired', labelNames: ['result'], registers: [registry] });
  const sweepLast = new Gauge({ name: 'complaints_sweep_last_success_timestamp_seconds', help: 'When the last successful sweep pass finished (Unix time)', registers: [registry] });
  for (const r of SWEEP_RESULTS) sweepDone.inc({ result: snake(r) }, 0);
  for (const result of ['ok', 'failed']) sweepRuns.inc({ result }, 0);

  const webhookLag = new Histogram({
    name: 'complaints_webhook_delivery_lag_seconds',
    help: 'From a webhook delivery being queued to its successful attempt',
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 3600, 86400],
    registers: [registry],
  });
  const webhookAttempts = new Counter({ name: 'complaints_webhook_attempts_total', help: 'Webhook delivery attempts, by outcome (succeeded or failed)', labelNames: ['outcome'], registers: [registry] });
  for (const outcome of ['succeeded', 'failed']) webhookAttempts.inc({ outcome }, 0);

  slaGauges(registry, o);

  return {
    registry,
    contentType: registry.contentType,
    requestStarted: () => inFlight.inc(),
    requestEnded: ({ method, route, status, seconds }) => {
      inFlight.dec();
      duration.observe({ method, route, status_code: String(status) }, seconds);
    },
    async timeSweep(run) {
      const end = sweepSeconds.startTimer();
      try {
        const result = await run();
        end();
        sweepRuns.inc({ result: 'ok' });
        for (const r of SWEEP_RESULTS) sweepDone.inc({ result: snake(r) }, result[r]);
        sweepLast.set(o.clock().getTime() / 1000);
        return result;
      } catch (err) {
        end();
        sweepRuns.inc({ result: 'failed' });
        throw err;
      }
    },
    webhookAttempt: ({ ok, lagSeconds }) => {
      webhookAttempts.inc({ outcome: ok ? 'succeeded' : 'failed' });
      if (ok) webhookLag.observe(Math.max(0, lagSeconds));
    },
    scrape: () => registry.metrics(),
  };
}
