import { londonDateOf, type IsoDate } from '../../calendar/index.ts';
import { DomainError } from '../../domain-error.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import { CHANNELS, type Channel } from '../complaint-parts.ts';
import type { Complaint } from '../complaint.ts';
import { nextReviewOn, SENIOR_ROLES, type ContactRestriction, type SeniorRole } from '../contact-restriction.ts';
import { instant, isoDate, isText, Missing, nextId } from '../input-checks.ts';

export interface ContactRestrictionInput {
  reason?: string;
  decidedBy?: string;
  decidedByRole?: SeniorRole;
  allowedChannels?: Channel[];
  startsOn?: IsoDate;
  reviewOn?: IsoDate;
  residentToldInWritingAt?: string;
  equalityActConsideration?: string;
}

const restrictionsOf = (c: Complaint): ContactRestriction[] => c.contactRestrictions ?? [];

/** Records a restriction: every element is required, so one 422 lists what is missing. */
export function restrictContact(complaint: Complaint, input: ContactRestrictionInput, ctx: CommandContext): CommandResult {
  const at = begin('restrictContact', complaint, ctx);
  const missing = new Missing();
  missing.text(input.reason, 'reason', 'the reasons for the decision are required');
  missing.text(input.decidedBy, 'decidedBy', 'who decided is required');
  if (!(SENIOR_ROLES as readonly unknown[]).includes(input.decidedByRole)) missing.add('decidedByRole', `a senior role decides: one of ${SENIOR_ROLES.join(', ')}`);
  const channels = Array.isArray(input.allowedChannels) ? input.allowedChannels : [];
  if (channels.length === 0 || channels.some((c) => !(CHANNELS as readonly string[]).includes(c))) missing.add('allowedChannels', `the channels still allowed, at least one of ${CHANNELS.join(', ')}`);
  if (input.startsOn === undefined) missing.add('startsOn', 'the start date is required');
  if (input.reviewOn === undefined) missing.add('reviewOn', 'a review date is required');
  missing.text(input.residentToldInWritingAt, 'residentToldInWritingAt', 'the resident must be told in writing');
  missing.text(input.equalityActConsideration, 'equalityActConsideration', 'how the Equality Act 2010 was considered is required');
  missing.throwIfAny('contact_restriction_incomplete', 'the contact restriction');
  const startsOn = isoDate(input.startsOn, 'startsOn');
  const reviewOn = isoDate(input.reviewOn, 'reviewOn');
  if (reviewOn <= startsOn) throw new DomainError('conflict', 'review_not_after_start', `the review date ${reviewOn} must be after the start ${startsOn}`);
  const restriction: ContactRestriction = {
    id: nextId('cr', restrictionsOf(complaint)),
    reason: input.reason!.trim(),
    decidedBy: input.decidedBy!.trim(),
    decidedByRole: input.decidedByRole!,
    allowedChannels: [...new Set(channels)],
    startsOn,
    reviewOn,
    residentToldInWritingAt: instant(input.residentToldInWritingAt, 'residentToldInWritingAt'),
    equalityActConsideration: input.equalityActConsideration!.trim(),
    recordedAt: at,
    reviews: [],
    endedAt: null,
    endReason: null,
  };
  return commit({ ...complaint, contactRestrictions: [...restrictionsOf(complaint), restriction] }, ctx, 'complaint.contact_restricted', asJson(restriction));
}

function openRestriction(complaint: Complaint, id: string): ContactRestriction {
  const found = restrictionsOf(complaint).find((r) => r.id === id);
  if (found === undefined) throw new DomainError('not_found', 'not_found', `Contact restriction ${id} was not found`);
  if (found.endedAt !== null) throw new DomainError('conflict', 'restriction_ended', `contact restriction ${id} ended on ${found.endedAt}`);
  return found;
}

const replace = (complaint: Complaint, next: ContactRestriction): Complaint => ({
  ...complaint,
  contactRestrictions: restrictionsOf(complaint).map((r) => (r.id === next.id ? next : r)),
});

export interface ReviewRestrictionInput {
  id: string;
  outcome?: string;
  /** When to review again; null ends the restriction with this review. */
  nextReviewOn?: IsoDate | null;
}

export function reviewContactRestriction(complaint: Complaint, input: ReviewRestrictionInput, ctx: CommandContext): CommandResult {
  const at = begin('reviewContactRestriction', complaint, ctx);
  const current = openRestriction(complaint, input.id);
  if (!isText(input.outcome)) throw new DomainError('unprocessable', 'review_incomplete', 'the review is missing required elements: outcome', [{ field: 'outcome', message: 'the outcome of the review is required' }]);
  const next = input.nextReviewOn == null ? null : isoDate(input.nextReviewOn, 'nextReviewOn');
  if (next !== null && next <= londonDateOf(at)) throw new DomainError('conflict', 'review_not_after_start', `the next review date ${next} must be after this review`);
  const review = { at, outcome: input.outcome.trim(), nextReviewOn: next };
  const updated: ContactRestriction = { ...current, reviews: [...current.reviews, review], ...(next === null ? { endedAt: at, endReason: review.outcome } : {}) };
  return commit(replace(complaint, updated), ctx, 'complaint.contact_restriction_reviewed', asJson({ id: current.id, ...review }));
}

export interface EndRestrictionInput {
  id: string;
  reason?: string;
}

export function endContactRestriction(complaint: Complaint, input: EndRestrictionInput, ctx: CommandContext): CommandResult {
  const at = begin('endContactRestriction', complaint, ctx);
  const current = openRestriction(complaint, input.id);
  if (!isText(input.reason)) throw new DomainError('unprocessable', 'end_incomplete', 'ending the restriction is missing required elements: reason', [{ field: 'reason', message: 'why the restriction ends is required' }]);
  const updated: ContactRestriction = { ...current, endedAt: at, endReason: input.reason.trim() };
  return commit(replace(complaint, updated), ctx, 'complaint.contact_restriction_ended', asJson({ id: current.id, reason: updated.endReason, reviewWasDueOn: nextReviewOn(current) }));
}
