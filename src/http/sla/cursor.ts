import type { SlaCursor } from '../../store/sla-queries.ts';
import { decodePageCursor, encodePageCursor, isIsoDateText, isUuidText } from '../page-cursor.ts';

export const encodeSlaCursor = (c: SlaCursor): string => encodePageCursor([c.daysLate, c.dueDate, c.complaintId, c.kind, c.ref]);

export const decodeSlaCursor = (value: string): SlaCursor =>
  decodePageCursor(value, ([daysLate, dueDate, complaintId, kind, ref]) =>
    Number.isSafeInteger(daysLate) && isIsoDateText(dueDate) && isUuidText(complaintId) && typeof kind === 'string' && typeof ref === 'string'
      ? { daysLate: daysLate as number, dueDate, complaintId, kind, ref }
      : undefined,
  );
