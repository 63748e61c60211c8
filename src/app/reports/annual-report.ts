import type { IsoDate } from '../../domain/calendar/index.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { annualReport, financialYear, learningRemedies, type AnnualReport } from '../../domain/reporting/index.ts';
import { ombudsmanCountsIn } from '../../store/annual-report-queries.ts';
import { findOrganisation } from '../../store/organisations.ts';
import { factsForAnnualReport } from '../../store/report-queries.ts';
import { performanceReportOf, selfAssessmentOf, tsmReportOf, type ReportDeps } from '../../store/reports.ts';
import { listCommentary } from '../../store/self-assessment-commentary.ts';

/**
 * The annual report of one landlord's financial year, from the same report computations the
 * API answers with, over the same complaints (read once for all the parts, inside the
 * caller's read transaction, so every part sees the same data), plus the landlord's
 * commentary on its self-assessment.
 */
export async function annualReportFor(deps: ReportDeps, organisationId: string, year: number, asOf: IsoDate): Promise<AnnualReport> {
  const organisation = await findOrganisation(deps.db, organisationId);
  if (!organisation) throw new DomainError('not_found', 'not_found', 'The organisation was not found');
  const fy = financialYear(year);
  const period = { from: fy.from, to: fy.to };
  const facts = await factsForAnnualReport(deps.db, organisationId, fy, financialYear(year - 1));
  // One after another: inside one transaction a connection runs one statement at a time anyway.
  const performance = await performanceReportOf(deps, organisationId, period, facts.receivedInYear);
  const tsm = await tsmReportOf(deps, organisationId, year, facts.tsm);
  const previousTsm = await tsmReportOf(deps, organisationId, year - 1, facts.previousTsm);
  const selfAssessment = await selfAssessmentOf(deps, organisationId, year, asOf, facts.selfAssessment);
  const commentary = await listCommentary(deps.db, organisationId, year);
  const extras = { ...(await ombudsmanCountsIn(deps.db, organisationId, period)), learning: learningRemedies(facts.receivedInYear) };
  return annualReport({ organisation: { id: organisation.id, name: organisation.name }, year: fy, performance, tsm, previousTsm, selfAssessment, commentary, extras });
}
