import type { WorkingDayCalendar } from '../domain/calendar/index.ts';
import { acknowledge, logComplaint, respond, type Complaint } from '../domain/complaint/index.ts';
import type { Policy } from '../domain/policy/index.ts';

/**
 * The JSON parts the bench seeder patches per row, made by the domain itself so the
 * seeded state has exactly the aggregate's shape: a logged complaint, its stage 1
 * acknowledgement and its stage 1 response (times and ids are overwritten in SQL).
 */
export function stateTemplates(policy: Policy, calendar: WorkingDayCalendar) {
  const base = { actor: 'bench', policy, calendar };
  const at = (iso: string) => ({ ...base, occurredAt: new Date(iso), recordedAt: new Date(iso) });
  const logged = logComplaint(
    { channel: 'phone', receivedAt: '2026-01-05T09:00:00Z', complainant: { name: 'Bench Resident' }, description: 'Repairs were not done', outcomesSought: ['Do the repair'] },
    { ...at('2026-01-05T09:30:00Z'), id: '00000000-0000-4000-8000-000000000000', reference: 'BEN-0000000', organisationId: '00000000-0000-4000-8000-000000000000', policyVersion: 1 },
  ).complaint;
  const acked = acknowledge(logged, { definition: 'Repairs were not done', outcomesSought: ['Do the repair'], handler: 'handler-0' }, at('2026-01-06T10:00:00Z')).complaint;
  const decisions = acked.matters.map((m) => ({ matterId: m.id, outcome: 'upheld' as const, reasons: 'The repair was late' }));
  const responded: Complaint = respond(acked, { stage: 1, definition: 'Repairs were not done', decisions, remedies: [], outstandingActions: [], escalationExplained: true }, at('2026-01-12T14:00:00Z')).complaint;
  return { complaint: logged, acknowledgement: acked.acknowledgements.stage1!, response: responded.responses.stage1! };
}
