import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Db } from '../../store/database.ts';
import { appendLines, createImport, failUpload, queueImport } from '../../store/imports.ts';
import { CsvRecords } from './csv-records.ts';

/** Lines kept per statement: a few hundred kilobytes, so memory stays flat whatever the file's size. */
const CHUNK_LINES = 500;

export interface ReceivedUpload {
  id: string;
  /** File lines read. */
  lines: number;
  /** False when the body ended early (the client went, the connection broke): the import is `failed`. */
  complete: boolean;
}

/**
 * Streams an upload into the import's rows as it arrives, then queues it for the job.
 * Line numbers are the file's (from 1); blank lines are skipped; a CSV file's first record
 * is its header, and a CSV record whose quoted field holds line breaks (RFC 4180) is one
 * line, numbered by the file line it starts on. An upload cut off half way is marked
 * `failed` at once; one whose instance died stays `receiving` until the import job gives
 * it up (abandonStaleUploads). Either way, send the file again.
 */
export async function receiveUpload(
  db: Db,
  input: { organisationId: string; format: 'ndjson' | 'csv'; dryRun: boolean; actor: string; body: Readable; now: () => Date },
): Promise<ReceivedUpload> {
  const id = randomUUID();
  await createImport(db, { id, organisationId: input.organisationId, format: input.format, dryRun: input.dryRun, actor: input.actor, now: input.now() });
  let lineNo = 0;
  let records = 0;
  let chunk: { lineNo: number; content: string; header?: boolean }[] = [];
  const csv = input.format === 'csv' ? new CsvRecords() : undefined;
  const keep = (startLine: number, content: string) => {
    if (content.trim() === '') return;
    records++;
    chunk.push({ lineNo: startLine, content, ...(csv && records === 1 ? { header: true } : {}) });
  };
  let failure: string | undefined;
  const reader = createInterface({ input: input.body, crlfDelay: Infinity });
  // An error of the body (an aborted request, a reset socket) ends the loop below, not the
  // process; a body closed before its end (destroyed without an error) would leave it
  // waiting for ever, so it closes the reader.
  const onError = (error: Error) => (failure ??= `upload_interrupted: ${error.message}`);
  const onClose = () => {
    if (input.body.readableEnded) return;
    failure ??= 'upload_interrupted: the request body ended before the end of the file';
    reader.close();
  };
  input.body.on('error', onError);
  input.body.on('close', onClose);
  try {
    for await (const raw of reader) {
      lineNo++;
      const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (!csv) keep(lineNo, text);
      else {
        const record = csv.push(lineNo, text);
        if (record) keep(record.lineNo, record.content);
      }
      if (chunk.length >= CHUNK_LINES) {
        await appendLines(db, id, chunk, lineNo, input.now());
        chunk = [];
      }
    }
  } catch (error) {
    failure ??= `upload_interrupted: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    // The error listener stays: an error after the end must not become an uncaught one.
    input.body.off('close', onClose);
  }
  if (failure === undefined && !input.body.readableEnded) failure = 'upload_interrupted: the request body ended before the end of the file';
  if (failure !== undefined) {
    await failUpload(db, id, failure, input.now());
    return { id, lines: lineNo, complete: false };
  }
  const rest = csv?.end();
  if (rest) keep(rest.lineNo, rest.content);
  await appendLines(db, id, chunk, lineNo, input.now());
  await queueImport(db, id, input.now());
  return { id, lines: lineNo, complete: true };
}
