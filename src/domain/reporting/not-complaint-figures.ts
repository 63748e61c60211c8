/**
 * Figures the performance report gives beside the complaints, about things that are not
 * complaints: informal resolutions and support requests, and contact restrictions.
 */
export interface InformalFigures {
  received: number;
  resolved: number;
  /** How many became (at least one) stage 1 complaint. */
  becameComplaints: number;
  /** Still open and neither resolved nor raised as a complaint. */
  open: number;
}

export interface InformalTallies {
  informalResolutions: InformalFigures;
  supportRequests: InformalFigures;
}

export interface RestrictionFigures {
  /** Restrictions that started in the period (one per complaint it was recorded on). */
  started: number;
  /** Distinct residents (by residentRef; a restriction without one counts per complaint). */
  residents: number;
  /** Of those, how many have ended. */
  ended: number;
}
