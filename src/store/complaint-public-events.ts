import { randomUUID } from 'node:crypto';
import type { Complaint, ComplaintEvent } from '../domain/complaint/index.ts';
import { publicEventOf } from '../domain/events/public-event.ts';
import type { Db } from './database.ts';
import { insertPublicEvents } from './events.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A key's scopes never change once it exists, so the answer is kept per key (a bounded map).
const intakeOnlyKeys = new Map<string, boolean>();

/** A complaint came through the public form when the acting key can do nothing but intake. */
export async function actedWithIntakeKey(tx: Db, actor: string): Promise<boolean> {
  if (!UUID.test(actor)) return false;
  const known = intakeOnlyKeys.get(actor);
  if (known !== undefined) return known;
  const key = await tx.selectFrom('api_keys').select('scopes').where('id', '=', actor).executeTakeFirst();
  const intakeOnly = key !== undefined && key.scopes.length > 0 && key.scopes.every((s) => s === 'intake:create');
  if (key !== undefined) {
    if (intakeOnlyKeys.size >= 10_000) intakeOnlyKeys.clear();
    intakeOnlyKeys.set(actor, intakeOnly);
  }
  return intakeOnly;
}

/** The public events of a command's domain events, written in the caller's transaction. */
export async function recordComplaintPublicEvents(tx: Db, complaint: Complaint, events: readonly ComplaintEvent[], now: Date): Promise<void> {
  if (events.length === 0) return;
  const logged = events.find((e) => e.type === 'complaint.logged');
  const fromPublicForm = logged ? await actedWithIntakeKey(tx, logged.actor) : false;
  await insertPublicEvents(
    tx,
    events.map((e) => publicEventOf(e, complaint, { id: randomUUID(), createdAt: now, fromPublicForm })),
  );
}
