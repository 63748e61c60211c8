import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind } from '../domain/domain-error.ts';
import { databaseUnavailable, RETRY_AFTER_SECONDS } from './database-unavailable.ts';
import { HttpProblem } from './http-problem.ts';
import { PROBLEM_CONTENT_TYPE, type FieldError, type Problem } from './problem-schema.ts';

// The one place where errors become RFC 9457 problem+json responses.

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

// Fastify's own client errors, by their codes, given stable codes of ours.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
};

const CONTEXT_NAMES: Record<string, string> = { querystring: 'query', body: 'body', params: 'params', headers: 'headers' };

type ValidationIssue = NonNullable<FastifyError['validation']>[number];

function fieldOf(context: string, issue: ValidationIssue): string {
  const path = issue.instancePath.split('/').filter(Boolean);
  // Validators other than Ajv's (a route's own) may leave `params` out.
  const missing = (issue.params as { missingProperty?: string } | undefined)?.missingProperty;
  const extra = (issue.params as { additionalProperty?: string } | undefined)?.additionalProperty;
  if (missing) path.push(missing);
  if (extra) path.push(extra);
  return [CONTEXT_NAMES[context] ?? context, ...path].join('.');
}

/**
 * The domain names fields as paths in its input (`decisions[0].outcome`); answers name them
 * as schema validation does (`body.decisions.0.outcome`), so a client maps both the same way.
 */
function requestFieldOf(field: string): string {
  const path = field.replace(/\[(\d+)\]/g, '.$1');
  return /^(body|query|params|headers)\./.test(path) ? path : `body.${path}`;
}

/**
 * One entry per field and message. A choice of literals fails as one `const` error per
 * literal plus an `anyOf`: those become a single "must be one of …" naming the choices.
 */
function validationErrors(error: FastifyError): FieldError[] {
  const context = error.validationContext ?? 'body';
  const fields = new Map<string, { allowed: unknown[]; messages: Set<string> }>();
  for (const issue of error.validation ?? []) {
    const field = fieldOf(context, issue);
    const entry = fields.get(field) ?? { allowed: [], messages: new Set<string>() };
    fields.set(field, entry);
    const params = (issue.params ?? {}) as { additionalProperty?: string; missingProperty?: string; allowedValue?: unknown };
    if (issue.keyword === 'const') entry.allowed.push(params.allowedValue);
    else if (params.missingProperty) entry.messages.add('is required');
    else entry.messages.add(params.additionalProperty ? 'is not a known field' : (issue.message ?? 'is invalid'));
  }
  return [...fields].flatMap(([field, { allowed, messages }]) => {
    if (allowed.length > 0) {
      messages.delete('must match a schema in anyOf');
      messages.add(`must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`);
    }
    return [...messages].map((message) => ({ field, message }));
  });
}

function problem(request: FastifyRequest, status: number, code: string, detail: string, title?: string): Problem {
  return {
    type: `urn:complaints-api:problem:${code}`,
    title: title ?? TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
  };
}

export function toProblem(error: FastifyError | Error, request: FastifyRequest): Problem {
  const unavailable = databaseUnavailable(error);
  if (unavailable) return toProblem(unavailable, request);
  if (error instanceof HttpProblem) {
    return { ...problem(request, error.status, error.code, error.message, error.title), ...(error.errors ? { errors: error.errors } : {}) };
  }
  if (error instanceof DomainError) {
    const status = STATUS_OF_KIND[error.kind];
    const errors = error.fields.map((f) => ({ field: requestFieldOf(f.field), message: f.message }));
    return { ...problem(request, status, error.code, error.message), ...(errors.length ? { errors } : {}) };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const errors = validationErrors(fastifyError);
    const detail = `The request is invalid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`;
    return { ...problem(request, 400, 'validation_failed', detail, 'Validation failed'), errors };
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 429) return problem(request, 429, 'rate_limited', 'Too many requests; retry after the time given in Retry-After');
  if (status >= 400 && status < 500) {
    const code = FASTIFY_CODES[fastifyError.code] ?? 'bad_request';
    const detail =
      code === 'malformed_json'
        ? 'The request body is not valid JSON'
        : code === 'unsupported_media_type'
          ? "The body's Content-Type is not one this operation accepts (application/json unless its documentation says otherwise)"
          : fastifyError.message;
    return problem(request, status, code, detail);
  }
  return problem(request, 500, 'internal_error', 'An unexpected error occurred; it has been logged with the request id');
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  if (body.status === 401) reply.header('www-authenticate', 'Bearer');
  if (body.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/**
 * Errors the router raises before any hook runs (a path parameter over the length limit, a
 * URL that does not decode): answered as problem+json with the request id like all others.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', request.id);
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const body = tooLong
    ? problem(request, 414, 'uri_too_long', 'A path parameter is longer than any id or reference this API issues')
    : problem(request, 400, 'bad_url', 'The URL is not valid (it does not decode)');
  request.log.info({ code: body.code, status: body.status }, 'request rejected');
  void sendProblem(reply, body);
}

export function registerErrorHandling(app: FastifyInstance, allowedMethods: (path: string) => string[]): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toProblem(error, request);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, status: body.status }, 'request rejected');
    return sendProblem(reply, body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    const allowed = allowedMethods(path);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, problem(request, 405, 'method_not_allowed', `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`));
    }
    return sendProblem(reply, problem(request, 404, 'route_not_found', `No route ${request.method} ${path}`));
  });
}
