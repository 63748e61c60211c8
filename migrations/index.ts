import type { Migration } from 'kysely/migration';
import * as organisationsAndApiKeys from './20261123T1830-organisations-and-api-keys.ts';
import * as organisationSettingsAndPolicies from './20261123T1900-organisation-settings-and-policies.ts';
import * as complaintsAndIdempotency from './20261123T1930-complaints-and-idempotency.ts';
import * as slaIndexesAndOutbox from './20261123T2000-sla-indexes-and-outbox.ts';
import * as complaintReportColumns from './20261123T2030-complaint-report-columns.ts';
import * as idempotencyKeyExpiry from './20261201T0900-idempotency-key-expiry.ts';
import * as organisationDeadlinesCalendar from './20261201T0930-organisation-deadlines-calendar.ts';
import * as eventsAndWebhooks from './20261201T2200-events-and-webhooks.ts';
import * as imports from './20261201T2300-imports.ts';
import * as instantDeadlinesAndAwaabsLaw from './20261202T0100-instant-deadlines-and-awaabs-law.ts';
import * as policyEscalationRules from './20261202T0200-policy-escalation-rules.ts';
import * as policyUntimedInformalStep from './20261202T0200-policy-untimed-informal-step.ts';
import * as complaintInformalReportColumn from './20261202T0200-complaint-informal-report-column.ts';
import * as personalData from './20261202T0300-personal-data.ts';
import * as subjectKeys from './20261202T0300-subject-keys.ts';
import * as organisationConfigVersion from './20261202T0400-organisation-config-version.ts';
import * as importEventsAndFailedUploads from './20261202T0500-import-events-and-failed-uploads.ts';
import * as selfAssessmentCommentary from './20261202T0600-self-assessment-commentary.ts';
import * as contactRestrictionsIndex from './20261202T0700-contact-restrictions-index.ts';
import * as reportPartialIndexes from './20261203T1400-report-partial-indexes.ts';

// Every migration, in order, listed by hand so the set is greppable and the same under
// tsx, tests and a bundler. Names are timestamps; never rename or edit one that has shipped.
export const migrations: Record<string, Migration> = {
  '20261123T1830-organisations-and-api-keys': organisationsAndApiKeys,
  '20261123T1900-organisation-settings-and-policies': organisationSettingsAndPolicies,
  '20261123T1930-complaints-and-idempotency': complaintsAndIdempotency,
  '20261123T2000-sla-indexes-and-outbox': slaIndexesAndOutbox,
  '20261123T2030-complaint-report-columns': complaintReportColumns,
  '20261201T0900-idempotency-key-expiry': idempotencyKeyExpiry,
  '20261201T0930-organisation-deadlines-calendar': organisationDeadlinesCalendar,
  '20261201T2200-events-and-webhooks': eventsAndWebhooks,
  '20261201T2300-imports': imports,
  '20261202T0100-instant-deadlines-and-awaabs-law': instantDeadlinesAndAwaabsLaw,
  '20261202T0200-policy-escalation-rules': policyEscalationRules,
  '20261202T0200-policy-untimed-informal-step': policyUntimedInformalStep,
  '20261202T0200-complaint-informal-report-column': complaintInformalReportColumn,
  '20261202T0300-personal-data': personalData,
  '20261202T0300-subject-keys': subjectKeys,
  '20261202T0400-organisation-config-version': organisationConfigVersion,
  '20261202T0500-import-events-and-failed-uploads': importEventsAndFailedUploads,
  '20261202T0600-self-assessment-commentary': selfAssessmentCommentary,
  '20261202T0700-contact-restrictions-index': contactRestrictionsIndex,
  '20261203T1400-report-partial-indexes': reportPartialIndexes,
};
