import type { FinancialYear } from './periods.ts';
import type { InformalTallies, RestrictionFigures } from './not-complaint-figures.ts';
import type { PerformanceReport } from './performance-report.ts';
import type { SelfAssessment } from './self-assessment.ts';
import type { LearningCount } from './learning-remedies.ts';
import { sortedCounts } from './stats.ts';
import type { TsmReport } from './tsm-report.ts';

/**
 * The annual complaints performance and service improvement report (Code §8), with the
 * self-assessment: every figure is taken from the reports the API already gives (the
 * performance report for the complaints received in the financial year, CH01 and CH02 for
 * this year and the one before, the self-assessment as of a date), never computed again
 * another way; only the Ombudsman referrals and orders come from their own query, and the
 * learning remedies per service area from the performance report's complaints.
 */
export interface AnnualReportInputs {
  organisation: { id: string; name: string };
  year: FinancialYear;
  /** The performance report as GET /v1/reports/performance gives it, with the figures beside the complaints. */
  performance: PerformanceReport & { informal: InformalTallies; contactRestrictions: RestrictionFigures };
  tsm: TsmReport;
  previousTsm: TsmReport;
  selfAssessment: SelfAssessment;
  commentary: readonly { provision: string; commentary: string; updatedAt: Date }[];
  extras: {
    ombudsmanReferrals: number;
    ombudsmanOrders: number;
    learning: readonly LearningCount[];
  };
}

/** How many of the most common categories and service areas the report lists. */
export const TOP_N = 10;

export const ANNUAL_REPORT_DEFINITIONS = [
  'Volumes, outcomes, categories, service areas, extensions, declines, remedies, Ombudsman referrals and findings, and learning are about the complaints received in the financial year (London date of receipt), whenever the later steps happened: as GET /v1/reports/performance for that period.',
  'On-time rates are the Regulator’s CH02 and complaints per 1,000 homes its CH01, for this financial year and the one before: as GET /v1/reports/tsm.',
  'The self-assessment is as GET /v1/reports/self-assessment for the year as of the report date: "complies" is yes when every case the data holds as evidence met the provision, no when any did not, and left blank when the year has no evidence for it. The commentary is the landlord’s own.',
  'Learning: remedies that change how the landlord works (policy or procedure changes, training), per service area.',
];

function complies(evidenced: number, compliant: number): 'yes' | 'no' | null {
  if (evidenced === 0) return null;
  return compliant === evidenced ? 'yes' : 'no';
}

function evidenceText(p: { evidenced: number; compliant: number; ratePercentage: number | null }): string {
  if (p.evidenced === 0) return 'No cases this year were evidence for this provision.';
  const failing = p.evidenced - p.compliant;
  const rate = p.ratePercentage === null ? '' : ` (${p.ratePercentage.toFixed(1)}%)`;
  return `${p.compliant} of ${p.evidenced} cases met it${rate}${failing > 0 ? `; ${failing} did not (listed by GET /v1/reports/self-assessment)` : ''}.`;
}

const stageRate = (s: { responses: number; withinTimescale: number; percentage: number | null }) => ({
  responses: s.responses,
  withinTimescale: s.withinTimescale,
  percentage: s.percentage,
});
const stageVolume = (s: { received: number; per1000Homes: number | null }) => ({ received: s.received, per1000Homes: s.per1000Homes });

export function annualReport(i: AnnualReportInputs) {
  const { performance: p, tsm, previousTsm: prev, selfAssessment: sa } = i;
  const commentary = new Map(i.commentary.map((c) => [c.provision, c]));
  const learningByType = new Map<string, number>();
  for (const l of i.extras.learning) learningByType.set(l.type, (learningByType.get(l.type) ?? 0) + l.count);
  return {
    organisation: i.organisation,
    financialYear: tsm.financialYear,
    previousFinancialYear: prev.financialYear,
    asOf: sa.asOf,
    volumes: {
      received: p.volumes.received,
      byChannel: p.volumes.byChannel,
      byMonth: p.monthly.map((m) => ({ month: m.month, received: m.received, byChannel: m.byChannel })),
    },
    timeliness: {
      extensionCountsAsOnTime: tsm.ch02.extensionCountsAsOnTime,
      stage1: { current: stageRate(tsm.ch02.stage1), previous: stageRate(prev.ch02.stage1), timescales: tsm.ch02.stage1.timescales },
      stage2: { current: stageRate(tsm.ch02.stage2), previous: stageRate(prev.ch02.stage2), timescales: tsm.ch02.stage2.timescales },
    },
    perThousandHomes: {
      homes: { current: tsm.ch01.homes, previous: prev.ch01.homes },
      stage1: { current: stageVolume(tsm.ch01.stage1), previous: stageVolume(prev.ch01.stage1) },
      stage2: { current: stageVolume(tsm.ch01.stage2), previous: stageVolume(prev.ch01.stage2) },
    },
    outcomes: p.outcomes,
    workingDays: p.workingDays,
    topCategories: p.volumes.byCategory.slice(0, TOP_N),
    topServiceAreas: p.volumes.byServiceArea.slice(0, TOP_N),
    extensions: p.extensions,
    declines: p.declines,
    withdrawn: p.withdrawn,
    informal: p.informal,
    contactRestrictions: p.contactRestrictions,
    escalation: p.escalation,
    remedies: p.remedies,
    ombudsman: {
      referrals: i.extras.ombudsmanReferrals,
      determinations: p.ombudsman.determinations,
      byFinding: p.ombudsman.byFinding,
      ordersAndRecommendations: i.extras.ombudsmanOrders,
      compliance: { orders: p.ombudsman.orders, recommendations: p.ombudsman.recommendations },
    },
    learning: {
      improvementRemedies: [...learningByType.values()].reduce((a, b) => a + b, 0),
      byType: sortedCounts(learningByType),
      byServiceArea: i.extras.learning.map((l) => ({ ...l })),
    },
    selfAssessment: {
      asOf: sa.asOf,
      provisions: sa.provisions.map((pr) => {
        const c = commentary.get(pr.id);
        return {
          id: pr.id,
          code: pr.code,
          requirement: pr.requirement,
          complies: complies(pr.evidenced, pr.compliant),
          evidence: evidenceText(pr),
          evidenced: pr.evidenced,
          compliant: pr.compliant,
          ratePercentage: pr.ratePercentage,
          commentary: c?.commentary ?? null,
          commentaryUpdatedAt: c ? c.updatedAt.toISOString() : null,
        };
      }),
    },
    definitions: [...ANNUAL_REPORT_DEFINITIONS, ...p.definitions, ...tsm.ch01.definitions, ...tsm.ch02.definitions, ...sa.definitions],
  };
}

export type AnnualReport = ReturnType<typeof annualReport>;
