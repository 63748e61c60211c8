import type { Division } from '../calendar/index.ts';

// A new organisation starts on the model procedure of its nation's ombudsman; in England
// and Wales that is the Housing Ombudsman's Code (Wales's housing associations are also
// under the Housing Ombudsman).
export const DEFAULT_PRESET: Readonly<Record<Division, string>> = {
  'england-and-wales': 'code-2024',
  scotland: 'scotland-spso-model',
  'northern-ireland': 'northern-ireland-nipso-model',
};

/** The first policy version takes effect from the start of the supported calendar, so
 * complaints a CRM back-fills from before the landlord joined still have a policy. */
export const INITIAL_POLICY_EFFECTIVE_FROM = '2000-01-01';
