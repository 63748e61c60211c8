import type { Instant } from './complaint-parts.ts';

export const COMPLAINT_EVENT_TYPES = [
  'complaint.logged',
  'complaint.acknowledged',
  'complaint.declined',
  'complaint.decline_considered',
  'complaint.resolved_informally',
  'complaint.became_complaint',
  'complaint.contact_restricted',
  'complaint.contact_restriction_reviewed',
  'complaint.contact_restriction_ended',
  'complaint.assigned',
  'complaint.contact_logged',
  'complaint.matter_added',
  'complaint.linked',
  'complaint.extended',
  'complaint.responded',
  'complaint.escalated',
  'complaint.escalation_refused',
  'complaint.stage_2_acknowledged',
  'complaint.withdrawn',
  'complaint.closed',
  'complaint.reopened',
  'complaint.remedy_added',
  'complaint.remedy_completed',
  'complaint.action_added',
  'complaint.action_completed',
  'complaint.ombudsman_referred',
  'complaint.ombudsman_evidence_requested',
  'complaint.ombudsman_evidence_provided',
  'complaint.ombudsman_determined',
  'complaint.ombudsman_order_completed',
  'complaint.hazard_reported',
  'complaint.hazard_step_recorded',
  // Not a command: the deadlines moved because the calendar (bank holidays, closure days) changed.
  'complaint.deadlines_recomputed',
  // Not a command: personal data was erased (a request or the retention schedule); says what kind, never the data.
  'complaint.personal_data_erased',
] as const;
export type ComplaintEventType = (typeof COMPLAINT_EVENT_TYPES)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * An append-only record of one thing that happened: `occurredAt` is when it
 * really happened (e.g. the letter's date), `recordedAt` when it was entered.
 * `version` is the complaint's version after the event.
 */
export interface ComplaintEvent {
  type: ComplaintEventType;
  complaintId: string;
  version: number;
  occurredAt: Instant;
  recordedAt: Instant;
  actor: string;
  data: { [key: string]: JsonValue };
}
