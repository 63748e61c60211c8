import { londonDateOf, type IsoDate } from '../calendar/index.ts';
import { ENDED_STATUSES, type Complaint } from '../complaint/index.ts';
import { addMonths } from './add-months.ts';

// When a complaint's personal data must be kept whatever the resident or the schedule
// says (domain §6): while the complaint is open, while the Ombudsman's case is open, for the
// 12 months after the landlord's final word in which the resident may refer it to the
// Ombudsman (domain §3), and while an admin has put it on hold.

export type LegalHoldCode = 'complaint_open' | 'ombudsman_case_open' | 'ombudsman_referral_window' | 'admin_hold';

export interface LegalHold {
  code: LegalHoldCode;
  detail: string;
  /** The last day it applies, when it ends by itself. */
  until: IsoDate | null;
}

export interface AdminHold {
  reason: string;
  setBy: string;
  setAt: string;
}

/** Months after the final response in which the resident may refer the complaint to the Ombudsman. */
export const OMBUDSMAN_REFERRAL_MONTHS = 12;

/**
 * The landlord's final word: the stage 2 response; for a complaint that ended without one,
 * the refusal to escalate, the decline or the closure (each tells the resident of the
 * Ombudsman right). A withdrawn complaint has none.
 */
export function finalResponseAt(c: Complaint): string | null {
  if (c.responses.stage2) return c.responses.stage2.sentAt;
  if (c.status === 'withdrawn') return null;
  return c.escalationRefusal?.at ?? c.decline?.at ?? c.closure?.at ?? null;
}

/**
 * Open at the Ombudsman: referred, and either not yet determined or with an order or
 * recommendation not yet complied with (the case closes when the last one is).
 */
function ombudsmanCaseOpen(c: Complaint): boolean {
  const o = c.ombudsman as Complaint['ombudsman'] & { orders?: { completedAt: string | null }[] };
  if (o.referral === null && o.determination === null) return false;
  return o.determination === null || (o.orders ?? []).some((order) => order.completedAt === null);
}

export function legalHoldsOn(c: Complaint, adminHold: AdminHold | null, today: IsoDate): LegalHold[] {
  const holds: LegalHold[] = [];
  if (!ENDED_STATUSES.includes(c.status)) holds.push({ code: 'complaint_open', detail: `the complaint is ${c.status.replaceAll('_', ' ')}`, until: null });
  if (ombudsmanCaseOpen(c)) holds.push({ code: 'ombudsman_case_open', detail: 'the Ombudsman case is not closed (not yet determined, or an order not yet complied with)', until: null });
  const final = finalResponseAt(c);
  if (final !== null && ENDED_STATUSES.includes(c.status)) {
    const until = addMonths(londonDateOf(final), OMBUDSMAN_REFERRAL_MONTHS);
    if (today <= until) holds.push({ code: 'ombudsman_referral_window', detail: `the resident may refer it to the Ombudsman until ${until}`, until });
  }
  if (adminHold) holds.push({ code: 'admin_hold', detail: `held by an administrator: ${adminHold.reason}`, until: null });
  return holds;
}
