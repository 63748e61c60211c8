import { DomainError } from '../../domain-error.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import type { Stage } from '../complaint-parts.ts';
import { stageKey, type Complaint } from '../complaint.ts';
import { Missing } from '../input-checks.ts';
import { assertDifferentHandlers } from './acknowledge.ts';

export interface AssignInput {
  handler: string;
  stage: Stage;
}

/** (Re)assigns the current stage's handler; a stage that is over keeps the handler it had. */
export function assign(complaint: Complaint, input: AssignInput, ctx: CommandContext): CommandResult {
  begin('assign', complaint, ctx);
  const missing = new Missing();
  missing.text(input.handler, 'handler');
  missing.throwIfAny('assignment_incomplete', 'the assignment');
  if (input.stage !== 1 && input.stage !== 2) throw new DomainError('invalid_input', 'invalid_stage', 'stage must be 1 or 2', [{ field: 'stage', message: 'must be 1 or 2' }]);
  if (input.stage !== complaint.stage) {
    throw new DomainError('conflict', 'wrong_stage', `the complaint is at stage ${complaint.stage}; a stage ${input.stage} handler cannot be assigned now`);
  }
  const handler = input.handler.trim();
  const handlers = { ...complaint.handlers, [stageKey(input.stage)]: handler };
  assertDifferentHandlers(handlers.stage1, handlers.stage2);
  return commit({ ...complaint, handlers }, ctx, 'complaint.assigned', asJson({ stage: input.stage, handler, previous: complaint.handlers[stageKey(input.stage)] }));
}
