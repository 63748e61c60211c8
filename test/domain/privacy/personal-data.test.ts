import t from 'tap';
import type { Complaint } from '../../../src/domain/complaint/index.ts';
import { addMonths } from '../../../src/domain/privacy/add-months.ts';
import { legalHoldsOn } from '../../../src/domain/privacy/legal-holds.ts';
import { anonymiseComplaint, personalValuesOf } from '../../../src/domain/privacy/personal-data.ts';
import { anonymisationDueOn } from '../../../src/domain/privacy/retention.ts';
import { scrubberFor } from '../../../src/domain/privacy/scrub.ts';
import { matchSubject, subjectCriteria } from '../../../src/domain/privacy/subject-match.ts';
import { aComplaint, errorOf } from '../complaint/builders.ts';

const jane = aComplaint({
  complainant: { name: 'Jane Doughty', email: 'jane@example.org', phone: '07700 900123', address: '14 Weaver Street, Leeds LS6 2QT', residentRef: null, tenancyRef: 'TEN 1', propertyRef: null },
  representative: { name: 'Robert Reprise', relationship: 'brother', consentDate: '2026-12-01' },
  description: 'Mould in the bedroom',
});

t.test('months are added by calendar, clamped to the month’s end', async (t) => {
  t.equal(addMonths('2025-04-21', 12), '2026-04-21');
  t.equal(addMonths('2024-02-29', 12), '2025-02-28');
  t.equal(addMonths('2025-01-31', 1), '2025-02-28');
  t.equal(addMonths('2025-03-15', -3), '2024-12-15');
  t.equal(anonymisationDueOn('2020-02-29', { anonymiseAfterYears: 6 }), '2026-02-28');
});

t.test('a person is found by their details however written; a name needs a postcode', async (t) => {
  t.same(matchSubject(jane, subjectCriteria({ phone: '+44 7700 900123' })), { role: 'complainant', matchedOn: ['phone'] });
  t.same(matchSubject(jane, subjectCriteria({ email: ' JANE@example.org', tenancyRef: 'ten1' })), { role: 'complainant', matchedOn: ['email', 'tenancyRef'] });
  t.same(matchSubject(jane, subjectCriteria({ name: 'robert reprise', postcode: 'LS6 2QT' })), { role: 'representative', matchedOn: ['nameAndPostcode'] });
  t.equal(matchSubject(jane, subjectCriteria({ name: 'Jane Doughty', postcode: 'LS1 1AA' })), null, 'another postcode');
  t.match(errorOf(() => subjectCriteria({ name: 'Jane Doughty' })), { kind: 'invalid_input', code: 'subject_not_identified', fields: [{ field: 'body.postcode' }] });
  t.match(errorOf(() => subjectCriteria({})), { code: 'subject_not_identified' });
});

t.test('anonymising keeps the facts and replaces the person', async (t) => {
  const a = anonymiseComplaint(jane, 'complainant');
  t.match(a.complainant, { name: '[erased]', email: '[erased]', phone: '[erased]', residentRef: null });
  t.equal(a.description, '[erased]');
  t.equal(a.representative?.name, '[erased]');
  t.same([a.status, a.receivedAt, a.channel, a.category, a.matters.length], [jane.status, jane.receivedAt, jane.channel, jane.category, jane.matters.length]);
  const r = anonymiseComplaint(jane, 'representative');
  t.equal(r.representative?.name, '[erased]');
  t.equal(r.complainant.name, 'Jane Doughty', "a representative's erasure leaves the resident's data");
});

t.test('copies are scrubbed by value, codes are left alone', async (t) => {
  const scrub = scrubberFor(personalValuesOf({ ...jane, outcomesSought: ['apology'] }, 'complainant'));
  t.same(
    scrub.json({ note: 'Spoke to JANE DOUGHTY at LS6 2QT', email: 'jane@example.org', type: 'apology', text: 'apology', description: 'Mould in the bedroom', n: 3 }),
    { note: 'Spoke to [erased] at [erased]', email: '[erased]', type: 'apology', text: 'apology', description: '[erased]', n: 3 },
  );
  t.equal(scrub.everywhere('12,Jane Doughty,"Mould in the bedroom"'), '12,[erased],"[erased]"');
});

t.test('legal holds', async (t) => {
  const closed = { ...jane, status: 'closed' as const, closure: { at: '2025-04-21T09:00:00Z', reason: 'resolved_at_stage_1' as const, explanation: null, residentToldAt: null, statusBefore: 'stage_1_responded' as const } };
  t.same(legalHoldsOn(jane, null, '2026-12-20').map((h) => h.code), ['complaint_open']);
  t.same(legalHoldsOn(closed, null, '2026-04-21').map((h) => [h.code, h.until]), [['ombudsman_referral_window', '2026-04-21']], 'the last day of the window');
  t.same(legalHoldsOn(closed, null, '2026-04-22'), [], 'and after it, none');
  const referred = { ...closed, ombudsman: { ...closed.ombudsman, referral: { at: '2025-05-01T09:00:00Z', ombudsmanRef: null } } };
  t.same(legalHoldsOn(referred, null, '2027-01-01').map((h) => h.code), ['ombudsman_case_open']);
  const determined = { ...referred, ombudsman: { ...referred.ombudsman, determination: { at: '2025-09-01T09:00:00Z', issues: [], findings: ['service_failure'], orders: [] } } };
  t.same(legalHoldsOn(determined, null, '2027-01-01'), [], 'determined with no orders: closed');
  const withOrder = { ...determined, ombudsman: { ...determined.ombudsman, orders: [{ completedAt: null }] } } as unknown as typeof determined;
  t.same(legalHoldsOn(withOrder, null, '2027-01-01').map((h) => h.code), ['ombudsman_case_open'], 'an order not yet complied with');
  t.same(legalHoldsOn(closed, { reason: 'court', setBy: 'k', setAt: '2026-01-01T00:00:00Z' }, '2027-01-01').map((h) => h.code), ['admin_hold']);
});

t.test('a short text is found as a whole value inside a serialised copy', async (t) => {
  const scrub = scrubberFor({ identifiers: [], texts: ['asthma', 'phone'] });
  t.equal(scrub.text('{""needs"":[""asthma""]}'), '{""needs"":[""[erased]""]}', 'a CSV cell holding JSON');
  t.equal(scrub.text('{\\"needs\\":[\\"asthma\\"]}'), '{\\"needs\\":[\\"[erased]\\"]}', 'JSON in a JSON string');
  t.equal(scrub.everywhere('1,asthma,2'), '1,[erased],2');
  t.equal(scrub.text('asthmatic'), 'asthmatic', 'not inside a word');
  t.equal(scrub.text('"phone"'), '"phone"', 'a code stays');
});

t.test('hazards, Ombudsman orders and contact restrictions lose their words, keep their dates', async (t) => {
  const withMore = {
    ...jane,
    hazards: [{ ...({} as (typeof jane.hazards)[number]), id: 'h1', kind: 'damp_and_mould' as const, description: 'Mould over the cot', investigation: null, awareAt: '2026-12-01T09:00:00Z' }],
    ombudsman: { ...jane.ombudsman, orders: [{ id: 'o1', type: 'order' as const, description: 'Pay Jane £200', madeAt: '2026-12-01T09:00:00Z', dueDate: '2027-01-01', evidence: 'Paid by BACS', completedAt: null }] },
    contactRestrictions: [{ id: 'r1', reason: 'Shouted at staff', equalityActConsideration: 'Her anxiety was considered', startsOn: '2026-12-01', reviews: [{ outcome: 'Still needed', at: 'x', nextReviewOn: null }], endReason: null }],
  };
  // Loosely typed: the restrictions' type belongs to their own feature.
  const asComplaint = withMore as unknown as Complaint;
  const a = anonymiseComplaint(asComplaint, 'complainant') as unknown as typeof withMore;
  t.match(a.hazards[0], { description: '[erased]', awareAt: '2026-12-01T09:00:00Z', kind: 'damp_and_mould' });
  t.match(a.ombudsman.orders[0], { description: '[erased]', evidence: '[erased]', dueDate: '2027-01-01' });
  t.match(a.contactRestrictions[0], { reason: '[erased]', equalityActConsideration: '[erased]', startsOn: '2026-12-01', reviews: [{ outcome: '[erased]' }], endReason: null });
  t.ok(personalValuesOf(asComplaint, 'complainant').texts.includes('Shouted at staff'), 'and their words are searched for in copies');
});
