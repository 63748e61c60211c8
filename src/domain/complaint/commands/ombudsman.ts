import type { IsoDate } from '../../calendar/index.ts';
import { DomainError } from '../../domain-error.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import type { Complaint } from '../complaint.ts';
import type { ComplaintEventType } from '../events.ts';
import { isoDate, isText, Missing, nextId, textOrNull } from '../input-checks.ts';

/** What the Housing Ombudsman did, recorded as it happens (domain §6). */
export type OmbudsmanInput =
  | { kind: 'referral'; ombudsmanRef?: string | null }
  | { kind: 'evidence_request'; description: string; dueDate?: IsoDate | null }
  | { kind: 'evidence_provided'; requestId: string }
  | { kind: 'determination'; findings: string[]; orders?: string[] };

const EVENT: Record<OmbudsmanInput['kind'], ComplaintEventType> = {
  referral: 'complaint.ombudsman_referred',
  evidence_request: 'complaint.ombudsman_evidence_requested',
  evidence_provided: 'complaint.ombudsman_evidence_provided',
  determination: 'complaint.ombudsman_determined',
};

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
      const findings = Array.isArray(input.findings) ? input.findings.filter(isText) : [];
      if (findings.length === 0) missing.add('findings', 'the determination’s findings are required');
      missing.throwIfAny('ombudsman_incomplete', 'the determination');
      return { ...record, determination: { at, findings, orders: (input.orders ?? []).filter(isText) } };
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
