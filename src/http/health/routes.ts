import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { pendingMigrations } from '../../store/migrator.ts';
import type { Db } from '../../store/database.ts';
import { HttpProblem } from '../http-problem.ts';
import { problemResponse } from '../problem-schema.ts';

const Status = Type.Object({ status: Type.String() });

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/healthz',
    { schema: { operationId: 'getHealth', tags: ['health'], summary: 'The process is up', response: { 200: Status } }, logLevel: 'warn' },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        operationId: 'getReadiness',
        tags: ['health'],
        summary: 'The database answers and every migration is applied',
        response: { 200: Status, 503: problemResponse('The database is unreachable or migrations are pending') },
      },
      logLevel: 'warn',
    },
    async (request) => {
      try {
        await sql`select 1`.execute(db);
      } catch (err) {
        request.log.warn({ err }, 'readiness: database unreachable');
        throw new HttpProblem(503, 'database_unavailable', 'Service unavailable', 'The database is not reachable');
      }
      const pending = await pendingMigrations(db);
      if (pending.length > 0) {
        throw new HttpProblem(503, 'migrations_pending', 'Service unavailable', `Migrations not applied: ${pending.join(', ')}`);
      }
      return { status: 'ready' };
    },
  );
};
