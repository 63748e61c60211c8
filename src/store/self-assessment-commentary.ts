import { sql } from 'kysely';
import type { Db } from './database.ts';

// The landlord's commentary per Code provision and financial year (migration 20261202T0600).

export interface Commentary {
  provision: string;
  commentary: string;
  updatedAt: Date;
  updatedBy: string;
}

export async function listCommentary(db: Db, organisationId: string, financialYear: number): Promise<Commentary[]> {
  const { rows } = await sql<{ provision: string; commentary: string; updated_at: Date; updated_by: string }>`
    select provision, commentary, updated_at, updated_by from self_assessment_commentary
    where organisation_id = ${organisationId} and financial_year = ${financialYear}
    order by provision`.execute(db);
  return rows.map((r) => ({ provision: r.provision, commentary: r.commentary, updatedAt: new Date(r.updated_at), updatedBy: r.updated_by }));
}

/** Sets one provision's commentary (replacing any); an empty text removes it. */
export async function putCommentary(db: Db, organisationId: string, c: { financialYear: number; provision: string; commentary: string; now: Date; actor: string }): Promise<void> {
  if (c.commentary === '') {
    await sql`delete from self_assessment_commentary where organisation_id = ${organisationId} and financial_year = ${c.financialYear} and provision = ${c.provision}`.execute(db);
    return;
  }
  await sql`
    insert into self_assessment_commentary (organisation_id, financial_year, provision, commentary, updated_at, updated_by)
    values (${organisationId}, ${c.financialYear}, ${c.provision}, ${c.commentary}, ${c.now}, ${c.actor})
    on conflict (organisation_id, financial_year, provision)
    do update set commentary = excluded.commentary, updated_at = excluded.updated_at, updated_by = excluded.updated_by`.execute(db);
}
