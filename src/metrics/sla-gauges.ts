import { Counter, Gauge, type Registry } from 'prom-client';
import { slaSummariesOfAll } from '../app/sla/sla-summary.ts';
import { londonDateOf, type CalendarFor } from '../domain/calendar/index.ts';
import type { Clock } from '../domain/clock.ts';
import type { Db } from '../store/database.ts';

export interface SlaGaugeOptions {
  db: Db;
  clock: Clock;
  calendarFor: CalendarFor;
  /** The SLA summaries are recomputed at most this often, however many scrapers ask. */
  slaIntervalSeconds: number;
  /** Told when the summaries could not be computed (the gauges are then left empty). */
  onSlaError?: (err: unknown) => void;
}

/** The window of the "due within" gauge, as in GET /v1/sla/summary's default. */
export const DUE_WITHIN_WORKING_DAYS = 5;

/**
 * Per landlord, stage and deadline kind: deadlines breached, due today and due within 5
 * working days, as GET /v1/sla/summary answers for that landlord's today. Computed on a
 * scrape when the last computation is older than the interval, else the last one is shown;
 * concurrent scrapes share one computation.
 */
export function slaGauges(registry: Registry, o: SlaGaugeOptions): void {
  const labelNames = ['organisation', 'kind', 'stage'] as const;
  // Each gauge's collect (run by prom-client before reading it) waits for the shared computation.
  const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames, registers: [registry], collect: () => fresh() });
  const gauges = {
    breached: gauge('complaints_sla_breached', "Landlord deadlines past due and unmet, per organisation, kind and stage ('none': no stage)"),
    dueToday: gauge('complaints_sla_due_today', 'Landlord deadlines unmet and due today (London date), per organisation, kind and stage'),
    dueWithin: gauge(
      'complaints_sla_due_within_5_working_days',
      "Landlord deadlines unmet and due from today to the 5th working day after it (the landlord's calendar), per organisation, kind and stage",
    ),
  };
  // These wait for it too: prom-client reads every metric of a scrape concurrently.
  const runs = new Counter({
    name: 'complaints_sla_summary_runs_total', help: 'Times the SLA gauges were computed (their queries run), by result', labelNames: ['result'], registers: [registry], collect: () => fresh(),
  });
  const computedAt = new Gauge({ name: 'complaints_sla_summary_timestamp_seconds', help: 'When the SLA gauges shown were computed (Unix time)', registers: [registry], collect: () => fresh() });
  const took = new Gauge({ name: 'complaints_sla_summary_duration_seconds', help: 'How long the last computation of the SLA gauges took', registers: [registry], collect: () => fresh() });
  for (const result of ['ok', 'failed']) runs.inc({ result }, 0);

  let last: { at: number; done: Promise<void> } | undefined;
  const compute = async (now: Date): Promise<void> => {
    const started = performance.now();
    try {
      const all = await slaSummariesOfAll(o.db, o.calendarFor, { today: londonDateOf(now), withinWorkingDays: DUE_WITHIN_WORKING_DAYS, now });
      for (const g of Object.values(gauges)) g.reset();
      for (const { organisationId, summary } of all) {
        for (const item of summary.items) {
          const labels = { organisation: organisationId, kind: item.kind, stage: item.stage === null ? 'none' : String(item.stage) };
          gauges.breached.set(labels, item.breached);
          gauges.dueToday.set(labels, item.dueToday);
          gauges.dueWithin.set(labels, item.dueWithin);
        }
      }
      runs.inc({ result: 'ok' });
      computedAt.set(now.getTime() / 1000);
    } catch (err) {
      // Stale figures would mislead an alert: show none, and say so in the counter.
      for (const g of Object.values(gauges)) g.reset();
      runs.inc({ result: 'failed' });
      o.onSlaError?.(err);
    } finally {
      took.set((performance.now() - started) / 1000);
    }
  };
  const fresh = (): Promise<void> => {
    const now = o.clock();
    if (last && now.getTime() - last.at < o.slaIntervalSeconds * 1000) return last.done;
    last = { at: now.getTime(), done: compute(now) };
    return last.done;
  };
}
