import { randomUUID } from 'node:crypto';
import type { JsonValue } from '../../domain/complaint/index.ts';
import { complaintExportOf, exportedEvent, type LeftOut } from '../../domain/privacy/subject-export.ts';
import { subjectCriteria, type SubjectCriteria } from '../../domain/privacy/subject-match.ts';
import { recordAccess } from '../../store/access-records.ts';
import type { Db } from '../../store/database.ts';
import { listComplaintEventsOf, listWebhookPayloadsOf } from '../../store/personal-data-copies.ts';
import { findSubject } from './find-subject.ts';

type Row = { [key: string]: JsonValue };

/** A subject access export (UK GDPR art. 15): every record that holds the person's data, and what was left out and why. */
export interface SubjectExport {
  id: string;
  exportedAt: string;
  requestedBy: string;
  matchedOn: string[];
  complaints: { complaintId: string; reference: string; subject: string; matchedOn: string[]; record: { [key: string]: unknown } }[];
  events: Row[];
  contacts: Row[];
  remedies: Row[];
  restrictions: Row[];
  webhookPayloads: Row[];
  leftOut: LeftOut[];
}

const asRows = (complaintId: string, items: unknown): Row[] => (Array.isArray(items) ? items.map((i) => ({ complaintId, ...(i as Row) })) : []);

export async function exportSubject(tx: Db, q: { organisationId: string; actor: string; criteria: SubjectCriteria; now: Date }): Promise<SubjectExport> {
  const criteria = subjectCriteria(q.criteria);
  const found = await findSubject(tx, q.organisationId, criteria);
  const views = new Map(found.map((f) => [f.complaint.id, complaintExportOf(f.complaint, f.match.role)]));
  const ids = [...views.keys()];
  const events = (await listComplaintEventsOf(tx, q.organisationId, ids)).map((e) => exportedEvent(e, views.get(e.complaintId)!));
  const leftOut = [...views.values()].flatMap((v) => v.leftOut);
  const webhookPayloads: Row[] = [];
  for (const p of await listWebhookPayloadsOf(tx, q.organisationId, ids)) {
    const view = views.get(p.complaintId)!;
    const base = { complaintId: p.complaintId, deliveryId: p.deliveryId, subscriptionId: p.subscriptionId, eventType: p.eventType, createdAt: p.createdAt.toISOString(), status: p.status };
    webhookPayloads.push({ ...base, payload: view.includeContent ? view.redact.json(JSON.parse(p.payload) as JsonValue) : null });
  }
  const own = found.filter((f) => views.get(f.complaint.id)!.includeContent);
  const id = randomUUID();
  await recordAccess(tx, {
    id, organisationId: q.organisationId, at: q.now, actor: q.actor, action: 'export', complaintIds: ids,
    detail: { matchedBy: Object.keys(criteria), complaints: ids.length, events: events.length, webhookPayloads: webhookPayloads.length, leftOut: leftOut.length },
  });
  return {
    id,
    exportedAt: q.now.toISOString(),
    requestedBy: q.actor,
    matchedOn: Object.keys(criteria),
    complaints: found.map((f) => ({ complaintId: f.complaint.id, reference: f.complaint.reference, subject: f.match.role, matchedOn: f.match.matchedOn, record: views.get(f.complaint.id)!.complaint })),
    events,
    contacts: own.flatMap((f) => asRows(f.complaint.id, f.complaint.contacts)),
    remedies: own.flatMap((f) => asRows(f.complaint.id, f.complaint.remedies)),
    restrictions: own.flatMap((f) => asRows(f.complaint.id, (f.complaint as { contactRestrictions?: unknown }).contactRestrictions)),
    webhookPayloads,
    leftOut,
  };
}
