import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { calendarCache, type UkCalendars } from './domain/calendar/index.ts';
import type { Clock } from './domain/clock.ts';
import type { PolicyPreset } from './domain/policy/index.ts';
import { apiKeyRoutes } from './http/api-keys/routes.ts';
import { calendarRoutes } from './http/calendar/routes.ts';
import { DivisionSchema } from './http/calendar/schemas.ts';
import { registerAuthentication } from './http/auth.ts';
import { registerOpenApi } from './http/docs/openapi.ts';
import { treatEmptyBodiesAsEmptyObjects } from './http/empty-body.ts';
import { limitBodyTime } from './http/body-timeout.ts';
import { refuseUnstorableInput } from './http/unstorable-input.ts';
import { answerFrameworkError, registerErrorHandling } from './http/errors.ts';
import { trackAllowedMethods } from './http/allowed-methods.ts';
import { complaintCommandRoutes } from './http/complaints/command-routes.ts';
import { residentRestrictionRoutes } from './http/complaints/resident-restriction-routes.ts';
import { COMPLAINT_SCHEMAS } from './http/complaints/complaint-schema.ts';
import { complaintRoutes } from './http/complaints/routes.ts';
import { eventRoutes } from './http/events/routes.ts';
import { PublicEventSchema } from './http/events/schemas.ts';
import { healthRoutes } from './http/health/routes.ts';
import { webhookRoutes } from './http/webhooks/routes.ts';
import { DeliverySchema, WebhookSchema, WebhookWithSecretSchema } from './http/webhooks/schemas.ts';
import type { SecretBox } from './app/webhooks/secret-box.ts';
import type { DestinationRules } from './domain/webhooks/destination.ts';
import { intakeRoutes, type IntakeLimits } from './http/intake/routes.ts';
import { organisationRoutes } from './http/organisation/routes.ts';
import { OrganisationSchema } from './http/organisation/schemas.ts';
import { PolicySchema, PresetSchema, TimescaleSchema } from './http/policy/policy-schema.ts';
import { policyRoutes } from './http/policy/routes.ts';
import { reportRoutes } from './http/reports/routes.ts';
import { annualReportRoutes } from './http/reports/annual-routes.ts';
import { importRoutes } from './http/imports/routes.ts';
import { privacyRoutes } from './http/privacy/routes.ts';
import { RetentionSchema } from './http/privacy/schemas.ts';
import { measureRequests, metricsRoute } from './http/metrics/routes.ts';
import type { ServiceMetrics } from './metrics/service-metrics.ts';
import { PolicyVersionSchema } from './http/policy/schemas.ts';
import { FieldErrorSchema, ProblemSchema } from './http/problem-schema.ts';
import { registerRouteConventions } from './http/route-conventions.ts';
import { sharedSerializers } from './http/shared-serializers.ts';
import { sendSecurityHeaders } from './http/security-headers.ts';
import { deadlineRoutes } from './http/sla/deadline-routes.ts';
import { slaRoutes } from './http/sla/routes.ts';
import { SLA_SCHEMAS } from './http/sla/schemas.ts';
import { ApiKeySchema, CreatedApiKeySchema, ScopeSchema } from './http/api-keys/schemas.ts';
import type { Db } from './store/database.ts';

export interface AppDeps {
  db: Db;
  clock: Clock;
  calendars: UkCalendars;
  presets: readonly PolicyPreset[];
  intakeLimits?: IntakeLimits;
  logger: FastifyBaseLogger;
  bodyLimitBytes?: number;
  trustProxy?: boolean;
  /** Longest time to receive a request body (408 after it); 30 s by default. */
  requestTimeoutMs?: number;
  /** A report's statements may run this long; 60 s by default. */
  reportStatementTimeoutMs?: number;
  /** How long the change feed keeps events (at least 90 days by default). */
  eventRetentionDays?: number;
  /** Webhook secrets' key (none: subscriptions are refused) and where deliveries may go. */
  webhooks?: { box: SecretBox | undefined; rules: DestinationRules };
  /** How often this instance looks for bulk imports to resume (ms); 0 never (tests drive the job). */
  importPollMs?: number;
  /** How long an import upload may store nothing before the job marks it failed (15 minutes by default). */
  importUploadIdleMs?: number;
  /** Batches of one import written at once: 2 on PostgreSQL (see importWorkersFor), 1 on PGlite. */
  importWorkers?: number;
  /** Request metrics for every route; GET /metrics here too when a token is given (else the server serves it on localhost). */
  metrics?: { service: ServiceMetrics; token?: string | undefined };
}

// A caller's X-Request-Id is kept when it is short and plain, so it can be traced through
// their logs and ours; anything else gets a fresh id.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const DEFAULT_REQUEST_TIMEOUT_MS = 30000;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.bodyLimitBytes ?? 262144,
    trustProxy: deps.trustProxy ?? false,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // strictNumbers off: with it on, Ajv coerces "Infinity" or "1e309" in a query to a number
    // and then skips the range checks, so a non-finite limit or year reached the database.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, strictNumbers: false } },
    return503OnClosing: true,
    // Node's own limit on receiving a request, a backstop behind limitBodyTime's 408 (which
    // answers first, in problem+json): it also ends requests whose headers never finish.
    requestTimeout: 2 * (deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    frameworkErrors: answerFrameworkError,
    schemaController: { compilersFactory: { buildSerializer: sharedSerializers() } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  if (deps.metrics) measureRequests(app, deps.metrics.service);
  registerErrorHandling(app, trackAllowedMethods(app));
  treatEmptyBodiesAsEmptyObjects(app);
  limitBodyTime(app, deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  refuseUnstorableInput(app);
  registerRouteConventions(app);
  sendSecurityHeaders(app);
  for (const schema of [
    FieldErrorSchema,
    ProblemSchema,
    ScopeSchema,
    ApiKeySchema,
    CreatedApiKeySchema,
    DivisionSchema,
    OrganisationSchema,
    RetentionSchema,
    TimescaleSchema,
    PolicySchema,
    PolicyVersionSchema,
    PresetSchema,
    ...COMPLAINT_SCHEMAS,
    ...SLA_SCHEMAS,
    PublicEventSchema,
    WebhookSchema,
    WebhookWithSecretSchema,
    DeliverySchema,
  ]) app.addSchema(schema);
  await registerOpenApi(app);
  registerAuthentication(app, deps);

  await app.register(healthRoutes, { db: deps.db });
  if (deps.metrics?.token) metricsRoute(app, deps.metrics.service, deps.metrics.token);
  await app.register(apiKeyRoutes, { db: deps.db, clock: deps.clock });
  const calendarFor = calendarCache(deps.calendars);
  await app.register(calendarRoutes, { db: deps.db, calendars: deps.calendars, calendarFor });
  await app.register(organisationRoutes, { db: deps.db, clock: deps.clock });
  await app.register(policyRoutes, { db: deps.db, clock: deps.clock, presets: deps.presets, calendarFor });
  const complaintDeps = { db: deps.db, clock: deps.clock, calendarFor };
  await app.register(complaintRoutes, complaintDeps);
  await app.register(complaintCommandRoutes, complaintDeps);
  await app.register(residentRestrictionRoutes, complaintDeps);
  await app.register(deadlineRoutes, complaintDeps);
  await app.register(slaRoutes, complaintDeps);
  await app.register(intakeRoutes, { ...complaintDeps, limits: deps.intakeLimits ?? { perKeyPerMinute: 120, perAddressPerMinute: 10 } });
  await app.register(reportRoutes, { ...complaintDeps, ...(deps.reportStatementTimeoutMs ? { reportStatementTimeoutMs: deps.reportStatementTimeoutMs } : {}) });
  await app.register(annualReportRoutes, { ...complaintDeps, ...(deps.reportStatementTimeoutMs ? { reportStatementTimeoutMs: deps.reportStatementTimeoutMs } : {}) });
  await app.register(importRoutes, {
    ...complaintDeps,
    ...(deps.importPollMs !== undefined ? { importPollMs: deps.importPollMs } : {}),
    ...(deps.importUploadIdleMs !== undefined ? { importUploadIdleMs: deps.importUploadIdleMs } : {}),
    ...(deps.importWorkers !== undefined ? { importWorkers: deps.importWorkers } : {}),
  });
  await app.register(privacyRoutes, { db: deps.db, clock: deps.clock });
  await app.register(eventRoutes, { db: deps.db, retentionDays: deps.eventRetentionDays ?? 90 });
  const webhooks = deps.webhooks ?? { box: undefined, rules: { allowHttpLoopback: false, allowedCidrs: [] } };
  await app.register(webhookRoutes, { db: deps.db, clock: deps.clock, ...webhooks });
  return app;
}
