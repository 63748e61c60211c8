import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Clock } from '../../domain/clock.ts';
import { assertValidSettings } from '../../domain/organisation/organisation-settings.ts';
import type { Db } from '../../store/database.ts';
import { changeOrganisation } from '../../app/organisation/change-organisation.ts';
import { retentionView, type RetentionView } from '../../app/privacy/retention-view.ts';
import { findOrganisation, type Organisation } from '../../store/organisations.ts';
import { principalOf } from '../auth.ts';
import { etagOf, staleVersion, versionsFromIfMatch } from '../etag.ts';
import { notFound } from '../http-problem.ts';
import { problemResponse } from '../problem-schema.ts';
import { IfMatchHeaders, OrganisationSchema, OrganisationSettingsBody } from './schemas.ts';

export function organisationBody(o: Organisation, retention: RetentionView) {
  const { createdAt, updatedAt, ...rest } = o;
  return { ...rest, retention, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

export const organisationRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  app.get(
    '/v1/organisation',
    {
      config: { scope: 'complaints:read', etag: true },
      schema: { operationId: 'getOrganisation', tags: ['administration'], summary: "The caller's organisation and its settings", response: { 200: Type.Ref(OrganisationSchema) } },
    },
    async (request, reply) => {
      const organisation = await findOrganisation(db, principalOf(request).organisationId);
      if (!organisation) throw notFound('The organisation');
      return reply.header('etag', etagOf(organisation.version)).send(organisationBody(organisation, await retentionView(db, organisation.id)));
    },
  );

  app.put(
    '/v1/organisation',
    {
      config: { scope: 'admin', etag: true },
      schema: {
        operationId: 'updateOrganisation',
        tags: ['administration'],
        summary: "Replace the organisation's settings",
        description: 'Changing the division or closure days changes how new deadlines are counted.',
        headers: IfMatchHeaders,
        body: OrganisationSettingsBody,
        response: { 200: Type.Ref(OrganisationSchema), 412: problemResponse('If-Match names an older version') },
      },
    },
    async (request, reply) => {
      const expected = versionsFromIfMatch(request.headers['if-match']);
      assertValidSettings(request.body);
      const { organisationId, apiKeyId } = principalOf(request);
      const updated = await changeOrganisation(db, { organisationId, settings: request.body, expectedVersions: expected, now: clock(), actor: apiKeyId });
      if (updated === 'stale') throw staleVersion();
      return reply.header('etag', etagOf(updated.version)).send(organisationBody(updated, await retentionView(db, updated.id)));
    },
  );
};
