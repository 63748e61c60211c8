import type { IsoDate } from '../../calendar/index.ts';
import { REMEDY_TYPES, type Action, type Remedy, type RemedyType } from '../complaint-outcomes.ts';
import type { Stage } from '../complaint-parts.ts';
import { isoDate, isText, pence, type Missing } from '../input-checks.ts';

/** A remedy (Code §7): what will happen and by when; money in pence, split into compensation and refund. */
export interface RemedyInput {
  type: RemedyType;
  description: string;
  dueDate?: IsoDate | null;
  compensationPence?: number;
  refundPence?: number;
}

/** An outstanding action promised to the resident, with an owner and a due date. */
export interface ActionInput {
  description: string;
  owner: string;
  dueDate: IsoDate;
}

export function remedyFrom(input: RemedyInput, path: string, missing: Missing, id: string, stage: Stage, at: string): Remedy {
  if (!(REMEDY_TYPES as readonly string[]).includes(input.type)) missing.add(`${path}.type`, `must be one of ${REMEDY_TYPES.join(', ')}`);
  missing.text(input.description, `${path}.description`, 'say what will happen');
  const compensationPence = pence(input.compensationPence, `${path}.compensationPence`);
  const refundPence = pence(input.refundPence, `${path}.refundPence`);
  if (input.type === 'financial' && compensationPence + refundPence === 0) {
    missing.add(`${path}.compensationPence`, 'a financial remedy needs an amount (compensation and/or refund, in pence)');
  }
  const dueDate = input.dueDate == null ? null : isoDate(input.dueDate, `${path}.dueDate`);
  return { id, stage, type: input.type, description: isText(input.description) ? input.description.trim() : '', compensationPence, refundPence, dueDate, offeredAt: at, completedAt: null };
}

export function actionFrom(input: ActionInput, path: string, missing: Missing, id: string, stage: Stage, at: string): Action {
  missing.text(input.description, `${path}.description`);
  missing.text(input.owner, `${path}.owner`);
  if (!isText(input.dueDate)) missing.add(`${path}.dueDate`, 'is required');
  const dueDate = isText(input.dueDate) ? isoDate(input.dueDate, `${path}.dueDate`) : '';
  return { id, stage, description: isText(input.description) ? input.description.trim() : '', owner: isText(input.owner) ? input.owner.trim() : '', dueDate, agreedAt: at, completedAt: null };
}
