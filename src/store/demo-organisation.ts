import { sql } from 'kysely';
import { SCOPES } from '../domain/access/scopes.ts';
import { createApiKey, type CreatedApiKey } from './api-keys.ts';
import type { Db } from './database.ts';
import type { PolicyPreset } from '../domain/policy/index.ts';
import { createOrganisation } from './create-organisation.ts';
import { countOrganisations } from './organisations.ts';

/**
 * On an empty database, creates a demo organisation with an admin key holding every scope,
 * so a new user can call the API at once. Returns undefined when any organisation exists.
 * Runs in one transaction behind an advisory lock so two first starts create one demo.
 */
export async function bootstrapDemoOrganisation(
  db: Db,
  now: Date,
  presets: readonly PolicyPreset[],
): Promise<CreatedApiKey | undefined> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('demo-bootstrap'))`.execute(tx);
    if ((await countOrganisations(tx)) > 0) return undefined;
    const organisation = await createOrganisation(tx, { name: 'Demo Housing Association', division: 'england-and-wales', now, presets });
    return createApiKey(tx, { organisationId: organisation.id, name: 'demo admin key', scopes: SCOPES, now });
  });
}
