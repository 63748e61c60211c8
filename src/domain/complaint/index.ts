export * from './complaint-parts.ts';
export * from './complaint-outcomes.ts';
export { stageKey, type Complaint, type PerStage } from './complaint.ts';
export { COMPLAINT_EVENT_TYPES, type ComplaintEvent, type ComplaintEventType, type JsonValue } from './events.ts';
export { type CommandContext, type CommandResult } from './command-context.ts';
export { TRANSITIONS, canApply, type CommandName, type Transition, type TransitionTarget } from './transitions.ts';
export type { FieldProblem } from './input-checks.ts';
export type { LogComplaintInput } from './intake.ts';
export { logComplaint, type LogContext } from './commands/log.ts';
export { acknowledge, acknowledgeStage2, type AcknowledgeInput } from './commands/acknowledge.ts';
export { assign, type AssignInput } from './commands/assign.ts';
export { decline, type DeclineInput } from './commands/decline.ts';
export { considerDecline, type ConsiderDeclineInput } from './commands/consider-decline.ts';
export { SENIOR_ROLES, type ContactRestriction, type SeniorRole } from './contact-restriction.ts';
export {
  endContactRestriction,
  restrictContact,
  reviewContactRestriction,
  type ContactRestrictionInput,
  type EndRestrictionInput,
  type ReviewRestrictionInput,
} from './commands/contact-restrictions.ts';
export { INFORMAL_KINDS, resolveInformally, type InformalKind, type InformalRecord, type ResolveInformallyInput } from './informal.ts';
export { logContact, type LogContactInput } from './commands/contacts.ts';
export {
  addMatter,
  linkComplaint,
  openLinkedComplaint,
  type AddMatterInput,
  type LinkComplaintInput,
  type OpenLinkedComplaintInput,
} from './commands/matters.ts';
export { extend, type ExtendInput } from './commands/extend.ts';
export { respond, type RespondInput } from './commands/respond.ts';
export { type ActionInput, type RemedyInput } from './commands/promises.ts';
export { escalate, refuseEscalation, type EscalateInput, type RefuseEscalationInput } from './commands/escalate.ts';
export { close, CLOSE_REASONS, reopen, withdraw, type CloseInput, type CloseReason, type ReopenInput, type WithdrawInput } from './commands/close.ts';
export { addAction, addRemedy, completeAction, completeRemedy, type CompleteInput } from './commands/remedies.ts';
export { completeOmbudsmanOrder, recordOmbudsman, type CompleteOrderInput, type OmbudsmanInput } from './commands/ombudsman.ts';
export { awaabsLawApplies, recordHazardStep, reportHazard } from './commands/hazards.ts';
export { complaintFromStored } from './stored-complaint.ts';
export { clockDates } from './clock-dates.ts';
export {
  DEADLINE_KINDS,
  deadlineAsOf,
  deadlineStatusAsOf,
  type CountsFromEvent,
  type Deadline,
  type DeadlineAsOf,
  type DeadlineKind,
  type DeadlineState,
  type DeadlineStatus,
} from './deadline.ts';
export { deadlinesOf, endedAt, stageResponseDue } from './deadlines.ts';
export { autoClosedAt } from './auto-close-at.ts';
