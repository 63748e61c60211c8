import type { ColumnType } from 'kysely';
import type { Db } from './database.ts';

// Row types of the personal-data feature (migration 20261202T0300), added to a handle with
// `withPrivacyTables` so the privacy store files own them (as event-tables.ts does).
type Instant = ColumnType<Date, Date | string, Date | string>;

export interface AccessRecordsTable {
  id: string;
  organisation_id: string;
  at: Instant;
  actor: string;
  action: string;
  complaint_ids: string[];
  detail: ColumnType<Record<string, unknown>, string, string>;
}

/** The columns this feature adds to complaints and organisations. */
interface ComplaintPrivacyColumns {
  anonymised_at: Instant | null;
  legal_hold: ColumnType<{ reason: string; setBy: string; setAt: string } | null, string | null, string | null>;
  privacy_ended_on: ColumnType<string | null, never, never>;
}

type PrivacyTables = {
  access_records: AccessRecordsTable;
  complaints: ComplaintPrivacyColumns;
  organisations: { retention_years: ColumnType<number, number | undefined, number> };
};

export const withPrivacyTables = (db: Db) => db.withTables<PrivacyTables>();
