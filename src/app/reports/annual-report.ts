import type { IsoDate } from '../../domain/calendar/index.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { annualReport, financialYear, type AnnualReport } from '../../domain/reporting/index.ts';
import { annualExtras } from '../../store/annual-report-queries.ts';
import { findOrganisation } from '../../store/organisations.ts';
import { performanceReportFor, selfAssessmentFor, tsmReportFor, type ReportDeps } from '../../store/reports.ts';
import { listCommentary } from '../../store/self-assessment-commentary.ts';

/**
 * The annual report of one landlord's financial year, from the same report use cases the
 * API answers with (run inside the caller's read transaction, so every part sees the same
 * data), plus the landlord's commentary on its self-assessment.
 */
export async function annualReportFor(deps: ReportDeps, organisationId: string, year: number, asOf: IsoDate): Promise<AnnualReport> {
  const organisation = await findOrganisation(deps.db, organisationId);
  if (!organisation) throw new DomainError('not_found', 'not_found', 'The organisation was not found');
  const fy = financialYear(year);
  const period = { from: fy.from, to: fy.to };
  // One after another: inside one transaction a connection runs one statement at a time anyway.
  const performance = await performanceReportFor(deps, organisationId, period);
  const tsm = await tsmReportFor(deps, organisationId, year);
  const previousTsm = await tsmReportFor(deps, organisationId, year - 1);
  const selfAssessment = await selfAssessmentFor(deps, organisationId, year, asOf);
  const commentary = await listCommentary(deps.db, organisationId, year);
  const extras = await annualExtras(deps.db, organisationId, period);
  return annualReport({ organisation: { id: organisation.id, name: organisation.name }, year: fy, performance, tsm, previousTsm, selfAssessment, commentary, extras });
}
