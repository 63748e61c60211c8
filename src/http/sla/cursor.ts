import type { SlaCursor } from '../../store/sla-queries.ts';
import { HttpProblem } from '../http-problem.ts';

// Opaque to callers: the sort key of the last item of a page.
export const encodeSlaCursor = (c: SlaCursor): string =>
  Buffer.from(JSON.stringify([c.daysLate, c.dueDate, c.complaintId, c.kind, c.ref])).toString('base64url');

export function decodeSlaCursor(value: string): SlaCursor {
  try {
    const [daysLate, dueDate, complaintId, kind, ref] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (
      Number.isInteger(daysLate) &&
      typeof dueDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dueDate) &&
      typeof complaintId === 'string' && /^[0-9a-f-]{36}$/.test(complaintId) &&
      typeof kind === 'string' && typeof ref === 'string'
    ) {
      return { daysLate: daysLate as number, dueDate, complaintId, kind, ref };
    }
  } catch {
    // fall through: not ours
  }
  throw new HttpProblem(400, 'invalid_cursor', 'Bad request', 'The cursor is not one this API gave', [{ field: 'query.cursor', message: 'is not valid' }]);
}
