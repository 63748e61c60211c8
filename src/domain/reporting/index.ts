export { factsOf, overallOutcome, type ComplaintFacts, type DeclineFacts, type ExtensionFacts, type StageFacts } from './complaint-facts.ts';
export { financialYear, londonEndOf, londonStartOf, monthsOf, within, type FinancialYear, type Period } from './periods.ts';
export { percentage, sortedCounts, summarise, tally, type Summary } from './stats.ts';
export { acknowledgementDue, checkExtensions, codeDueDate, CODE_TIMESCALES, describeTimescales, responseTimeliness, workingDaysTaken } from './code-timescales.ts';
export { ch01Cases, ch02Cases, TSM_MEASURES, type TsmCase, type TsmMeasure } from './tsm-cases.ts';
export { CH01_DEFINITIONS, ch02Definitions, tsmReport, type TsmInputs, type TsmReport } from './tsm-report.ts';
export { PERFORMANCE_DEFINITIONS, performanceReport, type PerformanceReport } from './performance-report.ts';
export { PROVISIONS, SELF_ASSESSMENT_DEFINITIONS, selfAssessment, type SelfAssessment } from './self-assessment.ts';
export { factsAsOf } from './facts-as-of.ts';
