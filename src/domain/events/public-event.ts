import type { Complaint, ComplaintEvent, JsonValue } from '../complaint/index.ts';
import type { PublicEventType } from './catalogue.ts';

/** An event as the feed and webhooks carry it (`sequence` is assigned when its transaction commits). */
export interface PublicEvent {
  id: string;
  type: PublicEventType;
  sequence: number;
  createdAt: string;
  occurredAt: string;
  organisationId: string;
  dataVersion: number;
  data: { [key: string]: JsonValue };
}

/** What is written, before commit gives it a sequence. */
export interface NewPublicEvent {
  id: string;
  type: PublicEventType;
  organisationId: string;
  complaintId: string | null;
  occurredAt: Date;
  createdAt: Date;
  data: { [key: string]: JsonValue };
}

/** The complaint's identity and position, carried by every complaint event. */
export function complaintSummary(c: Pick<Complaint, 'id' | 'reference' | 'externalRef' | 'status' | 'stage' | 'version'>) {
  return { complaintId: c.id, reference: c.reference, externalRef: c.externalRef, status: c.status, stage: c.stage, version: c.version };
}

// complaint.logged carries how it came in, not the resident's details: the feed is kept for
// months and a webhook URL is one more place data goes, so personal data stays behind the
// API, where a GET with a complaints:read key fetches it.
function loggedChange(data: ComplaintEvent['data'], fromPublicForm: boolean): { [key: string]: JsonValue } {
  const pick = (k: string): JsonValue => data[k] ?? null;
  return {
    channel: pick('channel'),
    fromPublicForm,
    receivedAt: pick('receivedAt'),
    receiptDate: pick('receiptDate'),
    category: pick('category'),
    serviceArea: pick('serviceArea'),
    policyVersion: pick('policyVersion'),
    linkedFrom: pick('linkedFrom'),
  };
}

/**
 * One public event per domain event. `complaint` is the state after the whole command (the
 * event's own `version` is kept, so two events of one command say where each one stands).
 */
export function publicEventOf(
  event: ComplaintEvent,
  complaint: Complaint,
  ids: { id: string; createdAt: Date; fromPublicForm: boolean },
): NewPublicEvent {
  const autoClosed = event.type === 'complaint.closed' && event.data.reason === 'auto_close';
  const change = event.type === 'complaint.logged' ? loggedChange(event.data, ids.fromPublicForm) : event.data;
  return {
    id: ids.id,
    type: autoClosed ? 'complaint.auto_closed' : event.type,
    organisationId: complaint.organisationId,
    complaintId: complaint.id,
    occurredAt: new Date(event.occurredAt),
    createdAt: ids.createdAt,
    data: { ...complaintSummary(complaint), version: event.version, actor: event.actor, change },
  };
}
