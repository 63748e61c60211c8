import t from 'tap';
import { acknowledge, deadlineStatusAsOf, endContactRestriction, logContact, respond, restrictContact, reviewContactRestriction } from '../../../src/domain/complaint/index.ts';
import { aResponse, anAcknowledgement, errorOf, preset, Story } from './builders.ts';

// Longhurst, "Managing unacceptable actions and behaviours": "in writing, with the reasons for our decision
// including a review date", with "regard for the provisions of the Equality Act 2010".
const restriction = {
  reason: 'Abusive calls to staff',
  decidedBy: 'Sam Senior',
  decidedByRole: 'head_of_service' as const,
  allowedChannels: ['email' as const, 'letter' as const],
  startsOn: '2027-03-02',
  reviewOn: '2027-06-01',
  residentToldInWritingAt: '2027-03-02T12:00:00Z',
  equalityActConsideration: 'Checked the resident’s disclosed needs; email remains open',
};

t.test('a restriction: every element, a senior role; its review date is a deadline; the complaint is still handled', async (t) => {
  const s = new Story(preset('seed-002-longhurst')).log({ receivedAt: '2027-03-01T10:00:00Z' });
  const e = errorOf(() => s.attempt(restrictContact, '2027-03-02T12:00:00Z', { ...restriction, decidedByRole: 'handler' as never, equalityActConsideration: ' ' }));
  t.match(e, { kind: 'unprocessable', code: 'contact_restriction_incomplete' });
  t.same(e.fields.map((f) => f.field), ['decidedByRole', 'equalityActConsideration']);
  s.run(restrictContact, '2027-03-02T12:00:00Z', restriction);
  t.match(s.complaint.contactRestrictions, [{ id: 'cr1', allowedChannels: ['email', 'letter'], reviewOn: '2027-06-01', endedAt: null }]);
  t.equal(s.events.at(-1)?.type, 'complaint.contact_restricted');
  const review = s.deadline('contact_restriction_review', 'cr1');
  t.match(review, { dueDate: '2027-06-01', status: 'pending', countsFrom: { event: 'contact_restriction_started', date: '2027-03-02' } });
  t.equal(deadlineStatusAsOf(review, '2027-06-02'), 'breached', 'a missed review is a breach');
  s.run(acknowledge, '2027-03-02T13:00:00Z', anAcknowledgement());
  s.run(respond, '2027-03-05T10:00:00Z', aResponse(s.complaint));
  t.equal(s.complaint.status, 'stage_1_responded', 'the restriction never stops the complaint');
});

t.test('contacts on an excluded channel are flagged, not refused', async (t) => {
  const s = new Story(preset('seed-002-longhurst')).log({ receivedAt: '2027-03-01T10:00:00Z' }).run(restrictContact, '2027-03-02T12:00:00Z', restriction);
  s.run(logContact, '2027-03-03T10:00:00Z', { direction: 'inbound', channel: 'phone', summary: 'Called again' });
  s.run(logContact, '2027-03-03T11:00:00Z', { direction: 'inbound', channel: 'email', summary: 'Emailed' });
  t.same(s.complaint.contacts.map((c) => c.outsideRestrictions ?? []), [['cr1'], []]);
});

t.test('a review sets the next date; a review without one, or the end, closes it', async (t) => {
  const s = new Story(preset('seed-002-longhurst')).log({ receivedAt: '2027-03-01T10:00:00Z' }).run(restrictContact, '2027-03-02T12:00:00Z', restriction);
  s.run(reviewContactRestriction, '2027-05-28T10:00:00Z', { id: 'cr1', outcome: 'Still needed', nextReviewOn: '2027-09-01' });
  t.match(s.deadline('contact_restriction_review', 'cr1'), { dueDate: '2027-09-01', originalDueDate: '2027-06-01', status: 'pending' });
  s.run(reviewContactRestriction, '2027-08-20T10:00:00Z', { id: 'cr1', outcome: 'Behaviour improved: lifted' });
  t.match(s.deadline('contact_restriction_review', 'cr1'), { dueDate: '2027-09-01', status: 'met' });
  t.match(s.complaint.contactRestrictions?.[0], { endedAt: '2027-08-20T10:00:00.000Z', endReason: 'Behaviour improved: lifted' });
  t.match(errorOf(() => s.attempt(endContactRestriction, '2027-08-21T10:00:00Z', { id: 'cr1', reason: 'x' })), { code: 'restriction_ended' });
  const ended = new Story(preset('seed-002-longhurst')).log({ receivedAt: '2027-03-01T10:00:00Z' }).run(restrictContact, '2027-03-02T12:00:00Z', restriction);
  ended.run(endContactRestriction, '2027-04-01T10:00:00Z', { id: 'cr1', reason: 'Apology received' });
  t.match(ended.deadline('contact_restriction_review', 'cr1'), { status: 'cancelled' });
  t.match(errorOf(() => ended.attempt(reviewContactRestriction, '2027-04-02T10:00:00Z', { id: 'cr9', outcome: 'x' })), { kind: 'not_found' });
});
