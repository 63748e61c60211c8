import { sql } from 'kysely';
import type { Db } from './database.ts';
import { withImportTables, type ImportStatus, type LineState } from './import-tables.ts';

// The import's rows: the uploaded lines (kept as they stream in), their outcomes, the
// rejections, and which line each externalRef was imported from.

export interface ImportRecord {
  id: string;
  organisationId: string;
  format: 'ndjson' | 'csv';
  dryRun: boolean;
  status: ImportStatus;
  linesRead: number;
  imported: number;
  unchanged: number;
  rejected: number;
  createdAt: Date;
  finishedAt: Date | null;
  /** Why a `failed` import failed. */
  failureReason: string | null;
}

const COLUMNS = ['id', 'organisation_id', 'format', 'dry_run', 'status', 'lines_read', 'imported', 'unchanged', 'rejected', 'created_at', 'finished_at', 'failure_reason'] as const;

function toRecord(r: {
  id: string; organisation_id: string; format: 'ndjson' | 'csv'; dry_run: boolean; status: ImportStatus;
  lines_read: number; imported: number; unchanged: number; rejected: number; created_at: Date; finished_at: Date | null; failure_reason: string | null;
}): ImportRecord {
  return {
    id: r.id, organisationId: r.organisation_id, format: r.format, dryRun: r.dry_run, status: r.status,
    linesRead: r.lines_read, imported: r.imported, unchanged: r.unchanged, rejected: r.rejected, createdAt: r.created_at, finishedAt: r.finished_at,
    failureReason: r.failure_reason,
  };
}

export async function createImport(db: Db, i: { id: string; organisationId: string; format: 'ndjson' | 'csv'; dryRun: boolean; actor: string; now: Date }): Promise<void> {
  await withImportTables(db)
    .insertInto('imports')
    .values({ id: i.id, organisation_id: i.organisationId, format: i.format, dry_run: i.dryRun, status: 'receiving', created_by: i.actor, created_at: i.now, updated_at: i.now })
    .execute();
}

/**
 * One chunk of the upload (each line numbered by the file line it starts on), with the
 * count of file lines read so far and the time, in one statement pair: an upload that
 * stops moving it for long is taken for cut off (abandonStaleUploads).
 */
export async function appendLines(db: Db, importId: string, lines: readonly { lineNo: number; content: string; header?: boolean }[], linesRead: number, now: Date): Promise<void> {
  const t = withImportTables(db);
  if (lines.length > 0) {
    await t
      .insertInto('import_lines')
      .values(lines.map((l) => ({ import_id: importId, line_no: l.lineNo, content: l.content, ...(l.header ? { state: 'header' as const } : {}) }))).onConflict((oc) => oc.doNothing()).execute();
  }
  await t.updateTable('imports').set({ lines_read: linesRead, updated_at: now }).where('id', '=', importId).execute();
}

/** The upload is complete: the lines may be processed. False when it was given up meanwhile. */
export async function queueImport(db: Db, importId: string, now: Date): Promise<boolean> {
  const result = await withImportTables(db).updateTable('imports').set({ status: 'queued', updated_at: now }).where('id', '=', importId).where('status', '=', 'receiving').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An upload that did not arrive whole: `failed` with the reason; its lines are never processed. */
export async function failUpload(db: Db, importId: string, reason: string, now: Date): Promise<void> {
  await withImportTables(db)
    .updateTable('imports')
    .set({ status: 'failed', failure_reason: reason, finished_at: now, updated_at: now })
    .where('id', '=', importId)
    .where('status', '=', 'receiving')
    .execute();
}

/**
 * Uploads still `receiving` with nothing stored for `idleMs` (their instance died, or the
 * connection hung): `failed`, in one statement, so several instances doing it at once
 * fail each once. Returns how many.
 */
export async function abandonStaleUploads(db: Db, now: Date, idleMs: number): Promise<number> {
  const minutes = Math.round(idleMs / 60_000);
  const result = await withImportTables(db)
    .updateTable('imports')
    .set({
      status: 'failed',
      failure_reason: `upload_abandoned: nothing arrived for ${minutes >= 1 ? `${minutes} minute(s)` : `${Math.round(idleMs / 1000)} s`}; send the file again (lines imported before are unchanged)`,
      finished_at: now,
      updated_at: now,
    })
    .where('status', '=', 'receiving')
    .where('updated_at', '<', new Date(now.getTime() - idleMs))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findImport(db: Db, organisationId: string, id: string): Promise<ImportRecord | undefined> {
  const row = await withImportTables(db).selectFrom('imports').select(COLUMNS).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/**
 * Takes an import to work on: queued, or processing with its lease run out (its worker
 * died). SKIP LOCKED and the lease keep every other instance off it until then.
 */
export async function claimImport(db: Db, now: Date, leaseMs: number, only?: string): Promise<ImportRecord | undefined> {
  const t = withImportTables(db);
  const { rows } = await sql<{ id: string }>`
    select id from imports
    where status in ('queued', 'processing') and (lease_until is null or lease_until < ${now})
      ${only ? sql`and id = ${only}` : sql``}
    order by created_at limit 1 for update skip locked`.execute(db);
  const id = rows[0]?.id;
  if (id === undefined) return undefined;
  const row = await t
    .updateTable('imports')
    .set({ status: 'processing', lease_until: new Date(now.getTime() + leaseMs), updated_at: now })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

export async function renewLease(db: Db, importId: string, until: Date): Promise<void> {
  await withImportTables(db).updateTable('imports').set({ lease_until: until }).where('id', '=', importId).execute();
}

/**
 * Takes up to `limit` of the import's next pending lines for this transaction: their rows
 * stay locked until it ends (its outcomes are written in it), and SKIP LOCKED lets other
 * workers, of this instance or another, take the lines after them meanwhile. A worker
 * that dies drops its locks with its transaction: the lines are pending again. From
 * `afterLine`: the lines before it are done, so the index entries they left are not
 * walked again on every claim (80 ms a claim at 30,000 lines from the start).
 */
export async function claimPendingLines(tx: Db, importId: string, limit: number, afterLine = 0): Promise<{ lineNo: number; content: string }[]> {
  const rows = await withImportTables(tx)
    .selectFrom('import_lines')
    .select(['line_no', 'content'])
    .where('import_id', '=', importId)
    .where('state', '=', 'pending')
    .where('line_no', '>', afterLine)
    .orderBy('line_no')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => ({ lineNo: r.line_no, content: r.content }));
}

/** One line, if still pending and nobody holds it (a failed batch's lines, retried one by one). */
export async function claimLine(tx: Db, importId: string, lineNo: number): Promise<boolean> {
  const row = await withImportTables(tx)
    .selectFrom('import_lines')
    .select('line_no')
    .where('import_id', '=', importId)
    .where('line_no', '=', lineNo)
    .where('state', '=', 'pending')
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  return row !== undefined;
}

export interface LineOutcome {
  lineNo: number;
  state: Exclude<LineState, 'pending' | 'header'>;
  externalRef: string | null;
  problem?: Record<string, unknown>;
}

/** Saves a batch's outcomes and moves the counters on, in the batch's transaction. */
export async function recordOutcomes(tx: Db, importId: string, outcomes: readonly LineOutcome[], now: Date): Promise<void> {
  if (outcomes.length === 0) return;
  const t = withImportTables(tx);
  // One statement, each line found through the primary key from an unnest (an `in (...)`
  // list on a table growing faster than its statistics was planned as a scan of it).
  await sql`
    update import_lines l set state = o.state
    from unnest(${outcomes.map((o) => o.lineNo)}::int[], ${outcomes.map((o) => o.state)}::text[]) as o(line_no, state)
    where l.import_id = ${importId} and l.line_no = o.line_no`.execute(tx);
  const rejected = outcomes.filter((o) => o.state === 'rejected');
  if (rejected.length > 0) {
    await t
      .insertInto('import_rejections')
      .values(rejected.map((o) => ({ import_id: importId, line_no: o.lineNo, external_ref: o.externalRef, problem: JSON.stringify(o.problem ?? {}) })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const count = (s: string) => outcomes.filter((o) => o.state === s).length;
  await t
    .updateTable('imports')
    .set((eb) => ({
      imported: eb('imported', '+', count('imported')),
      unchanged: eb('unchanged', '+', count('unchanged')),
      rejected: eb('rejected', '+', count('rejected')),
      updated_at: now,
    }))
    .where('id', '=', importId)
    .execute();
}

/** Done once no line is pending (another worker may still hold some); true for the caller that marked it. */
export async function finishImport(db: Db, importId: string, now: Date): Promise<boolean> {
  const t = withImportTables(db);
  const result = await t
    .updateTable('imports')
    .set({ status: 'done', finished_at: now, lease_until: null, updated_at: now })
    .where('id', '=', importId)
    .where('status', '=', 'processing')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('import_lines').select('line_no').where('import_id', '=', importId).where('state', '=', 'pending'))))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * How each externalRef was imported before (its line's hash), and which are taken by
 * complaints logged live. Each ref is looked up through its unique index from an unnest
 * of the batch's refs: during an import the tables grow faster than their statistics, and
 * an `in (...)` list was planned as a scan of the whole table, every batch (0.5 s a batch
 * at 20,000 complaints, growing with each).
 */
export async function knownRefs(db: Db, organisationId: string, refs: readonly string[]): Promise<{ imported: Map<string, string>; live: Set<string> }> {
  if (refs.length === 0) return { imported: new Map(), live: new Set() };
  const { rows } = await sql<{ ref: string; line_hash: string | null; complaint: boolean }>`
    select r.ref, i.line_hash, c.id is not null as complaint
    from unnest(${[...new Set(refs)]}::text[]) as r(ref)
    left join imported_complaints i on i.organisation_id = ${organisationId} and i.external_ref = r.ref
    left join complaints c on c.organisation_id = ${organisationId} and c.external_ref = r.ref
    where i.line_hash is not null or c.id is not null`.execute(db);
  const imported = new Map<string, string>();
  const live = new Set<string>();
  for (const r of rows) {
    if (r.line_hash !== null) imported.set(r.ref, r.line_hash);
    else if (r.complaint) live.add(r.ref);
  }
  return { imported, live };
}

export async function markImported(tx: Db, rows: readonly { organisationId: string; externalRef: string; complaintId: string; lineHash: string; importId: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await withImportTables(tx)
    .insertInto('imported_complaints')
    .values(rows.map((row) => ({ organisation_id: row.organisationId, external_ref: row.externalRef, complaint_id: row.complaintId, line_hash: row.lineHash, import_id: row.importId })))
    .execute();
}

export async function listRejections(db: Db, organisationId: string, importId: string, page: { afterLine: number; limit: number }) {
  const rows = await withImportTables(db)
    .selectFrom('import_rejections as r')
    .innerJoin('imports as i', 'i.id', 'r.import_id')
    .select(['r.line_no', 'r.external_ref', 'r.problem'])
    .where('i.organisation_id', '=', organisationId)
    .where('r.import_id', '=', importId)
    .where('r.line_no', '>', page.afterLine)
    .orderBy('r.line_no')
    .limit(page.limit)
    .execute();
  return rows.map((r) => ({ line: r.line_no, externalRef: r.external_ref, problem: r.problem }));
}

/** `count` consecutive references of a receipt year, in one upsert (as insertNewComplaint's counter upsert, in bulk). */
export async function allocateReferences(tx: Db, organisationId: string, year: number, count: number): Promise<string[]> {
  const { last_number } = await tx
    .insertInto('complaint_reference_counters')
    .values({ organisation_id: organisationId, year, last_number: count })
    .onConflict((oc) => oc.columns(['organisation_id', 'year']).doUpdateSet((eb) => ({ last_number: eb('complaint_reference_counters.last_number', '+', count) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Array.from({ length: count }, (_, i) => `CMP-${year}-${String(last_number - count + 1 + i).padStart(6, '0')}`);
}

/** A CSV import's header: its first line, kept out of the work. */
export async function headerLine(db: Db, importId: string): Promise<string | undefined> {
  const row = await withImportTables(db).selectFrom('import_lines').select('content').where('import_id', '=', importId).where('line_no', '=', 1).executeTakeFirst();
  return row?.content;
}
