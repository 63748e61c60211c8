import type { WorkingDayCalendar } from '../domain/calendar/index.ts';
import { acknowledge, acknowledgeStage2, close, escalate, logComplaint, OUTCOMES, respond, type Complaint, type Outcome, type StageResponse } from '../domain/complaint/index.ts';
import type { Policy } from '../domain/policy/index.ts';

const REASONS: Record<Outcome, string> = {
  upheld: 'The repair was late',
  partly_upheld: 'The repair was late, but the damage it caused was not the landlord’s',
  not_upheld: 'The repair was done within the target time',
};

/**
 * The JSON parts the bench seeder patches per row, made by the domain itself so the
 * seeded state has exactly the aggregate's shape: a logged complaint, its stage 1
 * acknowledgement, a stage 1 response per outcome, the closure after stage 1; then the
 * escalation, the stage 2 acknowledgement (by another handler, Code §6.13), a stage 2
 * response per outcome and the closure after it (times, ids and handlers are overwritten in SQL).
 */
export function stateTemplates(policy: Policy, calendar: WorkingDayCalendar) {
  const base = { actor: 'bench', policy, calendar };
  const at = (iso: string) => ({ ...base, occurredAt: new Date(iso), recordedAt: new Date(iso) });
  const logged = logComplaint(
    { channel: 'phone', receivedAt: '2026-01-05T09:00:00Z', complainant: { name: 'Bench Resident' }, description: 'Repairs were not done', outcomesSought: ['Do the repair'] },
    { ...at('2026-01-05T09:30:00Z'), id: '00000000-0000-4000-8000-000000000000', reference: 'BEN-0000000', organisationId: '00000000-0000-4000-8000-000000000000', policyVersion: 1 },
  ).complaint;
  const acked = acknowledge(logged, { definition: 'Repairs were not done', outcomesSought: ['Do the repair'], handler: 'handler-0' }, at('2026-01-06T10:00:00Z')).complaint;
  const responses = (complaint: Complaint, stage: 1 | 2, definition: string, sentAt: string) =>
    Object.fromEntries(
      OUTCOMES.map((outcome) => {
        const decisions = complaint.matters.map((m) => ({ matterId: m.id, outcome, reasons: REASONS[outcome] }));
        const responded = respond(complaint, { stage, definition, decisions, remedies: [], outstandingActions: [], escalationExplained: true }, at(sentAt)).complaint;
        return [outcome, responded];
      }),
    ) as Record<Outcome, Complaint>;
  const stage1 = responses(acked, 1, 'Repairs were not done', '2026-01-12T14:00:00Z');
  const escalated = escalate(stage1.upheld, { reason: 'The repair is still not done' }, at('2026-01-15T11:00:00Z')).complaint;
  const definition2 = 'Repairs were not done, and the stage 1 response did not put it right';
  const acked2 = acknowledgeStage2(escalated, { definition: definition2, outcomesSought: ['Do the repair'], handler: 'handler-7' }, at('2026-01-16T10:30:00Z')).complaint;
  const stage2 = responses(acked2, 2, definition2, '2026-02-05T14:00:00Z');
  const response = (byOutcome: Record<Outcome, Complaint>, stage: 'stage1' | 'stage2') =>
    Object.fromEntries(OUTCOMES.map((o) => [o, byOutcome[o].responses[stage]!])) as Record<Outcome, StageResponse>;
  return {
    complaint: logged,
    acknowledgement: acked.acknowledgements.stage1!,
    /** By outcome: the SQL picks one per complaint. */
    response: response(stage1, 'stage1'),
    closure: close(stage1.upheld, { reason: 'resolved_at_stage_1' }, at('2026-01-15T15:00:00Z')).complaint.closure!,
    escalation: escalated.escalation!,
    acknowledgement2: acked2.acknowledgements.stage2!,
    response2: response(stage2, 'stage2'),
    closure2: close(stage2.upheld, { reason: 'stage_2_response' }, at('2026-02-10T15:00:00Z')).complaint.closure!,
  };
}

export type StateTemplates = ReturnType<typeof stateTemplates>;
