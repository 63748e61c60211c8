import { DomainError } from '../../domain-error.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import type { Complaint } from '../complaint.ts';
import { isText, Missing } from '../input-checks.ts';
import { targetStatus } from '../transitions.ts';

/** At acknowledgement the landlord sets out its understanding and the outcomes sought (Code §6.2, §6.9). */
export interface AcknowledgeInput {
  definition?: string;
  outcomesSought?: string[];
  handler?: string;
}

function checkAcknowledgement(input: AcknowledgeInput, stage: 1 | 2): Missing {
  const missing = new Missing();
  missing.text(input.definition, 'definition', 'the complaint definition (the landlord’s understanding of the complaint) is required');
  if (!Array.isArray(input.outcomesSought) || !input.outcomesSought.some(isText)) {
    missing.add('outcomesSought', 'the outcomes the resident seeks are required');
  }
  missing.text(input.handler, 'handler', `a stage ${stage} handler is required`);
  return missing;
}

/** §6.13: the person who handled stage 1 must not handle stage 2. */
export function assertDifferentHandlers(stage1: string | null, stage2: string | null): void {
  if (stage1 !== null && stage2 !== null && stage1.trim().toLowerCase() === stage2.trim().toLowerCase()) {
    throw new DomainError('conflict', 'same_handler_at_stage_2', `${stage2} handled stage 1 and cannot handle stage 2 (Code §6.13)`);
  }
}

export function acknowledge(complaint: Complaint, input: AcknowledgeInput, ctx: CommandContext): CommandResult {
  const at = begin('acknowledge', complaint, ctx);
  checkAcknowledgement(input, 1).throwIfAny('acknowledgement_incomplete', 'the acknowledgement');
  const definition = input.definition!.trim();
  const outcomesSought = input.outcomesSought!.filter(isText);
  const handler = input.handler!.trim();
  assertDifferentHandlers(handler, complaint.handlers.stage2);
  const next: Complaint = {
    ...complaint,
    status: targetStatus('acknowledge', complaint),
    definition,
    outcomesSought,
    handlers: { ...complaint.handlers, stage1: handler },
    acknowledgements: { ...complaint.acknowledgements, stage1: { at, definition, outcomesSought, handler } },
  };
  return commit(next, ctx, 'complaint.acknowledged', asJson({ stage: 1, definition, outcomesSought, handler }));
}

/** The stage 2 acknowledgement restates the definition for stage 2 and names a new handler. */
export function acknowledgeStage2(complaint: Complaint, input: AcknowledgeInput, ctx: CommandContext): CommandResult {
  const at = begin('acknowledgeStage2', complaint, ctx);
  checkAcknowledgement(input, 2).throwIfAny('acknowledgement_incomplete', 'the stage 2 acknowledgement');
  const definition = input.definition!.trim();
  const outcomesSought = input.outcomesSought!.filter(isText);
  const handler = input.handler!.trim();
  assertDifferentHandlers(complaint.handlers.stage1, handler);
  const next: Complaint = {
    ...complaint,
    status: targetStatus('acknowledgeStage2', complaint),
    definition,
    outcomesSought,
    handlers: { ...complaint.handlers, stage2: handler },
    acknowledgements: { ...complaint.acknowledgements, stage2: { at, definition, outcomesSought, handler } },
  };
  return commit(next, ctx, 'complaint.stage_2_acknowledged', asJson({ stage: 2, definition, outcomesSought, handler }));
}
