import { londonDateOf, type IsoDate } from '../../calendar/index.ts';
import { DomainError } from '../../domain-error.ts';
import { addExtension } from '../../policy/index.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import { stageKey, type Complaint } from '../complaint.ts';
import { stageResponseDue } from '../deadlines.ts';
import { instant, isoDate, isText, Missing } from '../input-checks.ts';

export interface ExtendInput {
  reason?: string;
  newDueDate: IsoDate;
  /** When the resident was told (with the Ombudsman's contact details): on or before the current due date. */
  residentToldAt?: string;
  ombudsmanDetailsGiven?: boolean;
  /** Needed only to go beyond the policy's cap; reports show it. */
  goodReason?: string | null;
}

/**
 * Extends the current stage's response (Code §6.4, §6.15). Decided and told
 * "before the current due date" is read as on or before it: the due date is
 * still in time. The cap counts from the ORIGINAL due date, so successive
 * extensions cannot stack past it. Policy cap null: no cap; amount 0: no
 * extension at all, good reason or not.
 */
export function extend(complaint: Complaint, input: ExtendInput, ctx: CommandContext): CommandResult {
  const at = begin('extend', complaint, ctx);
  const stage = complaint.stage;
  const missing = new Missing();
  missing.text(input.reason, 'reason', 'an extension needs a reason');
  missing.text(input.residentToldAt, 'residentToldAt', 'the resident must be told of the extension');
  missing.truthy(input.ombudsmanDetailsGiven, 'ombudsmanDetailsGiven', "the resident must be given the Ombudsman's contact details with the extension");
  missing.throwIfAny('extension_incomplete', 'the extension');
  const newDueDate = isoDate(input.newDueDate, 'newDueDate');
  const residentToldAt = instant(input.residentToldAt, 'residentToldAt');
  if (Date.parse(residentToldAt) > ctx.recordedAt.getTime()) {
    throw new DomainError('conflict', 'occurred_in_future', `residentToldAt ${residentToldAt} is after the time it was recorded`);
  }
  const due = stageResponseDue(complaint, stage, ctx.policy, ctx.calendar);
  if (due === undefined) throw new DomainError('conflict', 'no_due_date', `the stage ${stage} response has no due date yet`);
  const late = [londonDateOf(at), londonDateOf(residentToldAt)].find((d) => d > due.dueDate);
  if (late !== undefined) {
    throw new DomainError('conflict', 'extension_after_due_date', `an extension must be decided and told to the resident by the current due date ${due.dueDate}; this one is dated ${late}`);
  }
  if (newDueDate <= due.dueDate) {
    throw new DomainError('conflict', 'extension_not_later', `the new due date ${newDueDate} must be after the current due date ${due.dueDate}`);
  }
  const cap = ctx.policy[stageKey(stage)].extensionCap;
  const goodReason = isText(input.goodReason) ? input.goodReason.trim() : null;
  if (cap !== null && cap.amount === 0) {
    throw new DomainError('conflict', 'extension_not_allowed', `the policy allows no extension at stage ${stage}`);
  }
  if (cap !== null && goodReason === null) {
    const limit = addExtension(due.originalDueDate, cap, ctx.calendar).date;
    if (newDueDate > limit) {
      throw new DomainError(
        'conflict',
        'extension_cap_exceeded',
        `${newDueDate} is beyond the policy's cap of ${cap.amount} ${cap.unit.replace('_', ' ')} after the original due date ${due.originalDueDate} (latest ${limit}); record a good reason to go further`,
      );
    }
  }
  const extension = { stage, decidedAt: at, reason: input.reason!.trim(), previousDueDate: due.dueDate, newDueDate, residentToldAt, ombudsmanDetailsGiven: true as const, goodReason };
  return commit({ ...complaint, extensions: [...complaint.extensions, extension] }, ctx, 'complaint.extended', asJson(extension));
}
