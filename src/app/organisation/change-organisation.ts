import { randomUUID } from 'node:crypto';
import { changedSettings, organisationChangedData } from '../../domain/events/admin-events.ts';
import type { OrganisationSettings } from '../../domain/organisation/organisation-settings.ts';
import type { Db } from '../../store/database.ts';
import { insertPublicEvents } from '../../store/events.ts';
import { findOrganisation, updateOrganisation, type Organisation } from '../../store/organisations.ts';

/** Replaces the settings and records `organisation.changed` in the same transaction. */
export async function changeOrganisation(
  db: Db,
  input: { organisationId: string; settings: OrganisationSettings; expectedVersions: readonly number[] | undefined; now: Date; actor: string },
): Promise<Organisation | 'stale'> {
  return db.transaction().execute(async (tx) => {
    const before = await findOrganisation(tx, input.organisationId);
    const after = await updateOrganisation(tx, input.organisationId, input.settings, input.expectedVersions, input.now);
    if (after === 'stale' || !before) return after;
    await insertPublicEvents(tx, [
      {
        id: randomUUID(),
        type: 'organisation.changed',
        organisationId: input.organisationId,
        complaintId: null,
        occurredAt: input.now,
        createdAt: input.now,
        data: organisationChangedData(after, changedSettings(before, after), input.actor),
      },
    ]);
    return after;
  });
}
