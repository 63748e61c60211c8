/**
 * The clocks of Awaab's Law: the Hazards in Social Housing (Prescribed Requirements)
 * (England) Regulations 2025, under the term the Social Housing (Regulation) Act 2023
 * implies into social tenancies (section 10A of the Landlord and Tenant Act 1985), in
 * force for social landlords in England since 27 October 2025. Each clock names its duty.
 *
 * Hours are elapsed hours: "within 24 hours" is 24 hours of real time from the moment
 * the landlord became aware, through nights, weekends and bank holidays, so across the
 * October clock change it ends at a wall-clock time one hour earlier than it started
 * (25 wall-clock hours would give the landlord an hour the regulations do not).
 *
 * Working days are the statutory ones (not Saturday, Sunday, Christmas Day, Good Friday
 * or an England and Wales bank holiday): a landlord's own closure days do not stop
 * these clocks, and the day of awareness is not counted, whatever day it is.
 */
export const EMERGENCY_HOURS = 24;
export const INVESTIGATION_WORKING_DAYS = 10;
export const SUMMARY_WORKING_DAYS = 3;
export const SAFETY_WORK_WORKING_DAYS = 5;
export const WORKS_BEGUN_WORKING_DAYS = 5;
export const WORKS_ON_SITE_WEEKS = 12;

export const AWAABS_LAW_RULES = {
  'awaabsLaw.emergencyInvestigation': "Awaab's Law: investigate an emergency hazard within 24 hours of becoming aware of it",
  'awaabsLaw.emergencyAction': "Awaab's Law: make an emergency hazard safe (relevant safety work) within 24 hours of becoming aware of it",
  'awaabsLaw.investigation': "Awaab's Law: investigate a potential significant hazard within 10 working days of becoming aware of it",
  'awaabsLaw.summary': "Awaab's Law: give the resident a written summary within 3 working days of the investigation concluding",
  'awaabsLaw.safetyWork': "Awaab's Law: complete relevant safety work on a significant hazard within 5 working days of the investigation concluding",
  'awaabsLaw.worksBegun': "Awaab's Law: take steps to begin further works within 5 working days of the investigation concluding",
  'awaabsLaw.worksOnSite': "Awaab's Law: physically start further works within 12 weeks of the investigation concluding",
  'awaabsLaw.worksCompletion': "Awaab's Law: complete the works within a reasonable time (the date the landlord set)",
} as const;
export type AwaabsLawRule = keyof typeof AWAABS_LAW_RULES;

/** The working days of each working-day clock, for explanations. */
export const HAZARD_WORKING_DAYS: Readonly<Partial<Record<string, number>>> = {
  'awaabsLaw.investigation': INVESTIGATION_WORKING_DAYS,
  'awaabsLaw.summary': SUMMARY_WORKING_DAYS,
  'awaabsLaw.safetyWork': SAFETY_WORK_WORKING_DAYS,
  'awaabsLaw.worksBegun': WORKS_BEGUN_WORKING_DAYS,
};

/** Why a hazard is recorded with no clock. */
export const NOT_AN_ENGLISH_SOCIAL_LANDLORD =
  "Awaab's Law applies to social landlords in England; this organisation's setting says it is not one, so the hazard is recorded with no clocks";
