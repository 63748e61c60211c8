import {
  CHANNELS, CLOSURE_REASONS, COMPLAINT_STATUSES, ESCALATION_REFUSAL_GROUNDS, HAZARD_KINDS, OUTCOMES, REMEDY_TYPES,
} from '../complaint/index.ts';
import { EXCLUSION_GROUNDS } from '../policy/index.ts';
import { ERASED } from './erasure-placeholder.ts';
import type { PersonalValues } from './personal-data.ts';

// Replaces a person's values inside copies whose shape this service does not control: a
// stored response body, an event's data, a webhook payload, a raw import line. Identifiers
// go wherever they occur (case-insensitively); a free text only where it is the whole value,
// or inside a longer text when it is long enough not to be an ordinary word.

const LONG_TEXT = 24;
// The codes this service writes in its own JSON (a channel, a remedy type, a status…): never
// the resident's words even when they wrote the same word, so never replaced in a copy.
const CODES: ReadonlySet<string> = new Set<string>([
  ...CHANNELS, ...COMPLAINT_STATUSES, ...REMEDY_TYPES, ...OUTCOMES, ...CLOSURE_REASONS, ...HAZARD_KINDS, ...ESCALATION_REFUSAL_GROUNDS, ...EXCLUSION_GROUNDS, 'inbound', 'outbound',
]);
const isCode = (value: string) => CODES.has(value) || /^[a-z0-9]+([_.][a-z0-9]+)+$/.test(value);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Scrubber {
  text(value: string): string;
  json<T>(value: T): T;
  /** A raw text (a CSV line) whose values cannot be told apart: every value replaced wherever it occurs. */
  everywhere(value: string): string;
}

export function scrubberFor(values: PersonalValues, placeholder: string = ERASED): Scrubber {
  const inside = [...values.identifiers.filter((v) => v.length >= 3), ...values.texts.filter((v) => v.length >= LONG_TEXT)].sort((a, b) => b.length - a.length);
  const identifiers = new Set(values.identifiers.map((v) => v.toLowerCase()));
  const whole = new Set(values.texts.map((v) => v.toLowerCase()));
  const pattern = inside.length > 0 ? new RegExp(inside.map(escapeRegExp).join('|'), 'gi') : null;
  const all = searchableValues(values).sort((a, b) => b.length - a.length);
  const anywhere = all.length > 0 ? new RegExp(all.map(escapeRegExp).join('|'), 'gi') : null;
  // A short free text copied inside a longer one (a record serialised into a CSV cell, a JSON
  // string inside a string) is found as a whole delimited value: between quotes or separators.
  const delimited = values.texts.filter((v) => v.length >= 3 && !isCode(v) && v.length < LONG_TEXT).sort((a, b) => b.length - a.length);
  const cell = delimited.length > 0 ? new RegExp(`(?<=^|["',;\\t\\n])(?:${delimited.map(escapeRegExp).join('|')})(?=\\\\?["',;\\t\\r\\n]|$)`, 'gi') : null;
  const cells = (value: string) => (cell ? value.replace(cell, placeholder) : value);
  const text = (value: string): string => {
    const key = value.trim().toLowerCase();
    if (identifiers.has(key) || (whole.has(key) && !isCode(value))) return placeholder;
    return cells(pattern ? value.replace(pattern, placeholder) : value);
  };
  const json = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(json);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, json(v)]));
    return value;
  };
  return {
    text,
    json: <T>(value: T) => json(value) as T,
    everywhere: (value: string) => cells(anywhere ? value.replace(anywhere, placeholder) : value),
  };
}

/** The texts a database search for copies looks for (SQL LIKE): identifiers, and the longer free texts. */
export function searchableValues(values: PersonalValues): string[] {
  return [...values.identifiers.filter((v) => v.length >= 3), ...values.texts.filter((v) => v.length >= 8)];
}
