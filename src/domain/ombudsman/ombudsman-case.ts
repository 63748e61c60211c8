import type { IsoDate } from '../calendar/index.ts';
import type { Instant } from '../complaint/complaint-parts.ts';

/**
 * The Housing Ombudsman's scale of findings, one per issue it investigated; outside
 * jurisdiction and resolved by the landlord (reasonable redress) are the findings it
 * makes on an issue it does not decide on its merits (domain §6).
 */
export const OMBUDSMAN_FINDINGS = [
  'no_maladministration',
  'service_failure',
  'maladministration',
  'severe_maladministration',
  'outside_jurisdiction',
  'resolved_by_landlord',
] as const;
export type OmbudsmanFinding = (typeof OMBUDSMAN_FINDINGS)[number];

/** Findings against the landlord: the ones the Ombudsman publishes as failures. */
export const ADVERSE_FINDINGS: readonly OmbudsmanFinding[] = ['service_failure', 'maladministration', 'severe_maladministration'];

export interface OmbudsmanIssueFinding {
  issue: string;
  finding: OmbudsmanFinding;
}

/** An order binds the landlord (its non-compliance is published); a recommendation does not. */
export const OMBUDSMAN_ORDER_TYPES = ['order', 'recommendation'] as const;
export type OmbudsmanOrderType = (typeof OMBUDSMAN_ORDER_TYPES)[number];

export interface OmbudsmanOrder {
  id: string;
  type: OmbudsmanOrderType;
  description: string;
  /** When the determination made it. */
  madeAt: Instant;
  /** The date the Ombudsman set for compliance; an order past it unmet is an SLA breach. */
  dueDate: IsoDate | null;
  /** What shows the landlord complied (sent to the Ombudsman). */
  evidence: string | null;
  completedAt: Instant | null;
}

/** Complied on or before the due date, by the London date of completion (domain §4). */
export function compliedOnTime(order: Pick<OmbudsmanOrder, 'dueDate' | 'completedAt'>, londonDateOf: (i: Instant) => IsoDate): boolean {
  return order.completedAt !== null && (order.dueDate === null || londonDateOf(order.completedAt) <= order.dueDate);
}
