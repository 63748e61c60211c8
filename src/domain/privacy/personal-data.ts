import type { Complaint } from '../complaint/index.ts';
import { ERASED, erased } from './erasure-placeholder.ts';

// Which parts of a complaint are personal data (UK GDPR), and the complaint with them
// replaced. Kept: dates, stages, statuses, decisions, categories, service areas, channels,
// amounts, the landlord's handlers, the Ombudsman's findings and the landlord's extension
// reasons (the performance report counts them by reason; they explain the landlord's delay,
// not the resident). Free text written about or by the resident is replaced.

/** The subject's place in a complaint: the resident complaining, or their representative. */
export type SubjectRole = 'complainant' | 'representative';

export const ERASED_CATEGORIES = {
  complainant: ['name', 'contact_details', 'address', 'tenancy_and_property_references', 'vulnerability', 'free_text'],
  representative: ['representative_name', 'representative_relationship'],
} as const satisfies Record<SubjectRole, readonly string[]>;

const texts = (values: readonly string[]) => values.map((v) => erased(v));

/** The complaint with the resident's personal data, and its representative's, replaced. */
function withoutComplainant(c: Complaint): Complaint {
  return {
    ...c,
    complainant: {
      name: erased(c.complainant.name),
      email: erased(c.complainant.email),
      phone: erased(c.complainant.phone),
      address: erased(c.complainant.address),
      residentRef: erased(c.complainant.residentRef),
      tenancyRef: erased(c.complainant.tenancyRef),
      propertyRef: erased(c.complainant.propertyRef),
    },
    representative: c.representative && { ...c.representative, name: erased(c.representative.name), relationship: erased(c.representative.relationship) },
    vulnerability: {
      needs: texts(c.vulnerability.needs),
      reasonableAdjustments: texts(c.vulnerability.reasonableAdjustments),
      preferredContactMethod: erased(c.vulnerability.preferredContactMethod),
      format: erased(c.vulnerability.format),
      disabilityDisclosed: false,
    },
    description: erased(c.description),
    outcomesSought: texts(c.outcomesSought),
    hazard: c.hazard && { ...c.hazard, description: erased(c.hazard.description) },
    definition: erased(c.definition),
    acknowledgements: {
      stage1: c.acknowledgements.stage1 && { ...c.acknowledgements.stage1, definition: erased(c.acknowledgements.stage1.definition), outcomesSought: texts(c.acknowledgements.stage1.outcomesSought) },
      stage2: c.acknowledgements.stage2 && { ...c.acknowledgements.stage2, definition: erased(c.acknowledgements.stage2.definition), outcomesSought: texts(c.acknowledgements.stage2.outcomesSought) },
    },
    matters: c.matters.map((m) => ({ ...m, summary: erased(m.summary) })),
    contacts: c.contacts.map((x) => ({ ...x, summary: erased(x.summary) })),
    responses: {
      stage1: c.responses.stage1 && { ...c.responses.stage1, definition: erased(c.responses.stage1.definition), decisions: c.responses.stage1.decisions.map((d) => ({ ...d, reasons: erased(d.reasons) })) },
      stage2: c.responses.stage2 && { ...c.responses.stage2, definition: erased(c.responses.stage2.definition), decisions: c.responses.stage2.decisions.map((d) => ({ ...d, reasons: erased(d.reasons) })) },
    },
    remedies: c.remedies.map((r) => ({ ...r, description: erased(r.description) })),
    actions: c.actions.map((a) => ({ ...a, description: erased(a.description) })),
    escalation: c.escalation && { ...c.escalation, reason: erased(c.escalation.reason), lateDiscretion: erased(c.escalation.lateDiscretion) },
    escalationRefusal: c.escalationRefusal && { ...c.escalationRefusal, explanation: erased(c.escalationRefusal.explanation) },
    decline: c.decline && { ...c.decline, explanation: erased(c.decline.explanation) },
    withdrawal: c.withdrawal && { ...c.withdrawal, reason: erased(c.withdrawal.reason) },
    closure: c.closure && { ...c.closure, explanation: erased(c.closure.explanation) },
    reopenings: c.reopenings.map((r) => ({
      ...r,
      discretion: erased(r.discretion),
      ended: {
        closure: r.ended.closure && { ...r.ended.closure, explanation: erased(r.ended.closure.explanation) },
        withdrawal: r.ended.withdrawal && { ...r.ended.withdrawal, reason: erased(r.ended.withdrawal.reason) },
        escalationRefusal: r.ended.escalationRefusal && { ...r.ended.escalationRefusal, explanation: erased(r.ended.escalationRefusal.explanation) },
      },
    })),
    ombudsman: {
      ...c.ombudsman,
      evidenceRequests: c.ombudsman.evidenceRequests.map((e) => ({ ...e, description: erased(e.description) })),
      determination: c.ombudsman.determination && { ...c.ombudsman.determination, orders: texts(c.ombudsman.determination.orders) },
      orders: (c.ombudsman.orders ?? []).map((o) => ({ ...o, description: erased(o.description), evidence: erased(o.evidence) })),
    },
    hazards: (c.hazards ?? []).map((h) => ({
      ...h, description: erased(h.description), investigation: h.investigation && { ...h.investigation, notes: erased(h.investigation.notes) },
    })),
    ...(c.declineConsiderations ? { declineConsiderations: c.declineConsiderations.map((d) => ({ ...d, note: erased(d.note) })) } : {}),
    ...withoutRestrictionText(c),
  };
}

/** Contact restrictions (unacceptable behaviour) say why, in words about the resident. */
interface RestrictionText {
  reason?: string;
  equalityActConsideration?: string;
  endReason?: string | null;
  reviews?: { outcome?: string }[];
}
const restrictionsOf = (c: Complaint): RestrictionText[] => (c as { contactRestrictions?: RestrictionText[] }).contactRestrictions ?? [];

function withoutRestrictionText(c: Complaint): Partial<Complaint> {
  const restrictions = (c as { contactRestrictions?: RestrictionText[] }).contactRestrictions;
  if (!restrictions) return {};
  const contactRestrictions = restrictions.map((r) => ({
    ...r, reason: erased(r.reason), equalityActConsideration: erased(r.equalityActConsideration), endReason: erased(r.endReason),
    reviews: (r.reviews ?? []).map((v) => ({ ...v, outcome: erased(v.outcome) })),
  }));
  // Typed loosely: the restrictions' own type belongs to their feature; only their texts matter here.
  return { contactRestrictions } as unknown as Partial<Complaint>;
}

/** The complaint with the subject's personal data replaced: all of it for the resident, the representative's own for a representative. */
export function anonymiseComplaint(complaint: Complaint, role: SubjectRole): Complaint {
  if (role === 'complainant') return withoutComplainant(complaint);
  const rep = complaint.representative;
  return { ...complaint, representative: rep && { ...rep, name: erased(rep.name), relationship: erased(rep.relationship) } };
}

const present = (values: readonly (string | null | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim() !== '' && v.trim() !== ERASED).map((v) => v.trim())),
];

/** A UK postcode inside an address, e.g. "SW1A 1AA", as written. */
export function postcodeIn(address: string | null): string | null {
  const match = address ? /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/i.exec(address) : null;
  return match ? `${match[1]} ${match[2]}` : null;
}

/**
 * The subject's values as they may have been copied anywhere (events, stored responses,
 * webhook payloads, import lines): what an erasure searches for and replaces.
 * `identifiers` (name, contact details, references) are replaced wherever they occur inside
 * a text; `texts` (their account, notes) where a whole value is one of them.
 */
export interface PersonalValues {
  identifiers: string[];
  texts: string[];
}

export function personalValuesOf(complaint: Complaint, role: SubjectRole): PersonalValues {
  const c = complaint;
  if (role === 'representative') return { identifiers: present([c.representative?.name]), texts: [] };
  const p = c.complainant;
  return {
    identifiers: present([p.name, p.email, p.phone, p.address, postcodeIn(p.address), p.residentRef, p.tenancyRef, p.propertyRef, c.representative?.name]),
    texts: present([
      c.description, c.definition, c.hazard?.description, c.escalation?.reason, c.escalation?.lateDiscretion, c.escalationRefusal?.explanation, c.decline?.explanation,
      c.withdrawal?.reason, c.closure?.explanation, c.vulnerability.preferredContactMethod, c.vulnerability.format, c.representative?.relationship,
      ...c.vulnerability.needs, ...c.vulnerability.reasonableAdjustments, ...c.outcomesSought, ...c.matters.map((m) => m.summary), ...c.contacts.map((x) => x.summary),
      ...c.remedies.map((r) => r.description), ...c.actions.map((a) => a.description), ...c.reopenings.map((r) => r.discretion),
      ...c.ombudsman.evidenceRequests.map((e) => e.description), ...(c.ombudsman.determination?.orders ?? []),
      ...(c.ombudsman.orders ?? []).flatMap((o) => [o.description, o.evidence]), ...(c.hazards ?? []).flatMap((h) => [h.description, h.investigation?.notes]),
      ...(c.declineConsiderations ?? []).map((d) => d.note),
      ...restrictionsOf(c).flatMap((r) => [r.reason, r.equalityActConsideration, r.endReason, ...(r.reviews ?? []).map((v) => v.outcome)]),
      ...[c.acknowledgements.stage1, c.acknowledgements.stage2].flatMap((a) => (a ? [a.definition, ...a.outcomesSought] : [])),
      ...[c.responses.stage1, c.responses.stage2].flatMap((r) => (r ? [r.definition, ...r.decisions.map((d) => d.reasons)] : [])),
    ]),
  };
}

/** A complaint whose reads are recorded: vulnerability recorded, or flagged safeguarding (domain §6). */
export function isSensitive(c: Complaint): boolean {
  const v = c.vulnerability;
  const recorded = (values: readonly string[]) => values.some((x) => x !== ERASED);
  return c.urgency.safeguarding || v.disabilityDisclosed || recorded(v.needs) || recorded(v.reasonableAdjustments);
}
