import type { Db } from './database.ts';

/**
 * The next human reference for an organisation, e.g. CMP-2026-000123: numbered per
 * receipt year, allocated with an upsert so concurrent writers never share a number.
 */
export async function nextComplaintReference(db: Db, organisationId: string, year: number): Promise<string> {
  const { last_number } = await db
    .insertInto('complaint_reference_counters')
    .values({ organisation_id: organisationId, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['organisation_id', 'year']).doUpdateSet((eb) => ({ last_number: eb('complaint_reference_counters.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return `CMP-${year}-${String(last_number).padStart(6, '0')}`;
}
