import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import type { Complaint } from '../complaint.ts';
import { textOrNull } from '../input-checks.ts';

export interface ConsiderDeclineInput {
  /** Why a decline (stage 1) or a refusal to escalate (stage 2) is being considered. */
  note?: string | null;
}

/**
 * Records that the landlord is considering not accepting the complaint, or not
 * escalating it: where the policy's decline letter counts from `decline_considered`,
 * its clock starts here, so the letter is due (and can breach) before the decline
 * itself is recorded. It never stops the complaint from being handled.
 */
export function considerDecline(complaint: Complaint, input: ConsiderDeclineInput, ctx: CommandContext): CommandResult {
  const at = begin('considerDecline', complaint, ctx);
  const consideration = { at, stage: complaint.stage, note: textOrNull(input.note) };
  const next: Complaint = { ...complaint, declineConsiderations: [...(complaint.declineConsiderations ?? []), consideration] };
  return commit(next, ctx, 'complaint.decline_considered', asJson(consideration));
}
