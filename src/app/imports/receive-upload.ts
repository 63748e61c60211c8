import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Db } from '../../store/database.ts';
import { appendLines, createImport, queueImport } from '../../store/imports.ts';

/** Lines kept per statement: a few hundred kilobytes, so memory stays flat whatever the file's size. */
const CHUNK_LINES = 500;

/**
 * Streams an upload into the import's rows as it arrives, then queues it for the job.
 * Line numbers are the file's (from 1); blank lines are skipped; a CSV file's first line is
 * its header. An upload cut off half way stays `receiving` and is never processed: send
 * the file again (lines imported before are `unchanged`).
 */
export async function receiveUpload(
  db: Db,
  input: { organisationId: string; format: 'ndjson' | 'csv'; dryRun: boolean; actor: string; body: Readable; now: () => Date },
): Promise<{ id: string; lines: number }> {
  const id = randomUUID();
  await createImport(db, { id, organisationId: input.organisationId, format: input.format, dryRun: input.dryRun, actor: input.actor, now: input.now() });
  let lineNo = 0;
  let chunk: { lineNo: number; content: string; header?: boolean }[] = [];
  const reader = createInterface({ input: input.body, crlfDelay: Infinity });
  for await (const raw of reader) {
    lineNo++;
    const content = raw.replace(/^\uFEFF/, '');
    if (content.trim() === '') continue;
    chunk.push({ lineNo, content, ...(input.format === 'csv' && lineNo === 1 ? { header: true } : {}) });
    if (chunk.length >= CHUNK_LINES) {
      await appendLines(db, id, chunk);
      chunk = [];
    }
  }
  await appendLines(db, id, chunk);
  await queueImport(db, id, input.now());
  return { id, lines: lineNo };
}
