import { sql } from 'kysely';
import type { Db } from './database.ts';

/** The ids of every complaint (and informal record) of the resident with this reference, oldest first. */
export async function complaintIdsOfResident(db: Db, organisationId: string, residentRef: string): Promise<string[]> {
  const rows = await db
    .selectFrom('complaints')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where(sql<string>`state #>> '{complainant,residentRef}'`, '=', residentRef)
    .orderBy('received_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map((r) => r.id);
}
