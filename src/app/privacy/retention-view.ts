import type { RetentionSchedule } from '../../domain/privacy/retention.ts';
import { DEFAULT_RETENTION_YEARS } from '../../domain/privacy/retention.ts';
import type { Db } from '../../store/database.ts';
import { findRetentionSchedule, nextAnonymisationOn, saveRetentionSchedule } from '../../store/retention.ts';

export interface RetentionView extends RetentionSchedule {
  nextAnonymisationOn: string | null;
}

/** The landlord's schedule as GET /v1/organisation shows it, with the date it next applies. */
export async function retentionView(db: Db, organisationId: string): Promise<RetentionView> {
  const schedule = (await findRetentionSchedule(db, organisationId)) ?? { anonymiseAfterYears: DEFAULT_RETENTION_YEARS };
  return { ...schedule, nextAnonymisationOn: await nextAnonymisationOn(db, organisationId) };
}

export async function changeRetention(db: Db, organisationId: string, schedule: RetentionSchedule): Promise<RetentionView | undefined> {
  if (!(await saveRetentionSchedule(db, organisationId, schedule))) return undefined;
  return retentionView(db, organisationId);
}
