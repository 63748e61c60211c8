import type { CalendarFor, IsoDate, WorkingDayCalendar } from '../domain/calendar/index.ts';
import type { Stage } from '../domain/complaint/index.ts';
import { DomainError } from '../domain/domain-error.ts';
import { CODE_2024_POLICY, policyVersionInForce } from '../domain/policy/index.ts';
import {
  ch01Cases,
  ch02Cases,
  factsAsOf,
  financialYear,
  performanceReport,
  selfAssessment,
  tsmReport,
  type ComplaintFacts,
  type Period,
  type TsmInputs,
  type TsmMeasure,
} from '../domain/reporting/index.ts';
import type { Db } from './database.ts';
import { findOrganisation, type Organisation } from './organisations.ts';
import { factsForTsm, factsForYear, factsReceivedIn } from './report-queries.ts';
import { informalFiguresIn } from './informal-report-queries.ts';
import { restrictionFiguresIn } from './restriction-report-queries.ts';
import { listPolicyVersions } from './policy-versions.ts';

// The report use cases: one organisation's facts from the store, its calendar and
// settings, then the pure computations of domain/reporting.

export interface ReportDeps {
  db: Db;
  calendarFor: CalendarFor;
}

async function organisationOf(deps: ReportDeps, organisationId: string): Promise<{ organisation: Organisation; calendar: WorkingDayCalendar }> {
  const organisation = await findOrganisation(deps.db, organisationId);
  if (!organisation) throw new DomainError('not_found', 'not_found', 'The organisation was not found');
  return { organisation, calendar: deps.calendarFor(organisation.division, organisation.closureDays.map((c) => c.date)) };
}

/**
 * The inputs of a TSM year. The CH02 extension setting is read from the policy version
 * in force on the last day of the financial year, never from today's: a closed year's
 * figures must not move when the policy changes later. The answer names the version.
 */
async function tsmInputs(deps: ReportDeps, organisationId: string, year: number): Promise<TsmInputs> {
  const { organisation, calendar } = await organisationOf(deps, organisationId);
  const fy = financialYear(year);
  const version = policyVersionInForce(await listPolicyVersions(deps.db, organisationId), fy.to);
  return {
    year: fy,
    homes: organisation.homes.find((h) => h.financialYear === year)?.homes ?? null,
    extensionCountsAsOnTime: (version?.policy ?? CODE_2024_POLICY).ch02ExtensionCountsAsOnTime,
    policyVersion: version?.version ?? null,
    calendar,
  };
}

export async function tsmReportFor(deps: ReportDeps, organisationId: string, year: number) {
  return tsmReportOf(deps, organisationId, year, await factsForTsm(deps.db, organisationId, financialYear(year), false));
}

/** The TSM report of a year from its facts (factsForTsm). */
export async function tsmReportOf(deps: ReportDeps, organisationId: string, year: number, facts: readonly ComplaintFacts[]) {
  return tsmReport(facts, await tsmInputs(deps, organisationId, year));
}

export async function tsmCasesFor(deps: ReportDeps, organisationId: string, query: { year: number; measure: TsmMeasure; stage: Stage }) {
  const inputs = await tsmInputs(deps, organisationId, query.year);
  const facts = await factsForTsm(deps.db, organisationId, inputs.year, true);
  const cases =
    query.measure === 'CH01'
      ? ch01Cases(facts, inputs.year, query.stage)
      : ch02Cases(facts, inputs.year, query.stage, inputs.calendar, inputs.extensionCountsAsOnTime);
  cases.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.reference.localeCompare(b.reference));
  return { ...query, counted: cases.filter((c) => c.counted).length, leftOut: cases.filter((c) => !c.counted).length, items: cases };
}

export async function performanceReportFor(deps: ReportDeps, organisationId: string, period: Period) {
  return performanceReportOf(deps, organisationId, period, await factsReceivedIn(deps.db, organisationId, period));
}

/** The performance report of a period from the facts of the complaints received in it (factsReceivedIn). */
export async function performanceReportOf(deps: ReportDeps, organisationId: string, period: Period, facts: readonly ComplaintFacts[]) {
  const { calendar } = await organisationOf(deps, organisationId);
  // Informal resolutions and support requests are not complaints: counted apart (issue 14).
  const informal = await informalFiguresIn(deps.db, organisationId, period);
  const contactRestrictions = await restrictionFiguresIn(deps.db, organisationId, period);
  return { ...performanceReport(facts, period, calendar), informal, contactRestrictions };
}

/** As the data stood at the end of `asOf`: anything recorded as happening later is left out, so the answer can be reproduced. */
export async function selfAssessmentFor(deps: ReportDeps, organisationId: string, year: number, asOf: IsoDate) {
  return selfAssessmentOf(deps, organisationId, year, asOf, await factsForYear(deps.db, organisationId, financialYear(year)));
}

/** The self-assessment of a year from the facts that can bear on it (factsForYear). */
export async function selfAssessmentOf(deps: ReportDeps, organisationId: string, year: number, asOf: IsoDate, facts: readonly ComplaintFacts[]) {
  const { calendar } = await organisationOf(deps, organisationId);
  const fy = financialYear(year);
  return selfAssessment(factsAsOf(facts, asOf), fy, calendar, asOf);
}
