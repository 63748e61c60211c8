import { randomUUID } from 'node:crypto';
import { isDivision, type Division } from '../domain/calendar/index.ts';
import { DEFAULT_OMBUDSMAN } from '../domain/organisation/ombudsmen.ts';
import type { OrganisationSettings } from '../domain/organisation/organisation-settings.ts';
import type { Db } from './database.ts';

export interface Organisation extends OrganisationSettings {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const columns = [
  'id', 'name', 'division', 'homes', 'closure_days', 'complaints_contact', 'ombudsman', 'intake_origins', 'awaabs_law', 'version', 'created_at', 'updated_at',
] as const;

type Row = {
  id: string;
  name: string;
  division: string;
  homes: OrganisationSettings['homes'];
  closure_days: OrganisationSettings['closureDays'];
  complaints_contact: Record<string, string | null>;
  ombudsman: Record<string, string | null> | null;
  intake_origins: string[];
  awaabs_law: boolean | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

function toOrganisation(row: Row): Organisation {
  const division: Division = isDivision(row.division) ? row.division : 'england-and-wales';
  const contact = row.complaints_contact;
  return {
    id: row.id,
    name: row.name,
    division,
    homes: row.homes,
    closureDays: row.closure_days,
    complaintsContact: {
      email: contact.email ?? null,
      phone: contact.phone ?? null,
      address: contact.address ?? null,
      website: contact.website ?? null,
    },
    ombudsman: (row.ombudsman as OrganisationSettings['ombudsman'] | null) ?? DEFAULT_OMBUDSMAN[division],
    intakeOrigins: row.intake_origins,
    awaabsLaw: row.awaabs_law,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function settingsColumns(settings: Partial<OrganisationSettings>) {
  return {
    ...(settings.name !== undefined ? { name: settings.name } : {}),
    ...(settings.division !== undefined ? { division: settings.division } : {}),
    ...(settings.homes ? { homes: JSON.stringify(settings.homes) } : {}),
    ...(settings.closureDays ? { closure_days: JSON.stringify(settings.closureDays) } : {}),
    ...(settings.complaintsContact ? { complaints_contact: JSON.stringify(settings.complaintsContact) } : {}),
    ...(settings.ombudsman ? { ombudsman: JSON.stringify(settings.ombudsman) } : {}),
    ...(settings.intakeOrigins ? { intake_origins: settings.intakeOrigins } : {}),
    // A PUT replaces the settings: leaving it out goes back to the division's default.
    awaabs_law: settings.awaabsLaw ?? null,
  };
}

export async function insertOrganisation(
  db: Db,
  input: { name: string; division: Division; now: Date } & Partial<OrganisationSettings>,
): Promise<Organisation> {
  const row = await db
    .insertInto('organisations')
    .values({
      homes: '[]',
      closure_days: '[]',
      complaints_contact: JSON.stringify({ email: null, phone: null, address: null, website: null }),
      intake_origins: [],
      ...settingsColumns(input),
      id: randomUUID(),
      name: input.name,
      division: input.division,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toOrganisation(row);
}

export async function findOrganisation(db: Db, organisationId: string): Promise<Organisation | undefined> {
  const row = await db.selectFrom('organisations').select(columns).where('id', '=', organisationId).executeTakeFirst();
  return row && toOrganisation(row);
}

/**
 * Replaces the settings when `expectedVersions` (If-Match) includes the current version (or not given); returns the new
 * state, or 'stale' when another writer got there first.
 */
export async function updateOrganisation(
  db: Db,
  organisationId: string,
  settings: OrganisationSettings,
  expectedVersions: readonly number[] | undefined,
  now: Date,
): Promise<Organisation | 'stale'> {
  let query = db
    .updateTable('organisations')
    .set((eb) => ({ ...settingsColumns(settings), updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', organisationId);
  if (expectedVersions !== undefined) {
    if (expectedVersions.length === 0) return 'stale';
    query = query.where('version', 'in', expectedVersions);
  }
  const row = await query.returning(columns).executeTakeFirst();
  return row ? toOrganisation(row) : 'stale';
}

export async function countOrganisations(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

export interface CalendarSettings {
  id: string;
  division: string;
  closureDays: string[];
  /** The calendar fingerprint its deadlines were last counted on; null before the first sweep. */
  deadlinesCalendar: string | null;
}

/** Every landlord's calendar settings, for the sweep, which works landlord by landlord on each one's calendar. */
export async function listCalendarSettings(db: Db): Promise<CalendarSettings[]> {
  const rows = await db.selectFrom('organisations').select(['id', 'division', 'closure_days', 'deadlines_calendar']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, division: r.division, closureDays: r.closure_days.map((c) => c.date), deadlinesCalendar: r.deadlines_calendar }));
}

export async function markDeadlinesCalendar(db: Db, organisationId: string, fingerprint: string): Promise<void> {
  await db.updateTable('organisations').set({ deadlines_calendar: fingerprint }).where('id', '=', organisationId).execute();
}
