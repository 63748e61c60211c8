import type { PageCursor } from '../../store/complaint-queries.ts';
import { HttpProblem } from '../http-problem.ts';

// Opaque to callers: the sort key of the last item of a page.
export const encodeCursor = (cursor: PageCursor): string => Buffer.from(JSON.stringify([cursor.receivedAt, cursor.id])).toString('base64url');

export function decodeCursor(value: string): PageCursor {
  try {
    const [receivedAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof receivedAt === 'string' && !Number.isNaN(Date.parse(receivedAt)) && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) {
      return { receivedAt, id };
    }
  } catch {
    // fall through: not ours
  }
  throw new HttpProblem(400, 'invalid_cursor', 'Bad request', 'The cursor is not one this API gave', [{ field: 'query.cursor', message: 'is not valid' }]);
}
