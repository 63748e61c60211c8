import { sql } from 'kysely';
import type { RetentionSchedule } from '../domain/privacy/retention.ts';
import type { Db } from './database.ts';
import { withPrivacyTables } from './privacy-tables.ts';

// The landlord's retention schedule and the complaints it makes due. `privacy_ended_on` is
// the day the complaint ended (a generated column, see migration 20261202T0300); adding
// years to a date in PostgreSQL keeps the day or takes the month's last, as the domain's addMonths.

export async function findRetentionSchedule(db: Db, organisationId: string): Promise<RetentionSchedule | undefined> {
  const row = await withPrivacyTables(db).selectFrom('organisations').select('retention_years').where('id', '=', organisationId).executeTakeFirst();
  return row && { anonymiseAfterYears: row.retention_years };
}

export async function saveRetentionSchedule(db: Db, organisationId: string, schedule: RetentionSchedule): Promise<boolean> {
  const result = await withPrivacyTables(db).updateTable('organisations').set({ retention_years: schedule.anonymiseAfterYears }).where('id', '=', organisationId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Open at the Ombudsman (see the domain's legal holds): the schedule cannot say when it ends.
const OMBUDSMAN_OPEN = sql`(coalesce(c.state #> '{ombudsman,referral}', 'null') <> 'null'::jsonb
  and (coalesce(c.state #> '{ombudsman,determination}', 'null') = 'null'::jsonb or jsonb_path_exists(c.state, '$.ombudsman.orders[*] ? (@.completedAt == null)')))`;

/** The first date the schedule anonymises one of the landlord's complaints (earlier than today when the sweep has yet to run); null when none is due ever, as things stand. */
export async function nextAnonymisationOn(db: Db, organisationId: string): Promise<string | null> {
  const { rows } = await sql<{ next: string | null }>`
    select min(c.privacy_ended_on + make_interval(years => o.retention_years))::date as next
    from complaints c join organisations o on o.id = c.organisation_id
    where c.organisation_id = ${organisationId} and c.anonymised_at is null and c.privacy_ended_on is not null and c.legal_hold is null and not ${OMBUDSMAN_OPEN}`.execute(db);
  return rows[0]?.next ?? null;
}

/**
 * The next complaint due for anonymisation on `today`, across landlords, its row locked;
 * SKIP LOCKED so another instance's sweep takes a different one, never the same.
 */
export async function claimDueForAnonymisation(tx: Db, today: string, skip: readonly string[]): Promise<{ id: string; organisationId: string } | undefined> {
  const skipping = skip.length > 0 ? sql`and c.id not in (${sql.join([...skip])})` : sql``;
  const { rows } = await sql<{ id: string; organisation_id: string }>`
    select c.id, c.organisation_id from complaints c join organisations o on o.id = c.organisation_id
    where c.anonymised_at is null and c.legal_hold is null and c.privacy_ended_on is not null and c.privacy_ended_on <= (${today}::date - interval '1 year')
      and c.privacy_ended_on + make_interval(years => o.retention_years) <= ${today}::date ${skipping}
    order by c.privacy_ended_on, c.id
    limit 1
    for update of c skip locked`.execute(tx);
  const r = rows[0];
  return r && { id: r.id, organisationId: r.organisation_id };
}
