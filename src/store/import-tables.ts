import type { ColumnType, Generated } from 'kysely';
import type { Db } from './database.ts';

// Row types of the import tables, added to a handle with `withImportTables` so the import
// store owns them (as event-tables.ts does for events).
type Instant = ColumnType<Date, Date | string, Date | string>;

/** `failed`: its upload was cut off (see failure_reason); nothing of it is processed. */
export type ImportStatus = 'receiving' | 'queued' | 'processing' | 'done' | 'failed';
/** `header`: a CSV file's first line, never a complaint. */
export type LineState = 'pending' | 'imported' | 'unchanged' | 'rejected' | 'header';

export interface ImportsTable {
  id: string;
  organisation_id: string;
  format: 'ndjson' | 'csv';
  dry_run: boolean;
  status: ImportStatus;
  lines_read: Generated<number>;
  imported: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
  finished_at: Instant | null;
  lease_until: Instant | null;
  failure_reason: string | null;
}

export interface ImportLinesTable {
  import_id: string;
  line_no: number;
  content: string;
  state: Generated<LineState>;
}

export interface ImportRejectionsTable {
  import_id: string;
  line_no: number;
  external_ref: string | null;
  problem: ColumnType<Record<string, unknown>, string, string>;
}

export interface ImportedComplaintsTable {
  organisation_id: string;
  external_ref: string;
  complaint_id: string;
  line_hash: string;
  import_id: string;
}

type ImportTables = {
  imports: ImportsTable;
  import_lines: ImportLinesTable;
  import_rejections: ImportRejectionsTable;
  imported_complaints: ImportedComplaintsTable;
};

export const withImportTables = (db: Db) => db.withTables<ImportTables>();
export type ImportsDb = ReturnType<typeof withImportTables>;
