import { COMPLAINT_EVENT_TYPES } from '../complaint/events.ts';

// The public event catalogue: what a CRM can read from GET /v1/events and subscribe to.
// Complaint types are the domain's own names (one per command) plus `complaint.auto_closed`,
// which the domain records as a `complaint.closed` with reason `auto_close`.

export const FEED_EVENT_TYPES = [
  ...COMPLAINT_EVENT_TYPES,
  'complaint.auto_closed',
  'deadline.due_soon',
  'deadline.breached',
  'policy.changed',
  'organisation.changed',
  'webhook.disabled',
] as const;

/** `webhook.test` goes to one subscription when asked; it is never in the feed. */
export const PUBLIC_EVENT_TYPES = [...FEED_EVENT_TYPES, 'webhook.test'] as const;
export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];

/**
 * The version of every `data` shape. A change that could break a receiver (a field removed
 * or retyped) raises it; adding a field does not.
 */
export const EVENT_DATA_VERSION = 1;

const KNOWN: ReadonlySet<string> = new Set(PUBLIC_EVENT_TYPES);
export const isPublicEventType = (type: string): type is PublicEventType => KNOWN.has(type);

/** A subscription's filter: exact types, or `prefix.*` for a family (`complaint.*`), or `*`. */
export function isEventPattern(pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return PUBLIC_EVENT_TYPES.some((t) => t.startsWith(pattern.slice(0, -1)));
  return isPublicEventType(pattern);
}

export function matchesAny(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}
