import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { webhooksSection } from '../events/openapi-webhooks.ts';

const DESCRIPTION = `Runs a UK social landlord's complaint process under the Housing Ombudsman's
Complaint Handling Code, with every deadline counted in working days on the landlord's UK
bank-holiday calendar. Errors are RFC 9457 \`application/problem+json\` with a stable \`code\`.`;

/** OpenAPI 3.1 from the route schemas, served at /openapi.json and browsable offline at /docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Complaints API for UK social landlords', version: '1.0.0', description: DESCRIPTION, license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } },
      // Relative: the API is wherever this document was fetched from (e.g. http://localhost:3000).
      servers: [{ url: '/', description: 'the server this document is served from' }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer cmpk_...`' },
        },
      },
      // One entry per event type: what a subscription receives (OpenAPI 3.1). Built from
      // TypeBox schemas, which openapi-types' SchemaObject does not describe: hence the cast.
      webhooks: webhooksSection() as Record<string, never>,
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'administration', description: 'Organisation, policy and API keys' },
        { name: 'calendar', description: 'UK working days and bank holidays' },
        { name: 'complaints', description: 'The complaint lifecycle: log, drive through both stages, read its history' },
        { name: 'sla', description: 'What is breached, what falls due, and how each deadline was worked out' },
        { name: 'public intake', description: "Complaints from a landlord's website form" },
        { name: 'policy', description: "The landlord's versioned complaints policy and its compliance with the Code" },
        { name: 'events', description: 'The change feed: every change as an event, in commit order' },
        { name: 'webhooks', description: 'Subscriptions: events pushed, signed by Standard Webhooks 1.0, retried for 3 days' },
        { name: 'reports', description: "The regulator's measures (TSM CH01, CH02), the annual performance report and the Code self-assessment" },
        { name: 'imports', description: "Bulk import of a landlord's past complaints with their histories (NDJSON or CSV), its progress and rejections" },
        { name: 'personal data', description: 'UK GDPR: find a person, export what is held on them, erase it, legal holds, and the access record' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  // The UI's assets ship inside @fastify/swagger-ui, so /docs works with no network.
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { url: '/openapi.json' } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
