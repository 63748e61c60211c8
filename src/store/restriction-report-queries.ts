import { sql } from 'kysely';
import type { Period } from '../domain/reporting/index.ts';
import type { RestrictionFigures } from '../domain/reporting/index.ts';
import type { Db } from './database.ts';

/** Contact restrictions for unacceptable behaviour that started in the period (domain §6). */
export async function restrictionFiguresIn(db: Db, organisationId: string, period: Period): Promise<RestrictionFigures> {
  const { rows } = await sql<{ started: string; residents: string; ended: string }>`
    SELECT count(*) AS started,
      count(DISTINCT coalesce(c.state #>> '{complainant,residentRef}', c.id::text)) AS residents,
      count(*) FILTER (WHERE r->>'endedAt' IS NOT NULL) AS ended
    FROM complaints c, jsonb_array_elements(coalesce(c.state->'contactRestrictions', '[]'::jsonb)) r
    WHERE c.organisation_id = ${organisationId} AND c.state ? 'contactRestrictions'
      AND (r->>'startsOn') BETWEEN ${period.from} AND ${period.to}`.execute(db);
  const r = rows[0];
  return { started: Number(r?.started ?? 0), residents: Number(r?.residents ?? 0), ended: Number(r?.ended ?? 0) };
}
