import t from 'tap';
import { calendarCache } from '../../src/domain/calendar/index.ts';
import { startMetricsListener } from '../../src/http/metrics/listener.ts';
import { runSweep } from '../../src/jobs/sweep.ts';
import { createServiceMetrics } from '../../src/metrics/service-metrics.ts';
import { buildTestApp, fixedClock, ukCalendars } from '../helpers/test-app.ts';
import { slaSet } from './sla-fixtures.ts';

// GET /metrics (issue 17): the SLA gauges are GET /v1/sla/summary's figures for every
// landlord, computed at most once per interval; the token and localhost-port rules.

const TOKEN = 'metrics-token-for-tests-0123456789';
const bearer = { authorization: `Bearer ${TOKEN}` };

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (enough of the format for these tests). */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}
const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

t.test('the SLA gauges equal GET /v1/sla/summary for every landlord', async (t) => {
  const { app, get, crm, other } = await slaSet(t, { metrics: { token: TOKEN } });
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: bearer });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  const samples = parse(res.body);
  const gauges = ['complaints_sla_breached', 'complaints_sla_due_today', 'complaints_sla_due_within_5_working_days'] as const;
  const field = { complaints_sla_breached: 'breached', complaints_sla_due_today: 'dueToday', complaints_sla_due_within_5_working_days: 'dueWithin' } as const;
  let compared = 0;
  for (const key of [crm, other]) {
    const summary = await get('/v1/sla/summary', key.headers);
    t.equal(summary.withinWorkingDays, 5);
    t.ok(summary.items.length > 0, 'the landlord has deadlines to compare');
    for (const item of summary.items as { kind: string; stage: number | null; dueToday: number; dueWithin: number; breached: number }[]) {
      for (const gauge of gauges) {
        const labels = { organisation: key.organisationId, kind: item.kind, stage: item.stage === null ? 'none' : String(item.stage) };
        t.equal(value(samples, gauge, labels), item[field[gauge]], `${gauge} ${JSON.stringify(labels)}`);
        compared++;
      }
    }
    // No series the summary does not have.
    for (const gauge of gauges) {
      t.equal(samples.filter((s) => s.name === gauge && s.labels.organisation === key.organisationId).length, summary.items.length, `${gauge}: one series per summary item`);
    }
  }
  t.equal(samples.filter((s) => (gauges as readonly string[]).includes(s.name)).length, compared, 'and no other landlord');
  t.equal(value(samples, 'complaints_sla_breached', { organisation: crm.organisationId, kind: 'stage_1_acknowledgement', stage: '1' }), 1, "A's acknowledgement (hand-worked in sla-fixtures.ts)");
});

t.test('scrapes within the interval share one computation of the SLA queries', async (t) => {
  const { app, clock } = await slaSet(t, { metrics: { token: TOKEN, slaIntervalSeconds: 30 } });
  const scrape = async () => parse((await app.inject({ method: 'GET', url: '/metrics', headers: bearer })).body);
  const runs = (s: Sample[]) => value(s, 'complaints_sla_summary_runs_total', { result: 'ok' });
  await scrape();
  clock.set('2026-12-16T10:00:00.900Z');
  t.equal(runs(await scrape()), 1, 'two scrapes in a second: one run');
  const together = await Promise.all([scrape(), scrape(), scrape()]);
  t.same(together.map(runs), [1, 1, 1], 'three scrapers at once: still one');
  clock.set('2026-12-16T10:00:29.999Z');
  t.equal(runs(await scrape()), 1, 'within 30 s: reused');
  clock.set('2026-12-16T10:00:30.000Z');
  const later = await scrape();
  t.equal(runs(later), 2, 'after the interval: computed again');
  t.equal(value(later, 'complaints_sla_summary_timestamp_seconds'), Date.parse('2026-12-16T10:00:30Z') / 1000);
});

t.test('METRICS_TOKEN: GET /metrics on the API port needs the bearer token', async (t) => {
  const { app } = await buildTestApp(t, { metrics: { token: TOKEN } });
  for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token-000' }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }]) {
    const res = await app.inject({ method: 'GET', url: '/metrics', headers });
    t.equal(res.statusCode, 401, JSON.stringify(headers));
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.notMatch(res.body, /http_request/, 'no metrics leak');
  }
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: bearer });
  t.equal(res.statusCode, 200);
  const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  t.notOk(spec.paths['/metrics'], 'not in the public OpenAPI document');
});

t.test('without a token, /metrics is served only on 127.0.0.1 on its own port', async (t) => {
  const { app, serviceMetrics } = await buildTestApp(t, { metrics: {} });
  t.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404, 'not on the API port');
  t.equal((await app.inject({ method: 'GET', url: '/metrics', headers: bearer })).statusCode, 404);
  await app.inject({ method: 'GET', url: '/healthz' });
  const listener = await startMetricsListener(serviceMetrics!, 0);
  t.teardown(() => listener.close());
  const res = await fetch(`http://127.0.0.1:${listener.port}/metrics`);
  t.equal(res.status, 200);
  const samples = parse(await res.text());
  t.equal(value(samples, 'http_request_duration_seconds_count', { method: 'GET', route: '/healthz', status_code: '200' }), 1, 'requests timed by route pattern and status');
  t.equal(value(samples, 'http_request_duration_seconds_count', { route: 'unmatched', status_code: '404' }), 2, 'no route: one series, not one per URL');
  t.equal(value(samples, 'http_requests_in_flight'), 0);
  t.equal((await fetch(`http://127.0.0.1:${listener.port}/other`)).status, 404);
  await t.rejects(fetch(`http://[::1]:${listener.port}/metrics`), 'not on another address');
});

t.test('sweep, webhook and database metrics', async (t) => {
  const { app, db, serviceMetrics } = await buildTestApp(t, { metrics: { token: TOKEN } });
  const metrics = serviceMetrics!;
  const now = new Date('2026-11-23T10:00:00Z');
  await metrics.timeSweep(() => runSweep(db, { now, calendarFor: calendarCache(ukCalendars) }));
  await t.rejects(metrics.timeSweep(() => Promise.reject(new Error('database down'))));
  metrics.webhookAttempt({ ok: true, lagSeconds: 0.3 });
  metrics.webhookAttempt({ ok: false, lagSeconds: 5 });
  const samples = parse((await app.inject({ method: 'GET', url: '/metrics', headers: bearer })).body);
  t.equal(value(samples, 'complaints_sweep_runs_total', { result: 'ok' }), 1);
  t.equal(value(samples, 'complaints_sweep_runs_total', { result: 'failed' }), 1);
  t.equal(value(samples, 'complaints_sweep_duration_seconds_count'), 2);
  t.equal(value(samples, 'complaints_sweep_last_success_timestamp_seconds'), now.getTime() / 1000, "the app's clock");
  t.equal(value(samples, 'complaints_sweep_items_total', { result: 'auto_closed' }), 0);
  t.equal(value(samples, 'complaints_webhook_attempts_total', { outcome: 'succeeded' }), 1);
  t.equal(value(samples, 'complaints_webhook_attempts_total', { outcome: 'failed' }), 1);
  t.equal(value(samples, 'complaints_webhook_delivery_lag_seconds_bucket', { le: '0.5' }), 1);
  if (process.env.TEST_DATABASE_URL) {
    t.ok((value(samples, 'complaints_db_pool_connections', { state: 'open' }) ?? 0) >= 1, 'the pg pool is shown');
    t.equal(value(samples, 'complaints_db_query_errors_total'), 0);
  }
  // A second registry in the same process: no clash with the first (no global registry).
  t.ok(createServiceMetrics({ db, clock: fixedClock('2026-11-23T10:00:00Z'), calendarFor: calendarCache(ukCalendars), slaIntervalSeconds: 30 }));
});
