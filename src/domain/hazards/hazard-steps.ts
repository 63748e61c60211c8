import type { IsoDate } from '../calendar/index.ts';
import { DomainError } from '../domain-error.ts';
import { HAZARD_KINDS, type HazardKind, type Instant } from '../complaint/complaint-parts.ts';
import { isoDate, Missing, oneOf, textOrNull } from '../complaint/input-checks.ts';
import { NOT_AN_ENGLISH_SOCIAL_LANDLORD } from './awaabs-law.ts';
import { HAZARD_FINDINGS, HAZARD_STEPS, type HazardCase, type HazardFinding, type HazardStep } from './hazard-case.ts';

export interface ReportHazardInput {
  kind: HazardKind;
  description: string;
  /** When the landlord became aware; defaults to when the report occurred. */
  awareAt?: string | null;
}

export type HazardStepInput =
  | { step: 'investigated'; finding: HazardFinding; safetyWorkNeeded?: boolean; furtherWorksNeeded?: boolean; completionDueOn?: IsoDate | null; notes?: string | null }
  | { step: 'summary_sent' }
  | { step: 'made_safe' }
  | { step: 'works_started'; onSite?: boolean; completionDueOn?: IsoDate | null }
  | { step: 'works_completed' }
  | { step: 'alternative_accommodation_offered' };

/** A new hazard; `awaabsLaw` is the landlord's setting now, kept with the hazard. */
export function newHazard(id: string, input: ReportHazardInput, reportedAt: Instant, awareAt: Instant, awaabsLaw: boolean): HazardCase {
  const missing = new Missing();
  missing.text(input.description, 'description');
  missing.throwIfAny('hazard_incomplete', 'the hazard');
  if (Date.parse(awareAt) > Date.parse(reportedAt)) {
    throw new DomainError('conflict', 'aware_after_reported', `awareAt ${awareAt} is after the hazard was reported (${reportedAt})`);
  }
  return {
    id,
    kind: oneOf(HAZARD_KINDS, input.kind, 'kind'),
    description: input.description.trim(),
    awareAt,
    reportedAt,
    awaabsLaw,
    noClocksReason: awaabsLaw ? null : NOT_AN_ENGLISH_SOCIAL_LANDLORD,
    investigation: null,
    summarySentAt: null,
    madeSafeAt: null,
    worksBegunAt: null,
    worksOnSiteAt: null,
    completionDueOn: null,
    worksCompletedAt: null,
    alternativeAccommodationOfferedAt: null,
  };
}

function once(h: HazardCase, value: Instant | null, step: HazardStep): void {
  if (value !== null) throw new DomainError('conflict', 'hazard_step_already_recorded', `${step} was already recorded for hazard ${h.id} at ${value}`);
}

function needsInvestigation(h: HazardCase, step: HazardStep): NonNullable<HazardCase['investigation']> {
  if (h.investigation === null) throw new DomainError('conflict', 'hazard_not_investigated', `${step} needs the investigation of hazard ${h.id} recorded first`);
  return h.investigation;
}

const flag = (value: unknown): boolean => value === true;
const dueOn = (value: IsoDate | null | undefined, h: HazardCase): IsoDate | null => (value == null ? h.completionDueOn : isoDate(value, 'completionDueOn'));

/**
 * Records one step at `at`. Making safe is allowed before the investigation is recorded
 * (an emergency is made safe first); summaries and works follow a finding of a hazard.
 */
export function applyHazardStep(h: HazardCase, input: HazardStepInput, at: Instant): HazardCase {
  const step = oneOf(HAZARD_STEPS, input.step, 'step');
  switch (input.step) {
    case 'investigated': {
      once(h, h.investigation?.at ?? null, step);
      const finding = oneOf(HAZARD_FINDINGS, input.finding, 'finding');
      const hazard = finding !== 'no_hazard';
      const investigation = { at, finding, safetyWorkNeeded: hazard && flag(input.safetyWorkNeeded), furtherWorksNeeded: hazard && flag(input.furtherWorksNeeded), notes: textOrNull(input.notes) };
      return { ...h, investigation, completionDueOn: dueOn(input.completionDueOn, h) };
    }
    case 'summary_sent':
      needsInvestigation(h, step);
      once(h, h.summarySentAt, step);
      return { ...h, summarySentAt: at };
    case 'made_safe':
      once(h, h.madeSafeAt, step);
      return { ...h, madeSafeAt: at };
    case 'works_started': {
      const inv = needsInvestigation(h, step);
      if (!inv.furtherWorksNeeded) throw new DomainError('conflict', 'no_works_needed', `the investigation of hazard ${h.id} found no further works needed`);
      const onSite = input.onSite !== false;
      once(h, onSite ? h.worksOnSiteAt : h.worksBegunAt, step);
      return { ...h, worksBegunAt: h.worksBegunAt ?? at, worksOnSiteAt: onSite ? at : h.worksOnSiteAt, completionDueOn: dueOn(input.completionDueOn, h) };
    }
    case 'works_completed':
      needsInvestigation(h, step);
      once(h, h.worksCompletedAt, step);
      return { ...h, worksCompletedAt: at };
    case 'alternative_accommodation_offered':
      once(h, h.alternativeAccommodationOfferedAt, step);
      return { ...h, alternativeAccommodationOfferedAt: at };
    default:
      throw new DomainError('invalid_input', 'invalid_value', `step must be one of ${HAZARD_STEPS.join(', ')}`);
  }
}
