import type { Db } from './database.ts';

/**
 * Counts a hit in a fixed one-minute window shared by every instance (kept in
 * PostgreSQL, not in process memory) and says whether it is within `limit`.
 * Older windows of the same bucket are dropped as it goes.
 */
export async function hitRateLimit(
  db: Db,
  input: { organisationId: string; bucket: string; limit: number; now: Date },
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const windowStart = new Date(Math.floor(input.now.getTime() / 60_000) * 60_000);
  await db
    .deleteFrom('rate_limit_buckets')
    .where('organisation_id', '=', input.organisationId)
    .where('bucket', '=', input.bucket)
    .where('window_start', '<', windowStart)
    .execute();
  const { hits } = await db
    .insertInto('rate_limit_buckets')
    .values({ organisation_id: input.organisationId, bucket: input.bucket, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['organisation_id', 'bucket', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limit_buckets.hits', '+', 1) })))
    .returning('hits')
    .executeTakeFirstOrThrow();
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + 60_000 - input.now.getTime()) / 1000);
  return { allowed: hits <= input.limit, retryAfterSeconds };
}

/** Whether any organisation accepts web-form complaints from this origin (CORS preflight). */
export async function isKnownIntakeOrigin(db: Db, origin: string): Promise<boolean> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where((eb) => eb(eb.val(origin), '=', eb.fn.any('intake_origins')))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
