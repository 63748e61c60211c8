import { londonDateOf, type IsoDate } from '../calendar/index.ts';
import type { Instant } from './complaint-parts.ts';
import type { ContactRestriction } from './contact-restriction.ts';
import { deadline, type Clocks, type Deadline } from './deadline.ts';

/**
 * Each contact restriction's review date is a deadline (Longhurst: "a review date"):
 * the review due now, met by the review; a review that sets the next date starts the
 * next one. Ending the restriction before its review cancels the review.
 */
function reviewDeadline(clocks: Clocks, r: ContactRestriction): Deadline {
  const dates: IsoDate[] = [r.reviewOn, ...r.reviews.map((v) => v.nextReviewOn).filter((d): d is IsoDate => d !== null)];
  const last = r.reviews.at(-1);
  const endedByReview = last !== undefined && last.nextReviewOn === null;
  // The review date that was pending: the last one set, or, when a review ended it, the one that review answered.
  const due = endedByReview ? dates[r.reviews.length - 1]! : dates.at(-1)!;
  const metAt: Instant | null = endedByReview ? last.at : null;
  const timing = {
    countsFrom: { event: 'contact_restriction_started' as const, date: r.startsOn },
    rule: 'contactRestriction.reviewOn',
    dueDate: due,
    originalDueDate: r.reviewOn,
    provisional: clocks.calendar.isProvisionalBetween(r.startsOn, due),
  };
  const d = deadline('contact_restriction_review', null, timing, metAt, endedByReview ? null : r.endedAt, { ref: r.id });
  return r.endedAt !== null && !endedByReview && londonDateOf(r.endedAt) <= due ? { ...d, status: 'cancelled' } : d;
}

export function restrictionReviewDeadlines(clocks: Clocks): Deadline[] {
  return (clocks.complaint.contactRestrictions ?? []).map((r) => reviewDeadline(clocks, r));
}
