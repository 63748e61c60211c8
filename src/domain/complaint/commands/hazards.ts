import { DomainError } from '../../domain-error.ts';
import { applyHazardStep, newHazard, type HazardStepInput, type ReportHazardInput } from '../../hazards/hazard-steps.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import type { Complaint } from '../complaint.ts';
import { instant, nextId } from '../input-checks.ts';

/** Awaab's Law binds social landlords in England: the organisation's setting, else the default for its division. */
export function awaabsLawApplies(ctx: CommandContext): boolean {
  return ctx.awaabsLaw ?? ctx.calendar.division === 'england-and-wales';
}

/**
 * A hazard reported after the complaint was logged (or a second one). awareAt may be
 * before the report (the landlord heard of it by phone first) but not after it.
 */
export function reportHazard(complaint: Complaint, input: ReportHazardInput, ctx: CommandContext): CommandResult {
  const at = begin('reportHazard', complaint, ctx);
  const awareAt = input.awareAt == null ? at : instant(input.awareAt, 'awareAt');
  const hazard = newHazard(nextId('h', complaint.hazards), input, at, awareAt, awaabsLawApplies(ctx));
  return commit({ ...complaint, hazards: [...complaint.hazards, hazard] }, ctx, 'complaint.hazard_reported', asJson(hazard));
}

/** One step of a hazard's handling, dated with occurredAt (the step's own time). */
export function recordHazardStep(complaint: Complaint, input: HazardStepInput & { hazardId: string }, ctx: CommandContext): CommandResult {
  const at = begin('recordHazardStep', complaint, ctx);
  const { hazardId, ...step } = input;
  const current = complaint.hazards.find((h) => h.id === hazardId);
  if (current === undefined) throw new DomainError('not_found', 'hazard_not_found', `no hazard ${hazardId} on this complaint`);
  const next = applyHazardStep(current, step, at);
  const hazards = complaint.hazards.map((h) => (h.id === hazardId ? next : h));
  return commit({ ...complaint, hazards }, ctx, 'complaint.hazard_step_recorded', asJson({ hazardId, ...step }));
}
