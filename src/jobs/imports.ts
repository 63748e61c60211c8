import { randomUUID } from 'node:crypto';
import { londonDateOf, parseDivision, type CalendarFor, type WorkingDayCalendar } from '../domain/calendar/index.ts';
import { LineRejected, problemOf } from '../app/imports/line-problem.ts';
import { csvFields, parseCsvLine, parseNdjsonLine, type ImportLine } from '../app/imports/parse-line.ts';
import { replayComplaint, type Replayed } from '../app/imports/replay-complaint.ts';
import type { Db } from '../store/database.ts';
import { insertComplaintsBatch } from '../store/insert-complaints-batch.ts';
import {
  allocateReferences,
  claimImport,
  finishImport,
  headerLine,
  knownRefs,
  markImported,
  pendingLines,
  recordOutcomes,
  renewLease,
  type ImportRecord,
  type LineOutcome,
} from '../store/imports.ts';
import { findOrganisation } from '../store/organisations.ts';
import { listPolicyVersions, type PolicyVersion } from '../store/policy-versions.ts';

export const IMPORT_ACTOR_PREFIX = 'import:';

export interface ImportJobOptions {
  clock: () => Date;
  calendarFor: CalendarFor;
  /** How long a worker holds an import between batches before another may take it over. */
  leaseMs?: number;
  batchSize?: number;
  /** Work on this import only (the upload's own kick-off). */
  only?: string;
}

interface Setting {
  record: ImportRecord;
  calendar: WorkingDayCalendar;
  versions: PolicyVersion[];
  header: string[] | null;
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
    for (const [year, items] of years) {
      const references = await allocateReferences(tx, record.organisationId, year, items.length);
      items.forEach((w, i) => (w.replayed.complaint = { ...w.replayed.complaint, reference: references[i]! }));
    }
    await insertComplaintsBatch(tx, toWrite.map((w) => w.replayed), now);
    await markImported(
      tx,
      toWrite.map(({ line, replayed }) => ({ organisationId: record.organisationId, externalRef: line.externalRef, complaintId: replayed.complaint.id, lineHash: line.hash, importId: record.id })),
    );
  }
  await recordOutcomes(tx, record.id, outcomes, now);
}

async function settingOf(db: Db, record: ImportRecord, calendarFor: CalendarFor): Promise<Setting> {
  const organisation = await findOrganisation(db, record.organisationId);
  if (!organisation) throw new Error(`import ${record.id}: organisation ${record.organisationId} is missing`);
  const calendar = calendarFor(parseDivision(organisation.division), organisation.closureDays.map((c) => c.date));
  const header = record.format === 'csv' ? csvFields((await headerLine(db, record.id)) ?? '').map((h) => h.trim()) : null;
  return { record, calendar, versions: await listPolicyVersions(db, record.organisationId), header };
}

async function processOne(db: Db, record: ImportRecord, options: ImportJobOptions): Promise<void> {
  const setting = await settingOf(db, record, options.calendarFor);
  const leaseMs = options.leaseMs ?? 60_000;
  for (;;) {
    const lines = await pendingLines(db, record.id, options.batchSize ?? 250);
    const now = options.clock();
    if (lines.length === 0) return finishImport(db, record.id, now);
    const parsed = lines.map((l) => parse(setting, l.lineNo, l.content));
    try {
      await db.transaction().execute((tx) => runBatch(tx, setting, parsed, now));
    } catch {
      // A database refusal (say an externalRef created live meanwhile): line by line, so
      // one complaint's failure rejects that line only.
      for (const p of parsed) {
        try {
          await db.transaction().execute((tx) => runBatch(tx, setting, [p], now));
        } catch (lineError) {
          const detail = lineError instanceof Error ? lineError.message : String(lineError);
          const externalRef = 'line' in p ? p.line.externalRef : null;
          await db.transaction().execute((tx) =>
            recordOutcomes(tx, record.id, [{ lineNo: p.lineNo, state: 'rejected', externalRef, problem: problemOf('conflict', 'import_write_failed', detail) }], now),
          );
        }
      }
    }
    await renewLease(db, record.id, new Date(options.clock().getTime() + leaseMs));
  }
}

/**
 * Works through the imports waiting (or abandoned by a worker that died: its lease ran
 * out) until none is left; returns how many it finished. Lines are taken in order and
 * each batch commits with its outcomes, so a crash redoes at most the batch it was in.
 */
export async function processImports(db: Db, options: ImportJobOptions): Promise<number> {
  let finished = 0;
  for (;;) {
    const record = await db.transaction().execute((tx) => claimImport(tx, options.clock(), options.leaseMs ?? 60_000, options.only));
    if (!record) return finished;
    await processOne(db, record, options);
    finished++;
  }
}
