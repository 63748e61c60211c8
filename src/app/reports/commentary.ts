import type { Db } from '../../store/database.ts';
import { listCommentary, putCommentary } from '../../store/self-assessment-commentary.ts';

export interface CommentaryView {
  year: number;
  provision: string;
  commentary: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/**
 * Sets (or, with an empty text, removes) the landlord's commentary on one provision of a
 * year's self-assessment. A replace: sending the same text again changes nothing but the time.
 */
export async function setCommentary(db: Db, organisationId: string, c: { year: number; provision: string; commentary: string; now: Date; actor: string }): Promise<CommentaryView> {
  const text = c.commentary.trim();
  await putCommentary(db, organisationId, { financialYear: c.year, provision: c.provision, commentary: text, now: c.now, actor: c.actor });
  const stored = (await listCommentary(db, organisationId, c.year)).find((s) => s.provision === c.provision);
  return {
    year: c.year,
    provision: c.provision,
    commentary: stored?.commentary ?? null,
    updatedAt: stored ? stored.updatedAt.toISOString() : null,
    updatedBy: stored?.updatedBy ?? null,
  };
}
