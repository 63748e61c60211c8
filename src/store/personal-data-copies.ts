import { sql } from 'kysely';
import type { ComplaintEvent } from '../domain/complaint/index.ts';
import type { Scrubber } from '../domain/privacy/scrub.ts';
import type { Db } from './database.ts';

// Every place a complaint's personal data is copied to besides its own row: its events, the
// public feed, the outbox, webhook deliveries and the receivers' answers, stored
// Idempotency-Key responses (a whole response body each, for 30 days), and bulk import
// lines and their rejections. An export reads them; an erasure rewrites them in place
// (deleting a stored response would let a retried POST run twice).

const likeAny = (column: ReturnType<typeof sql.raw>, needles: readonly string[]) =>
  needles.length === 0 ? sql`false` : sql`(${sql.join(needles.map((n) => sql`${column} ilike ${`%${n.replace(/[\\%_]/g, '\\$&')}%`}`), sql` or `)})`;

export async function listComplaintEventsOf(db: Db, organisationId: string, complaintIds: readonly string[]): Promise<ComplaintEvent[]> {
  if (complaintIds.length === 0) return [];
  const rows = await db
    .selectFrom('complaint_events')
    .select(['complaint_id', 'version', 'type', 'occurred_at', 'recorded_at', 'actor', 'data'])
    .where('organisation_id', '=', organisationId)
    .where('complaint_id', 'in', complaintIds)
    .orderBy('complaint_id')
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    complaintId: r.complaint_id, version: r.version, type: r.type as ComplaintEvent['type'], occurredAt: r.occurred_at.toISOString(), recordedAt: r.recorded_at.toISOString(),
    actor: r.actor, data: r.data as ComplaintEvent['data'],
  }));
}

export interface WebhookPayloadCopy {
  deliveryId: string;
  subscriptionId: string;
  eventType: string;
  createdAt: Date;
  status: string;
  complaintId: string;
  payload: string;
}

/** The webhook deliveries that carried one of the complaints (their payload names its id). */
export async function listWebhookPayloadsOf(db: Db, organisationId: string, complaintIds: readonly string[]): Promise<WebhookPayloadCopy[]> {
  if (complaintIds.length === 0) return [];
  const { rows } = await sql<{ id: string; subscription_id: string; event_type: string; created_at: Date; status: string; payload: string; complaint_id: string }>`
    select d.id, d.subscription_id, d.event_type, d.created_at, d.status, d.payload, ids.id as complaint_id
    from webhook_deliveries d join unnest(${sql.val([...complaintIds])}::uuid[]) as ids(id) on strpos(d.payload, ids.id::text) > 0
    where d.organisation_id = ${organisationId}
    order by d.created_at, d.id`.execute(db);
  return rows.map((r) => ({ deliveryId: r.id, subscriptionId: r.subscription_id, eventType: r.event_type, createdAt: r.created_at, status: r.status, complaintId: r.complaint_id, payload: r.payload }));
}

const parsedOr = (text: string, scrub: Scrubber): string => {
  try {
    return JSON.stringify(scrub.json(JSON.parse(text) as unknown));
  } catch {
    return scrub.everywhere(text);
  }
};

/**
 * Rewrites every copy of the complaint's personal data: rows of the complaint itself, and
 * any other row of the landlord that holds one of `needles`. Returns how many rows changed, by table.
 */
export async function scrubCopies(tx: Db, q: { organisationId: string; complaintId: string; scrub: Scrubber; needles: readonly string[] }): Promise<Record<string, number>> {
  const { organisationId: org, complaintId: id, scrub, needles } = q;
  const changed: Record<string, number> = {};
  const count = (table: string, n: number) => {
    if (n > 0) changed[table] = (changed[table] ?? 0) + n;
  };

  const jsonRows = async (table: string, key: string, column: string, where: ReturnType<typeof sql>) => {
    const { rows } = await sql<{ k: string; v: unknown }>`select ${sql.raw(key)} as k, ${sql.raw(column)} as v from ${sql.raw(table)} where ${where} for update`.execute(tx);
    let n = 0;
    for (const r of rows) {
      const after = scrub.json(r.v);
      if (JSON.stringify(after) === JSON.stringify(r.v)) continue;
      await sql`update ${sql.raw(table)} set ${sql.raw(column)} = ${JSON.stringify(after)}::jsonb where ${sql.raw(key)} = ${r.k} and ${where}`.execute(tx);
      n++;
    }
    count(table, n);
  };
  const textRows = async (table: string, key: string, column: string, where: ReturnType<typeof sql>, rewrite: (v: string) => string) => {
    const { rows } = await sql<{ k: string; v: string | null }>`select ${sql.raw(key)} as k, ${sql.raw(column)} as v from ${sql.raw(table)} where ${where} for update`.execute(tx);
    let n = 0;
    for (const r of rows) {
      if (r.v === null) continue;
      const after = rewrite(r.v);
      if (after === r.v) continue;
      await sql`update ${sql.raw(table)} set ${sql.raw(column)} = ${after} where ${sql.raw(key)} = ${r.k} and ${where}`.execute(tx);
      n++;
    }
    count(table, n);
  };

  await jsonRows('complaint_events', "complaint_id::text || '/' || version || '/' || type", 'data', sql`organisation_id = ${org} and complaint_id = ${id}`);
  await jsonRows('events', 'id::text', 'data', sql`organisation_id = ${org} and (complaint_id = ${id} or ${likeAny(sql.raw('data::text'), needles)})`);
  await jsonRows('outbox_events', 'id::text', 'payload', sql`organisation_id = ${org} and complaint_id = ${id}`);
  await jsonRows('idempotency_keys', 'key', 'response_body', sql`organisation_id = ${org} and (strpos(response_body::text, ${id}) > 0 or ${likeAny(sql.raw('response_body::text'), needles)})`);
  await textRows('webhook_deliveries', 'id::text', 'payload', sql`organisation_id = ${org} and (strpos(payload, ${id}) > 0 or ${likeAny(sql.raw('payload'), needles)})`, (v) => parsedOr(v, scrub));
  await textRows('webhook_attempts', 'id::text', 'response_body', sql`organisation_id = ${org} and ${likeAny(sql.raw('response_body'), needles)}`, (v) => scrub.everywhere(v));
  const ofImports = sql`import_id in (select i.id from imports i where i.organisation_id = ${org})`;
  await textRows('import_lines', "import_id::text || '/' || line_no", 'content', sql`${ofImports} and state <> 'pending' and ${likeAny(sql.raw('content'), needles)}`, (v) => parsedOr(v, scrub));
  await jsonRows('import_rejections', "import_id::text || '/' || line_no", 'problem', sql`${ofImports} and ${likeAny(sql.raw('problem::text'), needles)}`);
  return changed;
}
