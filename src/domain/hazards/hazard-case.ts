import type { IsoDate } from '../calendar/index.ts';
import type { HazardKind, Instant } from '../complaint/complaint-parts.ts';

/** What the landlord's investigation found, in the regulations' terms. */
export const HAZARD_FINDINGS = ['emergency', 'significant', 'no_hazard'] as const;
export type HazardFinding = (typeof HAZARD_FINDINGS)[number];

/** The steps a landlord records against a hazard, each dated with occurredAt. */
export const HAZARD_STEPS = ['investigated', 'summary_sent', 'made_safe', 'works_started', 'works_completed', 'alternative_accommodation_offered'] as const;
export type HazardStep = (typeof HAZARD_STEPS)[number];

export interface HazardInvestigation {
  at: Instant;
  finding: HazardFinding;
  /** A significant hazard needs safety work within 5 working days (emergency: made safe within 24 hours). */
  safetyWorkNeeded: boolean;
  /** Further works to remedy the hazard: begun within 5 working days, on site within 12 weeks. */
  furtherWorksNeeded: boolean;
  notes: string | null;
}

/**
 * A hazard reported with a complaint (Awaab's Law, domain §6). `awaabsLaw` says
 * whether the clocks run: decided when the hazard is reported, from the landlord's
 * setting (a social landlord in England), and kept, as a complaint keeps its policy.
 */
export interface HazardCase {
  id: string;
  kind: HazardKind;
  description: string;
  /** When the landlord became aware of the hazard: the clocks start here. */
  awareAt: Instant;
  reportedAt: Instant;
  awaabsLaw: boolean;
  /** Why no clocks run, when awaabsLaw is false. */
  noClocksReason: string | null;
  investigation: HazardInvestigation | null;
  summarySentAt: Instant | null;
  madeSafeAt: Instant | null;
  /** The first step to begin further works (an order placed, a contractor booked) or their start on site. */
  worksBegunAt: Instant | null;
  worksOnSiteAt: Instant | null;
  /** The date the landlord set for completing the works (a reasonable time, the regulations say). */
  completionDueOn: IsoDate | null;
  worksCompletedAt: Instant | null;
  alternativeAccommodationOfferedAt: Instant | null;
}
