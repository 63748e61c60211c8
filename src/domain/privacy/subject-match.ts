import type { Complaint } from '../complaint/index.ts';
import { DomainError } from '../domain-error.ts';
import type { SubjectRole } from './personal-data.ts';

// Finding a person (a data subject) in complaints: by email, phone or tenancy reference,
// or by name with a postcode (a name alone is too common to be a person). Values are
// compared as people write them differently: case, spaces, +44 for 0.

export interface SubjectCriteria {
  email?: string | undefined;
  phone?: string | undefined;
  tenancyRef?: string | undefined;
  name?: string | undefined;
  postcode?: string | undefined;
}

export type MatchedOn = 'email' | 'phone' | 'tenancyRef' | 'nameAndPostcode';

export interface SubjectMatch {
  role: SubjectRole;
  matchedOn: MatchedOn[];
}

export const normaliseEmail = (v: string) => v.trim().toLowerCase();
export const normalisePhone = (v: string) => v.replace(/\D/g, '').replace(/^44/, '0');
export const normaliseRef = (v: string) => v.replace(/\s+/g, '').toUpperCase();
export const normaliseName = (v: string) => v.trim().replace(/\s+/g, ' ').toLowerCase();

/** The criteria, normalised; refused when they could not single a person out. */
export function subjectCriteria(input: SubjectCriteria): SubjectCriteria {
  const given = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v : undefined);
  const c = { email: given(input.email), phone: given(input.phone), tenancyRef: given(input.tenancyRef), name: given(input.name), postcode: given(input.postcode) };
  const problems: { field: string; message: string }[] = [];
  if ((c.name === undefined) !== (c.postcode === undefined)) problems.push({ field: c.name ? 'body.postcode' : 'body.name', message: 'a name is matched only together with a postcode' });
  if (c.phone !== undefined && normalisePhone(c.phone).length < 6) problems.push({ field: 'body.phone', message: 'must hold at least 6 digits' });
  if (c.postcode !== undefined && normaliseRef(c.postcode).length < 5) problems.push({ field: 'body.postcode', message: 'must be a full postcode' });
  if (problems.length === 0 && !c.email && !c.phone && !c.tenancyRef && !(c.name && c.postcode)) {
    problems.push({ field: 'body', message: 'give an email, a phone, a tenancy reference, or a name with a postcode' });
  }
  if (problems.length > 0) throw new DomainError('invalid_input', 'subject_not_identified', 'These details do not identify one person', problems);
  return {
    ...(c.email ? { email: normaliseEmail(c.email) } : {}),
    ...(c.phone ? { phone: normalisePhone(c.phone) } : {}),
    ...(c.tenancyRef ? { tenancyRef: normaliseRef(c.tenancyRef) } : {}),
    ...(c.name && c.postcode ? { name: normaliseName(c.name), postcode: normaliseRef(c.postcode) } : {}),
  };
}

const same = (stored: string | null | undefined, wanted: string | undefined, normalise: (v: string) => string) =>
  wanted !== undefined && typeof stored === 'string' && stored.trim() !== '' && normalise(stored) === wanted;

/** How the complaint mentions the (normalised) subject, or null. The resident comes first: a representative match counts only when the resident is someone else. */
export function matchSubject(c: Complaint, criteria: SubjectCriteria): SubjectMatch | null {
  const p = c.complainant;
  const atPostcode = criteria.postcode !== undefined && typeof p.address === 'string' && normaliseRef(p.address).includes(criteria.postcode);
  const asComplainant: MatchedOn[] = [];
  if (same(p.email, criteria.email, normaliseEmail)) asComplainant.push('email');
  if (same(p.phone, criteria.phone, normalisePhone)) asComplainant.push('phone');
  if (same(p.tenancyRef, criteria.tenancyRef, normaliseRef)) asComplainant.push('tenancyRef');
  if (atPostcode && same(p.name, criteria.name, normaliseName)) asComplainant.push('nameAndPostcode');
  if (asComplainant.length > 0) return { role: 'complainant', matchedOn: asComplainant };
  if (atPostcode && same(c.representative?.name, criteria.name, normaliseName)) return { role: 'representative', matchedOn: ['nameAndPostcode'] };
  return null;
}
