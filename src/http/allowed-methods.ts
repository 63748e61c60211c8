import type { FastifyInstance, RouteOptions } from 'fastify';

interface RoutePattern {
  pattern: RegExp;
  methods: Set<string>;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A route URL (`/v1/complaints/:id/events`) as a regular expression over request paths. */
function patternOf(url: string): RegExp {
  const parts = url.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : escape(part)));
  return new RegExp(`^${parts.join('/')}/?$`);
}

/**
 * Remembers every route's methods, so a request that names a path we serve with a method we
 * do not answers 405 with `Allow` (RFC 9110 §15.5.6) instead of a bare 404.
 */
export function trackAllowedMethods(app: FastifyInstance): (path: string) => string[] {
  const routes = new Map<string, RoutePattern>();
  app.addHook('onRoute', (route: RouteOptions) => {
    const entry = routes.get(route.url) ?? { pattern: patternOf(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) entry.methods.add(method);
    routes.set(route.url, entry);
  });
  return (path) => {
    const methods = new Set<string>();
    for (const { pattern, methods: given } of routes.values()) if (pattern.test(path)) for (const m of given) methods.add(m);
    return [...methods].sort();
  };
}
