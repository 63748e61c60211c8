import type { CalendarFor, Division, IsoDate, WorkingDayCalendar } from '../../domain/calendar/index.ts';
import { DEADLINE_KINDS, type DeadlineKind } from '../../domain/complaint/index.ts';
import { asOfInstant } from '../../domain/sla/index.ts';
import type { Db } from '../../store/database.ts';
import { listCalendarSettings } from '../../store/organisations.ts';
import { summariseDeadlines } from '../../store/sla-summary.ts';

export interface SlaSummary {
  asOf: IsoDate;
  withinWorkingDays: number;
  dueBy: IsoDate;
  items: { kind: DeadlineKind; stage: 1 | 2 | null; dueToday: number; dueWithin: number; breached: number }[];
  totals: { dueToday: number; dueWithin: number; breached: number };
}

/**
 * One landlord's unmet deadlines as of `asOf`, per kind and stage: due that day, due by the
 * N-th working day after it (on the landlord's calendar), and past due. The one computation
 * behind both GET /v1/sla/summary and the SLA gauges of GET /metrics.
 */
export async function slaSummary(db: Db, organisationId: string, calendar: WorkingDayCalendar, q: { asOf: IsoDate; today: IsoDate; withinWorkingDays: number; now: Date }): Promise<SlaSummary> {
  const dueBy = calendar.addWorkingDays(q.asOf, q.withinWorkingDays);
  // Instant deadlines (Awaab's Law) are past once due_at passes: now, for today; else the end of asOf.
  const at = asOfInstant(q.asOf, q.today, q.now);
  const rows = await summariseDeadlines(db, organisationId, { asOf: q.asOf, until: dueBy, today: q.today, at });
  const order = (kind: string) => DEADLINE_KINDS.indexOf(kind as DeadlineKind);
  const items = rows
    .map((r) => ({ ...r, kind: r.kind as DeadlineKind, stage: r.stage as 1 | 2 | null }))
    .sort((a, b) => order(a.kind) - order(b.kind) || (a.stage ?? 0) - (b.stage ?? 0));
  const sum = (f: 'dueToday' | 'dueWithin' | 'breached') => items.reduce((n, r) => n + r[f], 0);
  return { asOf: q.asOf, withinWorkingDays: q.withinWorkingDays, dueBy, items, totals: { dueToday: sum('dueToday'), dueWithin: sum('dueWithin'), breached: sum('breached') } };
}

/** Every landlord's summary as of its own London today, each on its own calendar. */
export async function slaSummariesOfAll(db: Db, calendarFor: CalendarFor, q: { today: IsoDate; withinWorkingDays: number; now: Date }): Promise<{ organisationId: string; summary: SlaSummary }[]> {
  const out: { organisationId: string; summary: SlaSummary }[] = [];
  for (const o of await listCalendarSettings(db)) {
    const calendar = calendarFor(o.division as Division, o.closureDays);
    out.push({ organisationId: o.id, summary: await slaSummary(db, o.id, calendar, { asOf: q.today, today: q.today, withinWorkingDays: q.withinWorkingDays, now: q.now }) });
  }
  return out;
}
