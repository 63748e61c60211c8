import { receiptDate } from '../../calendar/index.ts';
import { DomainError } from '../../domain-error.ts';
import { asJson, assertTiming, instantOf, type CommandContext, type CommandResult } from '../command-context.ts';
import { CHANNELS } from '../complaint-parts.ts';
import type { Complaint } from '../complaint.ts';
import { awaabsLawApplies } from './hazards.ts';
import { informalRecordFor } from '../informal.ts';
import { complainantOf, hazardOf, hazardsOf, representativeOf, urgencyOf, vulnerabilityOf, type LogComplaintInput } from '../intake.ts';
import { instant, isoDate, isText, Missing, oneOf, textOrNull } from '../input-checks.ts';

/** The identity the store allocates; `policyVersion` is the version in force at receipt (domain §5). */
export interface LogContext extends CommandContext {
  id: string;
  reference: string;
  organisationId: string;
  policyVersion: number;
}

/**
 * Logs a complaint. `ctx.occurredAt` is when it was logged; `receivedAt` (the
 * input) when the landlord received it, which starts the stage 1 clocks. The
 * complaint's history starts at its receipt, not at its entry here: a CRM that
 * syncs a day late must still be able to record yesterday's acknowledgement,
 * so later commands may be dated back to `receivedAt`, never before it.
 */
export function logComplaint(input: LogComplaintInput, ctx: LogContext): CommandResult {
  assertTiming(ctx, null);
  const loggedAt = instantOf(ctx.occurredAt, 'occurredAt');
  const receivedAt = instant(input.receivedAt, 'receivedAt');
  if (Date.parse(receivedAt) > ctx.occurredAt.getTime()) {
    throw new DomainError('conflict', 'received_after_logged', `receivedAt ${receivedAt} is after the complaint was logged (${loggedAt})`);
  }
  const channel = oneOf(CHANNELS, input.channel, 'channel', 'invalid_channel');
  const missing = new Missing();
  missing.text(input.description, 'description');
  const representative = representativeOf(input.representative, missing);
  const hazard = hazardOf(input.hazard, missing);
  const summaries = (input.matters ?? []).filter(isText);
  missing.throwIfAny('complaint_incomplete', 'the complaint');
  const issueOccurredOn = input.issueOccurredOn == null ? null : isoDate(input.issueOccurredOn, 'issueOccurredOn');
  const matterSummaries = summaries.length > 0 ? summaries : [input.description];
  const complaint: Complaint = {
    id: ctx.id,
    reference: ctx.reference,
    organisationId: ctx.organisationId,
    policyVersion: ctx.policyVersion,
    status: 'received',
    stage: 1,
    channel,
    receivedAt,
    receiptDate: receiptDate(receivedAt, ctx.calendar, ctx.policy.counting.receiptCutOff ?? undefined),
    loggedAt,
    issueOccurredOn,
    complainant: complainantOf(input.complainant),
    representative,
    vulnerability: vulnerabilityOf(input.vulnerability),
    urgency: urgencyOf(input.urgency),
    category: textOrNull(input.category),
    serviceArea: textOrNull(input.serviceArea),
    description: input.description,
    outcomesSought: (input.outcomesSought ?? []).filter(isText),
    externalRef: textOrNull(input.externalRef),
    serviceRequestRef: textOrNull(input.serviceRequestRef),
    hazard,
    hazards: hazardsOf(input.hazard, hazard, receivedAt, awaabsLawApplies(ctx)),
    definition: null,
    handlers: { stage1: null, stage2: null },
    acknowledgements: { stage1: null, stage2: null },
    matters: matterSummaries.map((summary, i) => ({ id: `m${i + 1}`, summary, stage: 1, addedAt: receivedAt })),
    contacts: [],
    extensions: [],
    responses: { stage1: null, stage2: null },
    remedies: [],
    actions: [],
    escalation: null,
    escalationRefusal: null,
    decline: null,
    withdrawal: null,
    closure: null,
    reopenings: [],
    linkedFrom: textOrNull(input.linkedFrom),
    linkedComplaintIds: isText(input.linkedFrom) ? [input.linkedFrom] : [],
    informal: informalRecordFor(input.informal, ctx.policy),
    ombudsman: { referral: null, evidenceRequests: [], determination: null, orders: [] },
    version: 1,
    lastEventAt: receivedAt,
  };
  const event = {
    type: 'complaint.logged' as const,
    complaintId: complaint.id,
    version: 1,
    occurredAt: receivedAt,
    recordedAt: ctx.recordedAt.toISOString(),
    actor: ctx.actor,
    data: asJson({ ...input, receivedAt, loggedAt, receiptDate: complaint.receiptDate, policyVersion: ctx.policyVersion }),
  };
  return { complaint, events: [event] };
}
