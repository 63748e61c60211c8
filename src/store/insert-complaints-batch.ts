import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Complaint, ComplaintEvent, Deadline } from '../domain/complaint/index.ts';
import { publicEventOf } from '../domain/events/public-event.ts';
import { columnsOf, deadlineRow, eventRow } from './complaints.ts';
import type { Db } from './database.ts';
import { insertNumberedPublicEvents } from './events.ts';

// Many new complaints at once, for the import job: the rows insertNewComplaint writes for one
// (state, events, deadlines; then the public events), one statement per table per batch.
// Each statement sends its rows as ONE JSON parameter read by jsonb_populate_recordset
// against the table's own row type: thousands of bind parameters cost more to build,
// send and parse than the rows themselves. A unique violation fails the whole batch; the
// caller then retries it complaint by complaint.

export interface NewComplaint {
  complaint: Complaint;
  events: readonly ComplaintEvent[];
  deadlines: readonly Deadline[];
}

type Row = Record<string, unknown>;

/**
 * The rows as a JSON array. The mappings give a jsonb column as JSON text already
 * (`jsonText`): spliced in as it is, not encoded a second time as a string.
 */
function jsonRows(rows: readonly Row[], jsonText: string | undefined): string {
  if (jsonText === undefined) return JSON.stringify(rows);
  const key = `,${JSON.stringify(jsonText)}:`;
  return `[${rows
    .map((row) => {
      const { [jsonText]: text, ...rest } = row;
      return JSON.stringify(rest).slice(0, -1) + key + (typeof text === 'string' ? text : JSON.stringify(text ?? null)) + '}';
    })
    .join(',')}]`;
}

async function insertRows(tx: Db, table: 'complaints' | 'complaint_events' | 'complaint_deadlines', rows: readonly Row[], jsonText?: string): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const list = sql.join(columns.map((c) => sql.ref(c)));
  await sql`insert into ${sql.table(table)} (${list})
    select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${jsonRows(rows, jsonText)}::jsonb)`.execute(tx);
}

export async function insertComplaintsBatch(tx: Db, items: readonly NewComplaint[], now: Date): Promise<void> {
  await insertRows(tx, 'complaints', items.map(({ complaint }) => ({ id: complaint.id, organisation_id: complaint.organisationId, created_at: now, ...columnsOf(complaint, now) })), 'state');
  await insertRows(tx, 'complaint_events', items.flatMap(({ complaint, events }) => events.map((e) => eventRow(complaint.organisationId, e))), 'data');
  await insertRows(tx, 'complaint_deadlines', items.flatMap(({ complaint, deadlines }) => deadlines.map((d) => deadlineRow(complaint, d))));
}

/**
 * The batch's public events, numbered as they are inserted (one landlord's): the
 * transaction's last write, since it holds the landlord's feed counter until COMMIT.
 */
export async function insertBatchPublicEvents(tx: Db, organisationId: string, items: readonly NewComplaint[], now: Date): Promise<void> {
  const events = items.flatMap(({ complaint, events }) => events.map((e) => publicEventOf(e, complaint, { id: randomUUID(), createdAt: now, fromPublicForm: false })));
  await insertNumberedPublicEvents(tx, organisationId, events);
}
