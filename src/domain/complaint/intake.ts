import type { IsoDate } from '../calendar/index.ts';
import {
  HAZARD_KINDS,
  type Channel,
  type Complainant,
  type Hazard,
  type Representative,
  type Urgency,
  type Vulnerability,
} from './complaint-parts.ts';
import type { HazardCase } from '../hazards/hazard-case.ts';
import { newHazard } from '../hazards/hazard-steps.ts';
import { instant, isoDate, isText, oneOf, textOrNull, type Missing } from './input-checks.ts';
import type { InformalKind } from './informal.ts';

/** What a complaint is logged with; optional parts default to empty/none. */
export interface LogComplaintInput {
  channel: Channel;
  /** When the landlord received it (ISO instant with offset); may be before it was logged. */
  receivedAt: string;
  complainant: Partial<Complainant>;
  representative?: Representative | null;
  vulnerability?: Partial<Vulnerability> | null;
  urgency?: Partial<Urgency> | null;
  category?: string | null;
  serviceArea?: string | null;
  description: string;
  outcomesSought?: string[];
  externalRef?: string | null;
  serviceRequestRef?: string | null;
  /** awareAt: when the landlord became aware of it (Awaab's Law clocks start there); defaults to receivedAt. */
  hazard?: (Hazard & { awareAt?: string | null }) | null;
  issueOccurredOn?: IsoDate | null;
  /** The parts of the complaint; one matter from the description when none are given. */
  matters?: string[];
  /** The complaint this one was opened from (a new matter raised after a response). */
  linkedFrom?: string | null;
  /** Logged as an informal resolution or a support-service request, not a complaint (informal.ts). */
  informal?: InformalKind | null;
}

export function complainantOf(input: Partial<Complainant> | undefined): Complainant {
  const c = input ?? {};
  return {
    name: textOrNull(c.name),
    email: textOrNull(c.email),
    phone: textOrNull(c.phone),
    address: textOrNull(c.address),
    residentRef: textOrNull(c.residentRef),
    tenancyRef: textOrNull(c.tenancyRef),
    propertyRef: textOrNull(c.propertyRef),
  };
}

/** A representative acts only with the resident's consent, dated (domain §1). */
export function representativeOf(input: Representative | null | undefined, missing: Missing): Representative | null {
  if (input === null || input === undefined) return null;
  missing.text(input.name, 'representative.name');
  missing.text(input.relationship, 'representative.relationship');
  if (!isText(input.consentDate)) missing.add('representative.consentDate', "the resident's consent and its date are required for a representative");
  else isoDate(input.consentDate, 'representative.consentDate');
  return { name: input.name, relationship: input.relationship, consentDate: input.consentDate };
}

export function vulnerabilityOf(input: Partial<Vulnerability> | null | undefined): Vulnerability {
  const v = input ?? {};
  return {
    needs: [...(v.needs ?? [])],
    reasonableAdjustments: [...(v.reasonableAdjustments ?? [])],
    preferredContactMethod: textOrNull(v.preferredContactMethod),
    format: textOrNull(v.format),
    disabilityDisclosed: v.disabilityDisclosed === true,
  };
}

export function urgencyOf(input: Partial<Urgency> | null | undefined): Urgency {
  return { safeguarding: input?.safeguarding === true, healthAndSafety: input?.healthAndSafety === true };
}

export function hazardOf(input: Hazard | null | undefined, missing: Missing): Hazard | null {
  if (input === null || input === undefined) return null;
  missing.text(input.description, 'hazard.description');
  return { kind: oneOf(HAZARD_KINDS, input.kind, 'hazard.kind'), description: input.description };
}

/** The hazard given at logging, as the first tracked hazard: reported when the complaint was received. */
export function hazardsOf(input: LogComplaintInput['hazard'], hazard: Hazard | null, receivedAt: string, awaabsLaw: boolean): HazardCase[] {
  if (hazard === null || input == null) return [];
  const awareAt = input.awareAt == null ? receivedAt : instant(input.awareAt, 'hazard.awareAt');
  return [newHazard('h1', hazard, receivedAt, awareAt, awaabsLaw)];
}
