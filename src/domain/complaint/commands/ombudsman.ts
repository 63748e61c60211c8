import type { IsoDate } from '../../calendar/index.ts';
import { DomainError } from '../../domain-error.ts';
import { OMBUDSMAN_FINDINGS, OMBUDSMAN_ORDER_TYPES, type OmbudsmanIssueFinding, type OmbudsmanOrder } from '../../ombudsman/ombudsman-case.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import type { Complaint } from '../complaint.ts';
import type { ComplaintEventType } from '../events.ts';
import { isoDate, isText, Missing, nextId, oneOf, textOrNull } from '../input-checks.ts';

/** An order or recommendation as the determination gives it; a bare string is an order with no due date (the older shape). */
export type OrderInput = string | { type?: OmbudsmanOrder['type']; description: string; dueDate?: IsoDate | null };

/** What the Housing Ombudsman did, recorded as it happens (domain §6). */
export type OmbudsmanInput =
  | { kind: 'referral'; ombudsmanRef?: string | null }
  | { kind: 'evidence_request'; description: string; dueDate?: IsoDate | null }
  | { kind: 'evidence_provided'; requestId: string }
  | { kind: 'determination'; issues?: OmbudsmanIssueFinding[]; findings?: string[]; orders?: OrderInput[] };

const EVENT: Record<OmbudsmanInput['kind'], ComplaintEventType> = {
  referral: 'complaint.ombudsman_referred',
  evidence_request: 'complaint.ombudsman_evidence_requested',
  evidence_provided: 'complaint.ombudsman_evidence_provided',
  determination: 'complaint.ombudsman_determined',
};

function issuesOf(input: OmbudsmanIssueFinding[] | undefined, missing: Missing): OmbudsmanIssueFinding[] {
  return (input ?? []).map((i, n) => {
    missing.text(i.issue, `issues[${n}].issue`);
    return { issue: typeof i.issue === 'string' ? i.issue.trim() : '', finding: oneOf(OMBUDSMAN_FINDINGS, i.finding, `issues[${n}].finding`) };
  });
}

function ordersOf(input: OrderInput[] | undefined, at: string, missing: Missing): OmbudsmanOrder[] {
  const orders: OmbudsmanOrder[] = [];
  (input ?? []).forEach((o, n) => {
    const given = typeof o === 'string' ? { description: o } : o;
    if (!isText(given.description)) {
      // A blank string was dropped by the older shape; a blank description in the new one is missing.
      if (typeof o !== 'string') missing.add(`orders[${n}].description`, 'is required');
      return;
    }
    const type = given.type === undefined ? 'order' : oneOf(OMBUDSMAN_ORDER_TYPES, given.type, `orders[${n}].type`);
    const dueDate = given.dueDate == null ? null : isoDate(given.dueDate, `orders[${n}].dueDate`);
    orders.push({ id: nextId('o', orders), type, description: given.description.trim(), madeAt: at, dueDate, evidence: null, completedAt: null });
  });
  return orders;
}

function apply(complaint: Complaint, input: OmbudsmanInput, at: string): Complaint['ombudsman'] {
  const record = complaint.ombudsman;
  const missing = new Missing();
  switch (input.kind) {
    case 'referral':
      return { ...record, referral: { at, ombudsmanRef: textOrNull(input.ombudsmanRef) } };
    case 'evidence_request': {
      missing.text(input.description, 'description');
      missing.throwIfAny('ombudsman_incomplete', 'the evidence request');
      const dueDate = input.dueDate == null ? null : isoDate(input.dueDate, 'dueDate');
      const request = { id: nextId('e', record.evidenceRequests), requestedAt: at, description: input.description.trim(), dueDate, providedAt: null };
      return { ...record, evidenceRequests: [...record.evidenceRequests, request] };
    }
    case 'evidence_provided': {
      const request = record.evidenceRequests.find((e) => e.id === input.requestId);
      if (request === undefined) throw new DomainError('not_found', 'evidence_request_not_found', `no evidence request ${input.requestId}`);
      if (request.providedAt !== null) throw new DomainError('conflict', 'evidence_already_provided', `evidence for ${input.requestId} was provided at ${request.providedAt}`);
      return { ...record, evidenceRequests: record.evidenceRequests.map((e) => (e.id === input.requestId ? { ...e, providedAt: at } : e)) };
    }
    case 'determination': {
      if (record.determination !== null) throw new DomainError('conflict', 'already_determined', `the Ombudsman's determination was recorded at ${record.determination.at}`);
      const issues = issuesOf(input.issues, missing);
      const findings = issues.length > 0 ? issues.map((i) => i.finding) : Array.isArray(input.findings) ? input.findings.filter(isText) : [];
      if (findings.length === 0) missing.add('issues', 'a finding per issue is required');
      const orders = ordersOf(input.orders, at, missing);
      missing.throwIfAny('ombudsman_incomplete', 'the determination');
      return { ...record, determination: { at, issues, findings, orders: orders.map((o) => o.description) }, orders };
    }
    default:
      throw new DomainError('invalid_input', 'invalid_value', 'kind must be referral, evidence_request, evidence_provided or determination');
  }
}

export function recordOmbudsman(complaint: Complaint, input: OmbudsmanInput, ctx: CommandContext): CommandResult {
  const at = begin('recordOmbudsman', complaint, ctx);
  const ombudsman = apply(complaint, input, at);
  return commit({ ...complaint, ombudsman }, ctx, EVENT[input.kind], asJson(input));
}

export interface CompleteOrderInput {
  id: string;
  evidence: string;
}

/** The landlord complied with an order or recommendation: when (occurredAt) and the evidence sent to the Ombudsman. */
export function completeOmbudsmanOrder(complaint: Complaint, input: CompleteOrderInput, ctx: CommandContext): CommandResult {
  const at = begin('completeOmbudsmanOrder', complaint, ctx);
  const order = complaint.ombudsman.orders.find((o) => o.id === input.id);
  if (order === undefined) throw new DomainError('not_found', 'order_not_found', `no Ombudsman order ${input.id} on this complaint`);
  if (order.completedAt !== null) throw new DomainError('conflict', 'order_already_completed', `order ${input.id} was completed at ${order.completedAt}`);
  const missing = new Missing();
  missing.text(input.evidence, 'evidence', 'the evidence of compliance is required');
  missing.throwIfAny('order_incomplete', 'the completion');
  const orders = complaint.ombudsman.orders.map((o) => (o.id === input.id ? { ...o, completedAt: at, evidence: input.evidence.trim() } : o));
  return commit({ ...complaint, ombudsman: { ...complaint.ombudsman, orders } }, ctx, 'complaint.ombudsman_order_completed', asJson({ id: input.id, evidence: input.evidence.trim() }));
}
