import { HttpProblem } from '../http-problem.ts';

// Opaque to readers: the feed position (a sequence) with a version tag, so the format can change.
export const encodeFeedCursor = (sequence: number): string => Buffer.from(`e1:${sequence}`).toString('base64url');

export function decodeFeedCursor(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^e1:(\d{1,15})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (match?.[1] !== undefined) return Number(match[1]);
  throw new HttpProblem(400, 'invalid_cursor', 'Bad request', 'The cursor is not one this API gave', [{ field: 'query.after', message: 'is not valid' }]);
}
