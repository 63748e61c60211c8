import type { Complaint, ComplaintEvent, JsonValue } from '../complaint/index.ts';
import type { SubjectRole } from './personal-data.ts';
import { scrubberFor, type Scrubber } from './scrub.ts';

// What a subject access export shows of one complaint: the subject's own data, with
// another person's in the same complaint left out and said so (UK GDPR art. 15(4)).
// Staff names stay: they act for the landlord, and the resident is entitled to know who
// handled their complaint.

export const REDACTED = '[redacted: another person]';

export interface LeftOut {
  complaintId: string;
  reference: string;
  what: string;
  reason: string;
}

export interface ComplaintExport {
  complaint: { [key: string]: unknown };
  leftOut: LeftOut[];
  /** Applied to every copy of the complaint's data (events, webhook payloads). */
  redact: Scrubber;
  /** The complaint's events and payloads are the resident's account: a representative gets their dates, not their content. */
  includeContent: boolean;
}

export function complaintExportOf(c: Complaint, role: SubjectRole): ComplaintExport {
  const left = (what: string, reason: string): LeftOut => ({ complaintId: c.id, reference: c.reference, what, reason });
  if (role === 'complainant') {
    const rep = c.representative;
    const redact = scrubberFor({ identifiers: rep ? [rep.name] : [], texts: [] }, REDACTED);
    if (!rep) return { complaint: { ...c }, leftOut: [], redact, includeContent: true };
    return {
      complaint: { ...c, representative: { ...rep, name: REDACTED, relationship: REDACTED } },
      leftOut: [left('representative.name, representative.relationship', "another person's personal data (the resident's representative)")],
      redact,
      includeContent: true,
    };
  }
  const p = c.complainant;
  const redact = scrubberFor({ identifiers: [p.name, p.email, p.phone, p.address, p.tenancyRef, p.residentRef, p.propertyRef].filter((v): v is string => !!v), texts: [] }, REDACTED);
  return {
    complaint: { id: c.id, reference: c.reference, status: c.status, stage: c.stage, channel: c.channel, receivedAt: c.receivedAt, representative: c.representative },
    leftOut: [left('the complaint itself: the resident, their account, vulnerability and the handling record', "the resident's personal data; the subject is their representative")],
    redact,
    includeContent: false,
  };
}

/** An event as exported: the content only when it is the subject's. */
export function exportedEvent(e: ComplaintEvent, view: ComplaintExport): { [key: string]: JsonValue } {
  const base = { complaintId: e.complaintId, version: e.version, type: e.type, occurredAt: e.occurredAt, recordedAt: e.recordedAt, actor: e.actor };
  return view.includeContent ? { ...base, data: view.redact.json(e.data) } : { ...base, data: null };
}
