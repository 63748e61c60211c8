import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

// Helmet's default security headers on every answer. @fastify/helmet builds helmet's
// middleware (and parses its CSP directives) again for every request; the headers never
// vary here (no per-route options, no nonces), so they are computed once at start-up by
// running helmet against a response that only records them. A route may still override one
// (the annual report page sets its own Content-Security-Policy).

export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: () => {},
  };
  // Helmet 8 throws a bad option itself; the callback's error argument is only kept for compatibility.
  helmet()({} as IncomingMessage, recorder as unknown as ServerResponse, () => {});
  return headers;
}

export function sendSecurityHeaders(app: FastifyInstance): void {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
