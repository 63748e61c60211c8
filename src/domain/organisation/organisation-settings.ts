import { isIsoDate, type Division, type IsoDate } from '../calendar/index.ts';
import { DomainError } from '../domain-error.ts';
import type { OmbudsmanDetails } from './ombudsmen.ts';

/** What a landlord sets about itself; the policy (timescales) is versioned separately. */
export interface OrganisationSettings {
  name: string;
  division: Division;
  /** Homes owned, per financial year starting 1 April of `financialYear` (CH01's denominator). */
  homes: { financialYear: number; homes: number }[];
  /** Extra non-working days of this landlord, on top of its division's bank holidays. */
  closureDays: { date: IsoDate; reason: string }[];
  /** How residents reach the complaints team: printed on correspondence. */
  complaintsContact: { email: string | null; phone: string | null; address: string | null; website: string | null };
  ombudsman: OmbudsmanDetails;
  /** Web origins allowed to post the public complaint form, e.g. https://www.example-homes.org.uk. */
  intakeOrigins: string[];
  /**
   * A social landlord in England, so Awaab's Law's hazard clocks run (domain §6); null or
   * absent: the default for the division (on for england-and-wales, off elsewhere).
   */
  awaabsLaw?: boolean | null;
}

/** Whether Awaab's Law binds this landlord: its own setting, else its division's default. */
export function awaabsLawFor(settings: Pick<OrganisationSettings, 'awaabsLaw' | 'division'>): boolean {
  return settings.awaabsLaw ?? settings.division === 'england-and-wales';
}

function duplicates<T>(values: T[]): T[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

/** Origin as a browser sends it: scheme, host and optional port, nothing else. */
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

/** Rules beyond the JSON shape; throws invalid_organisation listing every problem. */
export function assertValidSettings(settings: OrganisationSettings): void {
  const problems: { field: string; message: string }[] = [];
  const years = settings.homes.map((h) => h.financialYear);
  for (const year of duplicates(years)) problems.push({ field: 'homes', message: `financial year ${year} is given twice` });
  settings.closureDays.forEach((c, i) => {
    if (!isIsoDate(c.date)) problems.push({ field: `closureDays[${i}].date`, message: 'is not a real date' });
  });
  for (const date of duplicates(settings.closureDays.map((c) => c.date))) {
    problems.push({ field: 'closureDays', message: `${date} is given twice` });
  }
  settings.intakeOrigins.forEach((origin, i) => {
    if (!ORIGIN.test(origin)) {
      problems.push({ field: `intakeOrigins[${i}]`, message: 'must be an origin such as https://www.example.org (no path, lower case)' });
    }
  });
  if (problems.length) {
    throw new DomainError('invalid_input', 'invalid_organisation', 'The organisation settings are not valid', problems);
  }
}
