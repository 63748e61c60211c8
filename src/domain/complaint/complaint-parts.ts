import type { IsoDate } from '../calendar/index.ts';

/**
 * The complaint aggregate as plain JSON (camelCase). Instants are ISO 8601
 * strings with an offset (written as UTC `…Z`); dates are `YYYY-MM-DD` in
 * Europe/London. Commands return a new value; nothing here is mutated.
 */
export type Instant = string;

export const COMPLAINT_STATUSES = [
  'received',
  'stage_1_in_progress',
  'stage_1_responded',
  'escalation_requested',
  'stage_2_in_progress',
  'stage_2_responded',
  'closed',
  'declined',
  'withdrawn',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Statuses after which nothing but records (contacts, remedies, Ombudsman) may change. */
export const ENDED_STATUSES: readonly ComplaintStatus[] = ['closed', 'declined', 'withdrawn'];

export type Stage = 1 | 2;

export const CHANNELS = ['phone', 'email', 'letter', 'web_form', 'in_person', 'social_media', 'mp_councillor', 'third_party'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Complainant {
  /** null: an anonymous complaint (a policy may decline it on the `anonymous` ground). */
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  residentRef: string | null;
  tenancyRef: string | null;
  propertyRef: string | null;
}

/** Someone acting for the resident: only with the resident's consent, dated (domain §1). */
export interface Representative {
  name: string;
  relationship: string;
  consentDate: IsoDate;
}

export interface Vulnerability {
  needs: string[];
  reasonableAdjustments: string[];
  preferredContactMethod: string | null;
  format: string | null;
  disabilityDisclosed: boolean;
}

/** The safeguarding / health-and-safety flags that mark a complaint urgent (domain §6). */
export interface Urgency {
  safeguarding: boolean;
  healthAndSafety: boolean;
}

export const HAZARD_KINDS = ['emergency', 'damp_and_mould', 'other'] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];

/** A hazard as given when the complaint is logged; its Awaab's Law clocks are on `Complaint.hazards`. */
export interface Hazard {
  kind: HazardKind;
  description: string;
}

export interface Matter {
  id: string;
  summary: string;
  stage: Stage;
  addedAt: Instant;
}

export interface Acknowledgement {
  at: Instant;
  definition: string;
  outcomesSought: string[];
  handler: string;
}

export interface Contact {
  id: string;
  at: Instant;
  direction: 'inbound' | 'outbound';
  channel: Channel;
  summary: string;
  /** Contact restrictions in force whose allowed channels exclude this one: flagged, never refused. */
  outsideRestrictions?: string[];
}

export interface Extension {
  stage: Stage;
  decidedAt: Instant;
  reason: string;
  previousDueDate: IsoDate;
  newDueDate: IsoDate;
  residentToldAt: Instant;
  ombudsmanDetailsGiven: true;
  /** Set when the extension goes beyond the policy's cap (reports show it). */
  goodReason: string | null;
}

