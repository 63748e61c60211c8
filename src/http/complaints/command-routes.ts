import type { FastifyPluginAsync } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import * as complaintDomain from '../../domain/complaint/index.ts';
import type { CommandContext, CommandResult, Complaint } from '../../domain/complaint/index.ts';
import { runComplaintCommand } from '../../store/complaint-commands.ts';
import { etagOf, staleVersion, versionsFromIfMatch } from '../etag.ts';
import { notFound } from '../http-problem.ts';
import { IdempotencyHeaders, sendIdempotent } from '../idempotency.ts';
import { problemResponse } from '../problem-schema.ts';
import * as bodies from './command-schemas.ts';
import { ComplaintSchema } from './complaint-schema.ts';
import { actorOf, complaintView, type ComplaintRouteDeps } from './view.ts';

type Input = Record<string, unknown>;
type Apply = (complaint: Complaint, input: Input, ctx: CommandContext, itemId: string) => CommandResult;

interface CommandRoute {
  path: string;
  operationId: string;
  summary: string;
  body: TSchema;
  apply: Apply;
}

// One POST per business command (Stripe-style). Each applies one pure domain command;
// the domain checks the input and the rules, and names what it refuses.
const d = complaintDomain;
const COMMANDS: CommandRoute[] = [
  { path: 'acknowledge', operationId: 'acknowledgeComplaint', summary: 'Acknowledge at stage 1: the complaint definition, outcomes sought, handler', body: bodies.AcknowledgeBody, apply: (c, i, x) => d.acknowledge(c, i, x) },
  { path: 'acknowledge-stage-2', operationId: 'acknowledgeStage2', summary: 'Acknowledge the escalation at stage 2 (a handler other than stage 1’s)', body: bodies.AcknowledgeStage2Body, apply: (c, i, x) => d.acknowledgeStage2(c, i, x) },
  { path: 'decline', operationId: 'declineComplaint', summary: 'Decline to accept the complaint on an exclusion ground of the policy', body: bodies.DeclineBody, apply: (c, i, x) => d.decline(c, i as never, x) },
  { path: 'consider-decline', operationId: 'considerDecline', summary: 'Record that a decline (or a refusal to escalate) is being considered: a decline-letter clock start', body: bodies.ConsiderDeclineBody, apply: (c, i, x) => d.considerDecline(c, i, x) },
  { path: 'resolve-informally', operationId: 'resolveInformally', summary: 'Resolve an informal resolution or a support request (it meets its deadline); a complaint is raised from one with linked-complaints instead', body: bodies.ResolveInformallyBody, apply: (c, i, x) => d.resolveInformally(c, i, x) },
  { path: 'contact-restrictions', operationId: 'restrictContact', summary: 'Record a contact restriction for unacceptable behaviour (reasons, a senior decision, allowed channels, a review date, told in writing, Equality Act considered)', body: bodies.ContactRestrictionBody, apply: (c, i, x) => d.restrictContact(c, i, x) },
  { path: 'contact-restrictions/:itemId/review', operationId: 'reviewContactRestriction', summary: 'Review a contact restriction: set the next review date, or end it', body: bodies.ReviewRestrictionBody, apply: (c, i, x, id) => d.reviewContactRestriction(c, { ...i, id }, x) },
  { path: 'contact-restrictions/:itemId/end', operationId: 'endContactRestriction', summary: 'End a contact restriction', body: bodies.EndRestrictionBody, apply: (c, i, x, id) => d.endContactRestriction(c, { ...i, id }, x) },
  { path: 'assign', operationId: 'assignHandler', summary: 'Assign the current stage to a handler', body: bodies.AssignBody, apply: (c, i, x) => d.assign(c, i as never, x) },
  { path: 'contacts', operationId: 'logContact', summary: 'Log a contact with the resident', body: bodies.ContactBody, apply: (c, i, x) => d.logContact(c, i as never, x) },
  { path: 'matters', operationId: 'addMatter', summary: 'Add a matter before the current stage’s response', body: bodies.MatterBody, apply: (c, i, x) => d.addMatter(c, i as never, x) },
  { path: 'links', operationId: 'linkComplaint', summary: 'Link another complaint to this one', body: bodies.LinkBody, apply: (c, i, x) => d.linkComplaint(c, i as never, x) },
  { path: 'extend', operationId: 'extendResponseDeadline', summary: 'Extend the current stage’s response deadline (before it falls due, within the cap unless a good reason is given)', body: bodies.ExtendBody, apply: (c, i, x) => d.extend(c, i as never, x) },
  { path: 'respond', operationId: 'sendResponse', summary: 'Send the stage 1 or stage 2 response, with every required element', body: bodies.RespondBody, apply: (c, i, x) => d.respond(c, i, x) },
  { path: 'escalate', operationId: 'escalateComplaint', summary: 'Record the resident’s request for stage 2 (no reason needed)', body: bodies.EscalateBody, apply: (c, i, x) => d.escalate(c, i, x) },
  { path: 'refuse-escalation', operationId: 'refuseEscalation', summary: 'Refuse to escalate, on a listed ground', body: bodies.RefuseEscalationBody, apply: (c, i, x) => d.refuseEscalation(c, i as never, x) },
  { path: 'withdraw', operationId: 'withdrawComplaint', summary: 'Record that the resident withdrew the complaint', body: bodies.WithdrawBody, apply: (c, i, x) => d.withdraw(c, i, x) },
  { path: 'close', operationId: 'closeComplaint', summary: 'Close the complaint, with the reason', body: bodies.CloseBody, apply: (c, i, x) => d.close(c, i as never, x) },
  { path: 'reopen', operationId: 'reopenComplaint', summary: 'Reopen a closed or withdrawn complaint, recording the discretion', body: bodies.ReopenBody, apply: (c, i, x) => d.reopen(c, i as never, x) },
  { path: 'remedies', operationId: 'addRemedy', summary: 'Add a remedy to track to completion', body: bodies.RemedyBody, apply: (c, i, x) => d.addRemedy(c, i as never, x) },
  { path: 'actions', operationId: 'addAction', summary: 'Add an outstanding action to track to completion', body: bodies.ActionBody, apply: (c, i, x) => d.addAction(c, i as never, x) },
  { path: 'remedies/:itemId/complete', operationId: 'completeRemedy', summary: 'Mark a remedy completed', body: bodies.CompleteBody, apply: (c, _i, x, id) => d.completeRemedy(c, { id }, x) },
  { path: 'actions/:itemId/complete', operationId: 'completeAction', summary: 'Mark an action completed', body: bodies.CompleteBody, apply: (c, _i, x, id) => d.completeAction(c, { id }, x) },
  { path: 'ombudsman', operationId: 'recordOmbudsman', summary: 'Record an Ombudsman referral, evidence request or determination (a finding per issue, orders with due dates)', body: bodies.OmbudsmanBody, apply: (c, i, x) => d.recordOmbudsman(c, i as never, x) },
  { path: 'ombudsman/orders/:itemId/complete', operationId: 'completeOmbudsmanOrder', summary: 'Record that the landlord complied with an Ombudsman order or recommendation, with the evidence', body: bodies.CompleteOrderBody, apply: (c, i, x, id) => d.completeOmbudsmanOrder(c, { id, evidence: i.evidence as string }, x) },
  { path: 'hazards', operationId: 'reportHazard', summary: "Report a hazard (Awaab's Law clocks start from awareAt)", body: bodies.ReportHazardBody, apply: (c, i, x) => d.reportHazard(c, i as never, x) },
  { path: 'hazards/:itemId/steps', operationId: 'recordHazardStep', summary: "Record a step of a hazard: investigated (with the finding), summary sent, made safe, works started or completed, alternative accommodation offered", body: bodies.HazardStepBody, apply: (c, i, x, id) => d.recordHazardStep(c, { ...i, hazardId: id } as never, x) },
];

export const complaintCommandRoutes: FastifyPluginAsync<ComplaintRouteDeps> = async (app, deps) => {
  for (const command of COMMANDS) {
    const hasItem = command.path.includes(':itemId');
    app.post(
      `/v1/complaints/:id/${command.path}`,
      {
        config: { scope: 'complaints:write', etag: true },
        schema: {
          operationId: command.operationId,
          tags: ['complaints'],
          summary: command.summary,
          description: 'Send If-Match with the ETag last read to refuse the command (412) if the complaint changed meanwhile.',
          params: hasItem ? bodies.ItemParams : bodies.ComplaintParams,
          headers: Type.Composite([IdempotencyHeaders, Type.Object({ 'if-match': Type.Optional(Type.String()) })]),
          body: command.body,
          response: {
            200: Type.Ref(ComplaintSchema),
            404: problemResponse('No such complaint (or item) for this landlord'),
            409: problemResponse('The move breaks a rule; `code` names it (e.g. invalid_transition, same_handler_at_stage_2)'),
            412: problemResponse('If-Match names an older version of the complaint'),
            422: problemResponse('Required elements are missing (listed in errors), or an Idempotency-Key was reused with another body'),
          },
        },
      },
      async (request, reply) => {
        const params = request.params as { id: string; itemId?: string };
        const { occurredAt, ...input } = request.body as Input & { occurredAt?: string };
        const expectedVersions = versionsFromIfMatch(request.headers['if-match']);
        const who = actorOf(request, deps);
        return sendIdempotent(request, reply, deps, async (tx) => {
          const result = await runComplaintCommand(
            tx,
            who,
            { complaintId: params.id, expectedVersions, occurredAt: occurredAt ? new Date(occurredAt) : undefined },
            (complaint, ctx) => command.apply(complaint, input, ctx, params.itemId ?? ''),
          );
          if (result === 'not_found') throw notFound(`Complaint ${params.id}`);
          if (result === 'stale') throw staleVersion();
          return {
            status: 200,
            body: complaintView(result.complaint, result.deadlines, who.recordedAt),
            headers: { etag: etagOf(result.complaint.version) },
          };
        });
      },
    );
  }
};
