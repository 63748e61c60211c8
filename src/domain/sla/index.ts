export { extensionSource, ruleSource, type RuleSource } from './code-paragraphs.ts';
export { explainDeadline, timescaleOf, type AppliedExtension, type DeadlineCount, type DeadlineExplanation, type SkippedDay } from './explain-deadline.ts';
export { deadlineChanges, recordDeadlinesRecomputed, sameDeadlines, type DeadlineChange } from './deadline-changes.ts';
export { workingDayOrdinals } from './working-day-ordinals.ts';
export { asOfInstant, hoursBetween } from './as-of-instant.ts';
