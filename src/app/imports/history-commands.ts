import * as d from '../../domain/complaint/index.ts';
import type { CommandContext, CommandResult, Complaint } from '../../domain/complaint/index.ts';

type Input = Record<string, unknown>;
type Apply = (complaint: Complaint, input: Input, ctx: CommandContext) => CommandResult;

/**
 * The commands a history line may hold, named as the live POST paths
 * (/v1/complaints/{id}/<name>), with the live bodies; the item of a completion is `id`.
 * Each is the domain command the live route applies, so the rules are the same.
 */
export const HISTORY_COMMANDS: Record<string, Apply> = {
  acknowledge: (c, i, x) => d.acknowledge(c, i, x),
  'acknowledge-stage-2': (c, i, x) => d.acknowledgeStage2(c, i, x),
  decline: (c, i, x) => d.decline(c, i as never, x),
  assign: (c, i, x) => d.assign(c, i as never, x),
  contacts: (c, i, x) => d.logContact(c, i as never, x),
  matters: (c, i, x) => d.addMatter(c, i as never, x),
  extend: (c, i, x) => d.extend(c, i as never, x),
  respond: (c, i, x) => d.respond(c, i, x),
  escalate: (c, i, x) => d.escalate(c, i, x),
  'refuse-escalation': (c, i, x) => d.refuseEscalation(c, i as never, x),
  withdraw: (c, i, x) => d.withdraw(c, i, x),
  close: (c, i, x) => d.close(c, i as never, x),
  reopen: (c, i, x) => d.reopen(c, i as never, x),
  remedies: (c, i, x) => d.addRemedy(c, i as never, x),
  actions: (c, i, x) => d.addAction(c, i as never, x),
  'complete-remedy': (c, i, x) => d.completeRemedy(c, { id: String(i.id) }, x),
  'complete-action': (c, i, x) => d.completeAction(c, { id: String(i.id) }, x),
  ombudsman: (c, i, x) => d.recordOmbudsman(c, i as never, x),
};
