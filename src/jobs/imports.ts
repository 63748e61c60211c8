import { randomUUID } from 'node:crypto';
import { londonDateOf, parseDivision, type CalendarFor, type WorkingDayCalendar } from '../domain/calendar/index.ts';
import { LineRejected, problemOf } from '../app/imports/line-problem.ts';
import { csvFields, parseCsvLine, parseNdjsonLine, type ImportLine } from '../app/imports/parse-line.ts';
import { replayComplaint, type Replayed } from '../app/imports/replay-complaint.ts';
import type { Db } from '../store/database.ts';
import { databaseFaultOf } from '../store/database-unavailable.ts';
import { insertBatchPublicEvents, insertComplaintsBatch } from '../store/insert-complaints-batch.ts';
import {
  abandonStaleUploads,
  allocateReferences,
  claimImport,
  claimLine,
  claimPendingLines,
  finishImport,
  headerLine,
  knownRefs,
  markImported,
  recordOutcomes,
  renewLease,
  type ImportRecord,
  type LineOutcome,
} from '../store/imports.ts';
import { findOrganisation } from '../store/organisations.ts';
import { listPolicyVersions, type PolicyVersion } from '../store/policy-versions.ts';

export const IMPORT_ACTOR_PREFIX = 'import:';
export const DEFAULT_UPLOAD_IDLE_MS = 15 * 60_000;

/** Two workers on PostgreSQL when the pool has a connection for each and one for references; else one. */
export const importWorkersFor = (database: { kind: 'postgres'; poolMax: number } | { kind: 'pglite' }): number =>
  database.kind === 'postgres' && database.poolMax >= 3 ? 2 : 1;

export interface ImportJobOptions {
  clock: () => Date;
  calendarFor: CalendarFor;
  /** How long a worker holds an import between batches before another may take it over. */
  leaseMs?: number;
  batchSize?: number;
  /**
   * Batches of one import in flight at once in this process (default 1), each in its own
   * transaction on its own lines. More than one needs a connection each and one more (for
   * references): PostgreSQL only, never PGlite's single connection.
   */
  workers?: number;
  /** An upload still `receiving` with nothing stored for this long is given up as `failed` (default 15 minutes). */
  uploadIdleMs?: number;
  /** Work on this import only (the upload's own kick-off). */
  only?: string;
}

interface Setting {
  record: ImportRecord;
  calendar: WorkingDayCalendar;
  versions: PolicyVersion[];
  header: string[] | null;
  /**
   * Where references are allocated: in the batch's transaction (gap-free), or, with
   * several workers, on a connection of their own, so the receipt year's counter row is
   * not held from one batch's allocation to its COMMIT, serialising the workers.
   */
  referencesOn: Db | undefined;
}

type Parsed = { lineNo: number; line: ImportLine } | { lineNo: number; outcome: LineOutcome };

function parse(setting: Setting, lineNo: number, content: string): Parsed {
  try {
    const line = setting.header ? parseCsvLine(setting.header, content) : parseNdjsonLine(content);
    return { lineNo, line };
  } catch (error) {
    if (!(error instanceof LineRejected)) throw error;
    return { lineNo, outcome: { lineNo, state: 'rejected', externalRef: null, problem: error.problem } };
  }
}

/** One batch in one transaction: each complaint all or nothing (replayed in memory first), the outcomes with them. */
async function runBatch(tx: Db, setting: Setting, parsed: readonly Parsed[], now: Date): Promise<void> {
  const { record } = setting;
  const refs = parsed.flatMap((p) => ('line' in p ? [p.line.externalRef] : []));
  const known = await knownRefs(tx, record.organisationId, refs);
  const outcomes: LineOutcome[] = [];
  const toWrite: { line: ImportLine; replayed: Replayed; lineNo: number }[] = [];
  for (const p of parsed) {
    if ('outcome' in p) {
      outcomes.push(p.outcome);
      continue;
    }
    const { line, lineNo } = p;
    const reject = (code: string, detail: string) =>
      outcomes.push({ lineNo, state: 'rejected', externalRef: line.externalRef, problem: problemOf('conflict', code, detail, [{ field: 'externalRef', message: detail }]) });
    const before = known.imported.get(line.externalRef);
    if (before !== undefined) {
      if (before === line.hash) outcomes.push({ lineNo, state: 'unchanged', externalRef: line.externalRef });
      else reject('import_line_differs', `${line.externalRef} was imported before from a different line: it is left as it was, never overwritten`);
      continue;
    }
    if (known.live.has(line.externalRef)) {
      reject('external_ref_taken', `A complaint with externalRef ${line.externalRef} was logged through the API: it is not imported over`);
      continue;
    }
    try {
      const id = randomUUID();
      const replayed = replayComplaint(line, { organisationId: record.organisationId, versions: setting.versions, calendar: setting.calendar, recordedAt: now, actor: `${IMPORT_ACTOR_PREFIX}${record.id}`, id });
      known.imported.set(line.externalRef, line.hash);
      toWrite.push({ line, replayed, lineNo });
      outcomes.push({ lineNo, state: 'imported', externalRef: line.externalRef });
    } catch (error) {
      if (!(error instanceof LineRejected)) throw error;
      outcomes.push({ lineNo, state: 'rejected', externalRef: line.externalRef, problem: error.problem });
    }
  }
  if (!record.dryRun && toWrite.length > 0) {
    const years = new Map<number, typeof toWrite>();
    for (const w of toWrite) {
      const year = Number(londonDateOf(w.replayed.complaint.receivedAt).slice(0, 4));
      years.set(year, [...(years.get(year) ?? []), w]);
    }
    // In year order, so two workers lock the reference counters in the same order.
    for (const [year, items] of [...years].sort((a, b) => a[0] - b[0])) {
      const references = await allocateReferences(setting.referencesOn ?? tx, record.organisationId, year, items.length);
      items.forEach((w, i) => (w.replayed.complaint = { ...w.replayed.complaint, reference: references[i]! }));
    }
    await insertComplaintsBatch(tx, toWrite.map((w) => w.replayed), now);
    await markImported(
      tx,
      toWrite.map(({ line, replayed }) => ({ organisationId: record.organisationId, externalRef: line.externalRef, complaintId: replayed.complaint.id, lineHash: line.hash, importId: record.id })),
    );
  }
  await recordOutcomes(tx, record.id, outcomes, now);
  // Last: from here to COMMIT the landlord's feed counter is held.
  if (!record.dryRun) await insertBatchPublicEvents(tx, record.organisationId, toWrite.map((w) => w.replayed), now);
}

async function settingOf(db: Db, record: ImportRecord, calendarFor: CalendarFor, referencesOn: Db | undefined): Promise<Setting> {
  const organisation = await findOrganisation(db, record.organisationId);
  if (!organisation) throw new Error(`import ${record.id}: organisation ${record.organisationId} is missing`);
  const calendar = calendarFor(parseDivision(organisation.division), organisation.closureDays.map((c) => c.date));
  const header = record.format === 'csv' ? csvFields((await headerLine(db, record.id)) ?? '').map((h) => h.trim()) : null;
  return { record, calendar, versions: await listPolicyVersions(db, record.organisationId), header, referencesOn };
}

/**
 * One batch: the next pending lines nobody holds, replayed and written with their
 * outcomes in one transaction; how many lines it took (0: none left to take).
 */
async function workOnce(db: Db, setting: Setting, batchSize: number, now: Date, cursor: { after: number }): Promise<number> {
  let parsed: Parsed[] | undefined;
  try {
    await db.transaction().execute(async (tx) => {
      const lines = await claimPendingLines(tx, setting.record.id, batchSize, cursor.after);
      cursor.after = Math.max(cursor.after, lines.at(-1)?.lineNo ?? 0);
      parsed = lines.map((l) => parse(setting, l.lineNo, l.content));
      if (parsed.length > 0) await runBatch(tx, setting, parsed, now);
    });
    return parsed?.length ?? 0;
  } catch (error) {
    // The database gone, or the claim itself failing, is no line's fault: the lines stay pending.
    if (!parsed || databaseFaultOf(error)) throw error;
  }
  // A database refusal (say an externalRef created live meanwhile): line by line, so one
  // complaint's failure rejects that line only. Lines another worker took meanwhile are its.
  for (const p of parsed) {
    try {
      await db.transaction().execute(async (tx) => {
        if (await claimLine(tx, setting.record.id, p.lineNo)) await runBatch(tx, setting, [p], now);
      });
    } catch (lineError) {
      if (databaseFaultOf(lineError)) throw lineError;
      const detail = lineError instanceof Error ? lineError.message : String(lineError);
      const externalRef = 'line' in p ? p.line.externalRef : null;
      await db.transaction().execute(async (tx) => {
        if (await claimLine(tx, setting.record.id, p.lineNo)) {
          await recordOutcomes(tx, setting.record.id, [{ lineNo: p.lineNo, state: 'rejected', externalRef, problem: problemOf('conflict', 'import_write_failed', detail) }], now);
        }
      });
    }
  }
  return parsed.length;
}

/** Several workers on one import, each taking its own lines; true if this call marked it done. */
async function processOne(db: Db, record: ImportRecord, options: ImportJobOptions): Promise<boolean> {
  const workers = Math.max(1, options.workers ?? 1);
  const setting = await settingOf(db, record, options.calendarFor, workers > 1 ? db : undefined);
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 250;
  // Where this process's workers claim next; a last pass from the start finds any line
  // left behind (released by a batch that rolled back, or by another instance).
  const cursor = { after: 0 };
  const worker = async () => {
    for (let fromStart = false; ; ) {
      if ((await workOnce(db, setting, batchSize, options.clock(), fromStart ? { after: 0 } : cursor)) > 0) {
        await renewLease(db, record.id, new Date(options.clock().getTime() + leaseMs));
      } else if (fromStart) return;
      else fromStart = true;
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return finishImport(db, record.id, options.clock());
}

/**
 * Gives up uploads that stopped arriving (uploadIdleMs), then works through the imports
 * waiting (or abandoned by a worker that died: its lease ran out) until none is left;
 * returns how many it finished. Lines are taken in order, locked by the batch's
 * transaction, and each batch commits with its outcomes, so a crash redoes at most the
 * batches it was in, and two instances on one import never take a line twice.
 */
export async function processImports(db: Db, options: ImportJobOptions): Promise<number> {
  await abandonStaleUploads(db, options.clock(), options.uploadIdleMs ?? DEFAULT_UPLOAD_IDLE_MS);
  let finished = 0;
  for (;;) {
    const record = await db.transaction().execute((tx) => claimImport(tx, options.clock(), options.leaseMs ?? 60_000, options.only));
    if (!record) return finished;
    if (await processOne(db, record, options)) finished++;
  }
}
