import { DomainError } from '../../domain-error.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import type { Complaint } from '../complaint.ts';
import { Missing, nextId } from '../input-checks.ts';
import { actionFrom, remedyFrom, type ActionInput, type RemedyInput } from './promises.ts';

/** Remedies and actions can be added after a response too: they are tracked to completion (domain §3). */
export function addRemedy(complaint: Complaint, input: RemedyInput, ctx: CommandContext): CommandResult {
  const at = begin('addRemedy', complaint, ctx);
  const missing = new Missing();
  const remedy = remedyFrom(input, 'remedy', missing, nextId('r', complaint.remedies), complaint.stage, at);
  missing.throwIfAny('remedy_incomplete', 'the remedy');
  return commit({ ...complaint, remedies: [...complaint.remedies, remedy] }, ctx, 'complaint.remedy_added', asJson(remedy));
}

export function addAction(complaint: Complaint, input: ActionInput, ctx: CommandContext): CommandResult {
  const at = begin('addAction', complaint, ctx);
  const missing = new Missing();
  const action = actionFrom(input, 'action', missing, nextId('a', complaint.actions), complaint.stage, at);
  missing.throwIfAny('action_incomplete', 'the action');
  return commit({ ...complaint, actions: [...complaint.actions, action] }, ctx, 'complaint.action_added', asJson(action));
}

export interface CompleteInput {
  id: string;
}

function complete<T extends { id: string; completedAt: string | null }>(items: T[], id: string, what: string, at: string): T[] {
  const item = items.find((i) => i.id === id);
  if (item === undefined) throw new DomainError('not_found', `${what}_not_found`, `no ${what} ${id} on this complaint`);
  if (item.completedAt !== null) throw new DomainError('conflict', `${what}_already_completed`, `${what} ${id} was completed at ${item.completedAt}`);
  return items.map((i) => (i.id === id ? { ...i, completedAt: at } : i));
}

export function completeRemedy(complaint: Complaint, input: CompleteInput, ctx: CommandContext): CommandResult {
  const at = begin('completeRemedy', complaint, ctx);
  const remedies = complete(complaint.remedies, input.id, 'remedy', at);
  return commit({ ...complaint, remedies }, ctx, 'complaint.remedy_completed', asJson({ id: input.id }));
}

export function completeAction(complaint: Complaint, input: CompleteInput, ctx: CommandContext): CommandResult {
  const at = begin('completeAction', complaint, ctx);
  const actions = complete(complaint.actions, input.id, 'action', at);
  return commit({ ...complaint, actions }, ctx, 'complaint.action_completed', asJson({ id: input.id }));
}
