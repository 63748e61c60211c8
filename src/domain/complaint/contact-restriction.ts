import type { IsoDate } from '../calendar/index.ts';
import type { Channel, Instant } from './complaint-parts.ts';

/** Who may decide to restrict a resident's contact: a senior role, never the handler alone (Longhurst, Lets for Life). */
export const SENIOR_ROLES = ['senior_manager', 'head_of_service', 'director', 'chief_executive'] as const;
export type SeniorRole = (typeof SENIOR_ROLES)[number];

export interface ContactRestrictionReview {
  at: Instant;
  outcome: string;
  /** The next review date; null when the review ends the restriction's reviews (it is then ended). */
  nextReviewOn: IsoDate | null;
}

/**
 * A restriction on how a resident may contact the landlord, for unacceptable behaviour
 * (domain §6; Longhurst: "in writing, with the reasons for our decision including a
 * review date", with "regard for the provisions of the Equality Act 2010"). It never stops
 * the complaint from being handled; contacts on a channel it excludes are flagged, not refused.
 */
export interface ContactRestriction {
  id: string;
  reason: string;
  decidedBy: string;
  decidedByRole: SeniorRole;
  /** The channels the resident may still use. */
  allowedChannels: Channel[];
  startsOn: IsoDate;
  reviewOn: IsoDate;
  residentToldInWritingAt: Instant;
  equalityActConsideration: string;
  recordedAt: Instant;
  reviews: ContactRestrictionReview[];
  endedAt: Instant | null;
  endReason: string | null;
}

/** The restrictions in force at `at` whose allowed channels exclude `channel`. */
export function restrictionsExcluding(restrictions: readonly ContactRestriction[], channel: Channel, onDate: IsoDate): string[] {
  return restrictions.filter((r) => r.endedAt === null && r.startsOn <= onDate && !r.allowedChannels.includes(channel)).map((r) => r.id);
}

/** The date of the review now due: the last review's next date, else the first. */
export function nextReviewOn(r: ContactRestriction): IsoDate | null {
  const last = r.reviews.at(-1);
  return last === undefined ? r.reviewOn : last.nextReviewOn;
}
