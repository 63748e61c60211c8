import { DomainError } from '../../domain-error.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import { stageKey, type Complaint } from '../complaint.ts';
import type { LogComplaintInput } from '../intake.ts';
import { Missing, nextId } from '../input-checks.ts';
import { raisedComplaint } from '../informal.ts';
import { logComplaint, type LogContext } from './log.ts';

export interface AddMatterInput {
  summary: string;
}

/** New matters join the complaint until the current stage's response is sent; after it they are a new, linked complaint (domain §3). */
export function addMatter(complaint: Complaint, input: AddMatterInput, ctx: CommandContext): CommandResult {
  const at = begin('addMatter', complaint, ctx);
  if (complaint.responses[stageKey(complaint.stage)] !== null) {
    throw new DomainError(
      'conflict',
      'response_already_sent',
      `the stage ${complaint.stage} response has been sent: raise the new matter as a new complaint linked to ${complaint.reference}`,
    );
  }
  const missing = new Missing();
  missing.text(input.summary, 'summary');
  missing.throwIfAny('matter_incomplete', 'the matter');
  const matter = { id: nextId('m', complaint.matters), summary: input.summary.trim(), stage: complaint.stage, addedAt: at };
  return commit({ ...complaint, matters: [...complaint.matters, matter] }, ctx, 'complaint.matter_added', asJson(matter));
}

export interface LinkComplaintInput {
  complaintId: string;
}

export function linkComplaint(complaint: Complaint, input: LinkComplaintInput, ctx: CommandContext): CommandResult {
  begin('linkComplaint', complaint, ctx);
  const missing = new Missing();
  missing.text(input.complaintId, 'complaintId');
  missing.throwIfAny('link_incomplete', 'the link');
  if (input.complaintId === complaint.id) throw new DomainError('conflict', 'self_link', 'a complaint cannot be linked to itself');
  const ids = complaint.linkedComplaintIds.includes(input.complaintId) ? complaint.linkedComplaintIds : [...complaint.linkedComplaintIds, input.complaintId];
  return commit({ ...complaint, linkedComplaintIds: ids }, ctx, 'complaint.linked', asJson({ complaintId: input.complaintId }));
}

/** The new complaint's own parts; who complains and about what area is carried over from the original. */
export type OpenLinkedComplaintInput = Pick<LogComplaintInput, 'receivedAt' | 'description'> &
  Partial<Pick<LogComplaintInput, 'channel' | 'matters' | 'outcomesSought' | 'category' | 'serviceArea' | 'externalRef'>>;

/**
 * A matter raised after a response becomes a new complaint linked both ways:
 * returns the original with the link and the new complaint (its own clocks).
 */
export function openLinkedComplaint(
  original: Complaint,
  input: OpenLinkedComplaintInput,
  ctx: LogContext,
): { original: CommandResult; linked: CommandResult } {
  const logInput: LogComplaintInput = {
    channel: input.channel ?? original.channel,
    receivedAt: input.receivedAt,
    complainant: original.complainant,
    representative: original.representative,
    vulnerability: original.vulnerability,
    urgency: original.urgency,
    category: input.category ?? original.category,
    serviceArea: input.serviceArea ?? original.serviceArea,
    description: input.description,
    outcomesSought: input.outcomesSought ?? [],
    externalRef: input.externalRef ?? null,
    serviceRequestRef: original.serviceRequestRef,
    matters: input.matters ?? [],
    linkedFrom: original.id,
  };
  const linked = logComplaint(logInput, ctx);
  // From an informal record (informal.ts) the complaint is raised while a support request carries on (Code §1.4–1.5).
  const link = original.informal != null ? raisedComplaint(original, ctx.id, ctx) : linkComplaint(original, { complaintId: ctx.id }, ctx);
  return { original: link, linked };
}
