import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FEED_EVENT_TYPES } from '../../domain/events/catalogue.ts';
import type { Db } from '../../store/database.ts';
import { readFeed } from '../../store/events.ts';
import { principalOf } from '../auth.ts';
import { HttpProblem } from '../http-problem.ts';
import { problemResponse } from '../problem-schema.ts';
import { decodeFeedCursor, encodeFeedCursor } from './cursor.ts';
import { EventFeedQuery, EventFeedResponse } from './schemas.ts';

const FEED_TYPES: ReadonlySet<string> = new Set(FEED_EVENT_TYPES);

function typesOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const types = [...new Set(value.split(',').map((t) => t.trim()).filter(Boolean))];
  const unknown = types.filter((t) => !FEED_TYPES.has(t));
  if (unknown.length > 0) {
    throw new HttpProblem(400, 'invalid_event_type', 'Bad request', `Unknown event type(s): ${unknown.join(', ')}`, [
      { field: 'query.types', message: `must be a comma-separated list of: ${FEED_EVENT_TYPES.join(', ')}` },
    ]);
  }
  return types;
}

export const eventRoutes: FastifyPluginAsyncTypebox<{ db: Db; retentionDays: number }> = async (app, { db, retentionDays }) => {
  app.get(
    '/v1/events',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'listEvents',
        tags: ['events'],
        summary: "The landlord's change feed, in commit order, resumable by cursor",
        description:
          `Every change as an event, oldest first. A reader that stores \`nextCursor\` and passes it back as \`after\` sees every event exactly once, in \`sequence\` order, ` +
          `however many writers commit at once: a sequence is given when its transaction commits, so no event ever appears behind a cursor already handed out. ` +
          `Events are kept ${retentionDays} days; an older cursor answers 410 \`cursor_expired\` (start again without \`after\` and reconcile).`,
        querystring: EventFeedQuery,
        response: { 200: EventFeedResponse, 400: problemResponse('The cursor or a type is not valid'), 410: problemResponse('The cursor points before the oldest kept event') },
      },
    },
    async (request) => {
      const { organisationId } = principalOf(request);
      const after = decodeFeedCursor(request.query.after);
      const page = await readFeed(db, { organisationId, after, types: typesOf(request.query.types), limit: request.query.limit ?? 50 });
      if (page.kind === 'expired') {
        throw new HttpProblem(410, 'cursor_expired', 'Gone', `Events up to sequence ${page.prunedThrough} are past the ${retentionDays}-day retention; read the feed again from its start`);
      }
      return { items: page.events, nextCursor: encodeFeedCursor(page.position) };
    },
  );
};
