import { createHash } from 'node:crypto';
import { HISTORY_COMMANDS } from './history-commands.ts';
import { LineRejected, problemOf } from './line-problem.ts';

/** One complaint of an import: the create body of POST /v1/complaints and its commands in order. */
export interface ImportLine {
  create: Record<string, unknown>;
  history: Record<string, unknown>[];
  externalRef: string;
  /** Of the parsed line: the same complaint sent again has the same hash. */
  hash: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (field: string, message: string) => new LineRejected(problemOf('invalid_input', 'validation_failed', `${field} ${message}`, [{ field, message }]));

/** The checks a schema would make before the domain's: the line's shape, each command named and dated. */
function importLineOf(value: unknown): ImportLine {
  if (!isObject(value)) throw invalid('line', 'must be a JSON object');
  const { history = [], ...create } = value;
  if (typeof create.externalRef !== 'string' || create.externalRef.trim() === '') throw invalid('externalRef', 'is required: it makes the import idempotent');
  if (!Array.isArray(history)) throw invalid('history', 'must be an array of commands');
  history.forEach((step, i) => {
    if (!isObject(step)) throw invalid(`history[${i}]`, 'must be an object');
    if (typeof step.command !== 'string' || !(step.command in HISTORY_COMMANDS)) throw invalid(`history[${i}].command`, `must be one of ${Object.keys(HISTORY_COMMANDS).join(', ')}`);
    if (typeof step.occurredAt !== 'string') throw invalid(`history[${i}].occurredAt`, 'is required: when it really happened');
  });
  const steps = history as Record<string, unknown>[];
  const hash = createHash('sha256').update(JSON.stringify({ create, history: steps })).digest('base64url');
  return { create, history: steps, externalRef: create.externalRef.trim(), hash };
}

export function parseNdjsonLine(text: string): ImportLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('line', 'is not valid JSON');
  }
  return importLineOf(value);
}

/** RFC 4180 fields of one record (a quoted field may hold commas, doubled quotes and line breaks: see csv-records.ts). */
export function csvFields(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw invalid('line', 'has an unterminated quoted field');
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const c = text.indexOf(',', i);
      field = text.slice(i, c < 0 ? text.length : c);
      i = c < 0 ? text.length : c;
    }
    out.push(field);
    if (text[i] !== ',') return out;
    i++;
  }
}

/** The documented flat CSV layout (README, "Importing history"), one column per field. */
export const CSV_COLUMNS = [
  'externalRef', 'channel', 'receivedAt', 'complainantName', 'complainantEmail', 'complainantPhone', 'tenancyRef', 'description', 'category', 'serviceArea',
  'outcomesSought', 'acknowledgedAt', 'handler', 'definition', 'respondedAt', 'decision', 'reasons', 'escalatedAt', 'stage2AcknowledgedAt', 'stage2Handler',
  'stage2RespondedAt', 'stage2Decision', 'stage2Reasons', 'closedAt', 'closeReason',
] as const;

/** A CSV record as the NDJSON line it stands for: the create fields and the main dates as commands. */
export function parseCsvLine(header: readonly string[], text: string): ImportLine {
  const cells = csvFields(text);
  const get = (name: (typeof CSV_COLUMNS)[number]) => {
    const at = header.indexOf(name);
    const v = at < 0 ? '' : (cells[at] ?? '').trim();
    return v === '' ? undefined : v;
  };
  const outcomesSought = (get('outcomesSought') ?? '').split(';').map((s) => s.trim()).filter(Boolean);
  const definition = get('definition') ?? get('description');
  const create: Record<string, unknown> = {
    externalRef: get('externalRef'),
    channel: get('channel'),
    receivedAt: get('receivedAt'),
    complainant: { name: get('complainantName'), email: get('complainantEmail'), phone: get('complainantPhone'), tenancyRef: get('tenancyRef') },
    description: get('description'),
    category: get('category'),
    serviceArea: get('serviceArea'),
    outcomesSought,
  };
  const history: Record<string, unknown>[] = [];
  const answer = (stage: 1 | 2, decision: string | undefined, reasons: string | undefined) => ({
    stage, definition, decisions: [{ matterId: 'm1', outcome: decision, reasons: reasons ?? 'See the response letter' }], remedies: [], outstandingActions: [], escalationExplained: true,
  });
  const step = (command: string, occurredAt: string | undefined, body: object) => occurredAt && history.push({ command, occurredAt, ...body });
  step('acknowledge', get('acknowledgedAt'), { definition, outcomesSought, handler: get('handler') });
  step('respond', get('respondedAt'), answer(1, get('decision'), get('reasons')));
  step('escalate', get('escalatedAt'), {});
  step('acknowledge-stage-2', get('stage2AcknowledgedAt'), { definition, outcomesSought, handler: get('stage2Handler') });
  step('respond', get('stage2RespondedAt'), answer(2, get('stage2Decision'), get('stage2Reasons')));
  step('close', get('closedAt'), { reason: get('closeReason') ?? (get('stage2RespondedAt') ? 'stage_2_response' : 'resolved_at_stage_1') });
  return importLineOf(JSON.parse(JSON.stringify({ ...create, history })));
}
