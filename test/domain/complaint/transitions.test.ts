import t from 'tap';
import {
  acknowledge,
  acknowledgeStage2,
  addAction,
  addMatter,
  addRemedy,
  assign,
  canApply,
  close,
  COMPLAINT_STATUSES,
  completeAction,
  completeRemedy,
  considerDecline,
  decline,
  escalate,
  extend,
  linkComplaint,
  logContact,
  recordOmbudsman,
  refuseEscalation,
  reopen,
  resolveInformally,
  respond,
  restrictContact,
  reviewContactRestriction,
  endContactRestriction,
  TRANSITIONS,
  withdraw,
  completeOmbudsmanOrder,
  recordHazardStep,
  reportHazard,
  type CommandContext,
  type CommandName,
  type CommandResult,
  type Complaint,
} from '../../../src/domain/complaint/index.ts';
import { aComplaint, errorOf, Story } from './builders.ts';

// Inputs are irrelevant here: the transition is checked before anything else.
const COMMANDS: Record<CommandName, (c: Complaint, ctx: CommandContext) => CommandResult> = {
  acknowledge: (c, ctx) => acknowledge(c, {}, ctx),
  decline: (c, ctx) => decline(c, { ground: 'legal_proceedings' }, ctx),
  considerDecline: (c, ctx) => considerDecline(c, {}, ctx),
  resolveInformally: (c, ctx) => resolveInformally(c, {}, ctx),
  restrictContact: (c, ctx) => restrictContact(c, {}, ctx),
  reviewContactRestriction: (c, ctx) => reviewContactRestriction(c, { id: 'cr9' }, ctx),
  endContactRestriction: (c, ctx) => endContactRestriction(c, { id: 'cr9' }, ctx),
  assign: (c, ctx) => assign(c, { handler: 'x', stage: 1 }, ctx),
  logContact: (c, ctx) => logContact(c, { direction: 'inbound', channel: 'phone', summary: 's' }, ctx),
  addMatter: (c, ctx) => addMatter(c, { summary: 's' }, ctx),
  linkComplaint: (c, ctx) => linkComplaint(c, { complaintId: 'other' }, ctx),
  extend: (c, ctx) => extend(c, { newDueDate: '2027-01-01' }, ctx),
  respond: (c, ctx) => respond(c, {}, ctx),
  escalate: (c, ctx) => escalate(c, {}, ctx),
  refuseEscalation: (c, ctx) => refuseEscalation(c, { ground: 'outside_policy_remit' }, ctx),
  acknowledgeStage2: (c, ctx) => acknowledgeStage2(c, {}, ctx),
  withdraw: (c, ctx) => withdraw(c, {}, ctx),
  close: (c, ctx) => close(c, { reason: 'landlord_discretion' }, ctx),
  reopen: (c, ctx) => reopen(c, { discretion: '' }, ctx),
  addRemedy: (c, ctx) => addRemedy(c, { type: 'apology', description: '' }, ctx),
  completeRemedy: (c, ctx) => completeRemedy(c, { id: 'r9' }, ctx),
  addAction: (c, ctx) => addAction(c, { description: '', owner: '', dueDate: '' }, ctx),
  completeAction: (c, ctx) => completeAction(c, { id: 'a9' }, ctx),
  recordOmbudsman: (c, ctx) => recordOmbudsman(c, { kind: 'referral' }, ctx),
  completeOmbudsmanOrder: (c, ctx) => completeOmbudsmanOrder(c, { id: 'o9', evidence: 'e' }, ctx),
  reportHazard: (c, ctx) => reportHazard(c, { kind: 'damp_and_mould', description: 'd' }, ctx),
  recordHazardStep: (c, ctx) => recordHazardStep(c, { hazardId: 'h9', step: 'made_safe' }, ctx),
};

const s = new Story();
const ctx = s.ctx('2026-12-17T10:00:00Z');

t.test('every command is refused, naming itself and the status, from every status not in its row', async (t) => {
  for (const [name, run] of Object.entries(COMMANDS) as [CommandName, (c: Complaint, ctx: CommandContext) => CommandResult][]) {
    for (const status of COMPLAINT_STATUSES) {
      const complaint = aComplaint({ status });
      if (canApply(name, status)) {
        const error = (() => {
          try {
            run(complaint, ctx);
            return null;
          } catch (e) {
            return e as { code: string };
          }
        })();
        t.not(error?.code, 'invalid_transition', `${name} from ${status} passes the transition check`);
      } else {
        t.match(errorOf(() => run(complaint, ctx)), { kind: 'conflict', code: 'invalid_transition', message: new RegExp(`${name} .*${status}`) }, `${name} from ${status}`);
      }
    }
  }
});

t.test('the table covers the lifecycle and ends in closed, declined or withdrawn', async (t) => {
  t.same(TRANSITIONS.acknowledge, { from: ['received'], to: 'stage_1_in_progress' });
  t.same(TRANSITIONS.escalate, { from: ['stage_1_responded'], to: 'escalation_requested' });
  t.same(TRANSITIONS.refuseEscalation.to, 'closed');
  t.notOk(canApply('escalate', 'closed'), 'a closed complaint must be reopened before it is escalated');
  t.notOk(canApply('respond', 'received'), 'a response needs the acknowledgement (definition) first');
  t.notOk(canApply('reopen', 'declined'));
  t.ok(canApply('completeRemedy', 'closed'), 'remedies are tracked to completion after closure');
});
