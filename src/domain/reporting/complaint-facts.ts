import { londonDateOf, type IsoDate } from '../calendar/index.ts';
import type { Channel, ComplaintStatus, Complaint, Outcome, RemedyType, StageResponse } from '../complaint/index.ts';
import type { OmbudsmanOrderType } from '../ombudsman/ombudsman-case.ts';

/**
 * What the reports need to know about one complaint, as plain data: London dates,
 * never instants, and none of the resident's personal details. The store extracts
 * these with SQL; `factsOf` derives the same from an aggregate (for tests and tools).
 */
export interface ExtensionFacts {
  decidedOn: IsoDate;
  residentToldOn: IsoDate;
  reason: string;
  previousDueDate: IsoDate;
  newDueDate: IsoDate;
  goodReason: string | null;
}

export interface StageFacts {
  /** Stage 1: the London date the complaint was received; stage 2: the date the escalation was requested. */
  startedOn: IsoDate;
  acknowledgedOn: IsoDate | null;
  handler: string | null;
  respondedOn: IsoDate | null;
  /** The response's overall decision: every matter upheld, none upheld, or partly. */
  outcome: Outcome | null;
  /** The response stated the definition, a reasoned decision per matter and the way to escalate (Code §6.9, §6.19). */
  responseComplete: boolean | null;
  extensions: ExtensionFacts[];
}

export interface DeclineFacts {
  on: IsoDate;
  ground: string;
  explained: boolean;
  ombudsmanRightGiven: boolean;
  discretionConsidered: boolean;
}

export interface ComplaintFacts {
  id: string;
  reference: string;
  status: ComplaintStatus;
  channel: Channel;
  category: string | null;
  serviceArea: string | null;
  receivedOn: IsoDate;
  stage1: StageFacts;
  /** null when the resident never asked for stage 2. */
  stage2: StageFacts | null;
  escalationRefusal: { on: IsoDate; ground: string; explained: boolean; ombudsmanRightGiven: boolean } | null;
  decline: DeclineFacts | null;
  withdrawnOn: IsoDate | null;
  closedOn: IsoDate | null;
  remedies: { type: RemedyType; compensationPence: number; refundPence: number }[];
  ombudsmanDetermination: { on: IsoDate; findings: string[] } | null;
  /** The Ombudsman's orders and recommendations: due date and the London date complied with. */
  ombudsmanOrders: OrderFacts[];
}

export interface OrderFacts {
  type: OmbudsmanOrderType;
  dueDate: IsoDate | null;
  completedOn: IsoDate | null;
}

/** All matters upheld: upheld; none: not upheld; anything else: partly upheld. */
export function overallOutcome(outcomes: readonly Outcome[]): Outcome | null {
  if (outcomes.length === 0) return null;
  if (outcomes.every((o) => o === 'upheld')) return 'upheld';
  if (outcomes.every((o) => o === 'not_upheld')) return 'not_upheld';
  return 'partly_upheld';
}

function responseComplete(response: StageResponse): boolean {
  return (
    response.definition.trim() !== '' &&
    response.decisions.length > 0 &&
    response.decisions.every((d) => d.reasons.trim() !== '') &&
    response.escalationExplained === true
  );
}

function stageFacts(complaint: Complaint, stage: 1 | 2, startedOn: IsoDate): StageFacts {
  const key = stage === 1 ? 'stage1' : 'stage2';
  const ack = complaint.acknowledgements[key];
  const response = complaint.responses[key];
  return {
    startedOn,
    acknowledgedOn: ack ? londonDateOf(ack.at) : null,
    handler: ack?.handler ?? complaint.handlers[key],
    respondedOn: response ? londonDateOf(response.sentAt) : null,
    outcome: response ? overallOutcome(response.decisions.map((d) => d.outcome)) : null,
    responseComplete: response ? responseComplete(response) : null,
    extensions: complaint.extensions
      .filter((e) => e.stage === stage)
      .map((e) => ({
        decidedOn: londonDateOf(e.decidedAt),
        residentToldOn: londonDateOf(e.residentToldAt),
        reason: e.reason,
        previousDueDate: e.previousDueDate,
        newDueDate: e.newDueDate,
        goodReason: e.goodReason,
      })),
  };
}

export function factsOf(complaint: Complaint): ComplaintFacts {
  const { decline, escalation, escalationRefusal: refusal, ombudsman } = complaint;
  return {
    id: complaint.id,
    reference: complaint.reference,
    status: complaint.status,
    channel: complaint.channel,
    category: complaint.category,
    serviceArea: complaint.serviceArea,
    receivedOn: londonDateOf(complaint.receivedAt),
    stage1: stageFacts(complaint, 1, londonDateOf(complaint.receivedAt)),
    stage2: escalation ? stageFacts(complaint, 2, londonDateOf(escalation.requestedAt)) : null,
    escalationRefusal: refusal
      ? { on: londonDateOf(refusal.at), ground: refusal.ground, explained: refusal.explanation.trim() !== '', ombudsmanRightGiven: refusal.ombudsmanRightGiven === true }
      : null,
    decline: decline
      ? {
          on: londonDateOf(decline.at),
          ground: decline.ground,
          explained: decline.explanation.trim() !== '',
          ombudsmanRightGiven: decline.ombudsmanRightGiven === true,
          discretionConsidered: decline.discretionConsidered,
        }
      : null,
    withdrawnOn: complaint.withdrawal ? londonDateOf(complaint.withdrawal.at) : null,
    closedOn: complaint.closure ? londonDateOf(complaint.closure.at) : null,
    remedies: complaint.remedies.map((r) => ({ type: r.type, compensationPence: r.compensationPence, refundPence: r.refundPence })),
    ombudsmanDetermination: ombudsman.determination ? { on: londonDateOf(ombudsman.determination.at), findings: ombudsman.determination.findings } : null,
    ombudsmanOrders: ombudsman.orders.map((o) => ({ type: o.type, dueDate: o.dueDate, completedOn: o.completedAt === null ? null : londonDateOf(o.completedAt) })),
  };
}
