import { randomUUID } from 'node:crypto';
import type { Complaint, ComplaintEvent, Deadline } from '../domain/complaint/index.ts';
import { publicEventOf } from '../domain/events/public-event.ts';
import { columnsOf, deadlineRow, eventRow } from './complaints.ts';
import type { Db } from './database.ts';
import { insertPublicEvents } from './events.ts';

// Many new complaints at once, for the import job: the rows insertComplaint writes for one
// (state, events, public events, deadlines), as a few multi-row statements per batch
// instead of five per complaint. A unique violation fails the whole batch; the caller
// then retries it complaint by complaint.

const chunks = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export interface NewComplaint {
  complaint: Complaint;
  events: readonly ComplaintEvent[];
  deadlines: readonly Deadline[];
}

export async function insertComplaintsBatch(tx: Db, items: readonly NewComplaint[], now: Date): Promise<void> {
  for (const part of chunks(items, 500)) {
    await tx
      .insertInto('complaints')
      .values(part.map(({ complaint }) => ({ id: complaint.id, organisation_id: complaint.organisationId, created_at: now, ...columnsOf(complaint, now) })))
      .execute();
  }
  const events = items.flatMap(({ complaint, events }) => events.map((e) => ({ complaint, e })));
  for (const part of chunks(events, 2000)) {
    await tx
      .insertInto('complaint_events')
      .values(part.map(({ complaint, e }) => eventRow(complaint.organisationId, e)))
      .execute();
    await insertPublicEvents(tx, part.map(({ complaint, e }) => publicEventOf(e, complaint, { id: randomUUID(), createdAt: now, fromPublicForm: false })));
  }
  const deadlines = items.flatMap(({ complaint, deadlines }) => deadlines.map((d) => ({ complaint, d })));
  for (const part of chunks(deadlines, 2000)) {
    await tx
      .insertInto('complaint_deadlines')
      .values(part.map(({ complaint, d }) => deadlineRow(complaint, d)))
      .execute();
  }
}
