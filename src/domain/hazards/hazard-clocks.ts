import { fromEpochDay, londonDateOf, parseIsoDate, type IsoDate, type WorkingDayCalendar } from '../calendar/index.ts';
import type { Instant } from '../complaint/complaint-parts.ts';
import type { Deadline, DeadlineKind } from '../complaint/deadline.ts';
import {
  EMERGENCY_HOURS,
  INVESTIGATION_WORKING_DAYS,
  SAFETY_WORK_WORKING_DAYS,
  SUMMARY_WORKING_DAYS,
  WORKS_BEGUN_WORKING_DAYS,
  WORKS_ON_SITE_WEEKS,
  type AwaabsLawRule,
} from './awaabs-law.ts';
import type { HazardCase } from './hazard-case.ts';

const HOUR_MS = 3_600_000;

/** 24 elapsed hours after `from` (see awaabs-law.ts: real time, not wall-clock time). */
export function hoursAfter(from: Instant, hours: number): Instant {
  return new Date(Date.parse(from) + hours * HOUR_MS).toISOString();
}

type CountsFrom = 'hazard_aware' | 'hazard_investigated';

/** A clock whose deadline is an instant: met when the step's instant is at or before it. */
function instantClock(kind: DeadlineKind, h: HazardCase, rule: AwaabsLawRule, event: CountsFrom, from: Instant, metAt: Instant | null): Deadline {
  const dueAt = hoursAfter(from, EMERGENCY_HOURS);
  const dueDate = londonDateOf(dueAt);
  const met = metAt === null ? null : Date.parse(metAt) <= Date.parse(dueAt) ? 'met' : 'met_late';
  return {
    kind,
    stage: null,
    ref: h.id,
    owner: 'landlord',
    countsFrom: { event, date: londonDateOf(from), at: from },
    rule,
    dueDate,
    dueAt,
    originalDueDate: dueDate,
    provisional: false,
    metAt,
    metOn: metAt === null ? null : londonDateOf(metAt),
    status: met ?? 'pending',
  };
}

/** A clock whose deadline is a date: met when the step's London date is on or before it. */
function dateClock(kind: DeadlineKind, h: HazardCase, rule: AwaabsLawRule, event: CountsFrom, from: Instant, due: IsoDate, calendar: WorkingDayCalendar, metAt: Instant | null): Deadline {
  const start = londonDateOf(from);
  const metOn = metAt === null ? null : londonDateOf(metAt);
  return {
    kind,
    stage: null,
    ref: h.id,
    owner: 'landlord',
    countsFrom: { event, date: start, at: from },
    rule,
    dueDate: due,
    dueAt: null,
    originalDueDate: due,
    provisional: calendar.isProvisionalBetween(start, due),
    metAt,
    metOn,
    status: metOn === null ? 'pending' : metOn <= due ? 'met' : 'met_late',
  };
}

/** Working days strictly after the day it happened: the day of awareness is never counted. */
export function statutoryWorkingDaysAfter(calendar: WorkingDayCalendar, from: Instant, days: number): IsoDate {
  return calendar.addWorkingDays(londonDateOf(from), days);
}

/**
 * The clocks of one hazard, derived from its state: what was reported sets the first
 * clocks, and the investigation's finding the ones that follow (an emergency finding
 * starts 24 hours to make safe; no hazard ends them, bar the written summary). They run
 * whatever the complaint's status. `calendar` is the statutory one (no closure days).
 */
export function hazardDeadlines(h: HazardCase, calendar: WorkingDayCalendar): Deadline[] {
  if (!h.awaabsLaw) return [];
  const out: Deadline[] = [];
  const inv = h.investigation;
  const wd = (from: Instant, n: number) => statutoryWorkingDaysAfter(calendar, from, n);
  if (h.kind === 'emergency') {
    out.push(instantClock('hazard_investigation', h, 'awaabsLaw.emergencyInvestigation', 'hazard_aware', h.awareAt, inv?.at ?? null));
  } else {
    out.push(dateClock('hazard_investigation', h, 'awaabsLaw.investigation', 'hazard_aware', h.awareAt, wd(h.awareAt, INVESTIGATION_WORKING_DAYS), calendar, inv?.at ?? null));
  }
  // Until an investigation finds otherwise, an emergency report must be made safe within the same 24 hours.
  if (inv === null) {
    if (h.kind === 'emergency') out.push(instantClock('hazard_emergency_action', h, 'awaabsLaw.emergencyAction', 'hazard_aware', h.awareAt, h.madeSafeAt));
    return out;
  }
  out.push(dateClock('hazard_summary', h, 'awaabsLaw.summary', 'hazard_investigated', inv.at, wd(inv.at, SUMMARY_WORKING_DAYS), calendar, h.summarySentAt));
  if (inv.finding === 'no_hazard') return out;
  if (inv.finding === 'emergency') {
    // Reported as an emergency: 24 hours from awareness. Found at the investigation: the landlord became aware of the emergency then.
    const from = h.kind === 'emergency' ? h.awareAt : inv.at;
    out.push(instantClock('hazard_emergency_action', h, 'awaabsLaw.emergencyAction', h.kind === 'emergency' ? 'hazard_aware' : 'hazard_investigated', from, h.madeSafeAt));
  } else if (inv.safetyWorkNeeded) {
    out.push(dateClock('hazard_safety_work', h, 'awaabsLaw.safetyWork', 'hazard_investigated', inv.at, wd(inv.at, SAFETY_WORK_WORKING_DAYS), calendar, h.madeSafeAt));
  }
  if (inv.furtherWorksNeeded) {
    out.push(dateClock('hazard_works_begun', h, 'awaabsLaw.worksBegun', 'hazard_investigated', inv.at, wd(inv.at, WORKS_BEGUN_WORKING_DAYS), calendar, h.worksBegunAt));
    const onSite = fromEpochDay(parseIsoDate(londonDateOf(inv.at)) + WORKS_ON_SITE_WEEKS * 7);
    out.push(dateClock('hazard_works_on_site', h, 'awaabsLaw.worksOnSite', 'hazard_investigated', inv.at, onSite, calendar, h.worksOnSiteAt));
  }
  if (h.completionDueOn !== null) {
    out.push(dateClock('hazard_works_completion', h, 'awaabsLaw.worksCompletion', 'hazard_investigated', inv.at, h.completionDueOn, calendar, h.worksCompletedAt));
  }
  return out;
}
