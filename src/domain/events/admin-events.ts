import type { JsonValue } from '../complaint/index.ts';
import type { OrganisationSettings } from '../organisation/organisation-settings.ts';

const SETTINGS: readonly (keyof OrganisationSettings)[] = ['name', 'division', 'homes', 'closureDays', 'complaintsContact', 'ombudsman', 'intakeOrigins', 'awaabsLaw'];

/** Which settings a PUT changed, so a receiver knows whether e.g. deadlines may move (division, closure days). */
export function changedSettings(before: OrganisationSettings, after: OrganisationSettings): string[] {
  return SETTINGS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export function organisationChangedData(after: OrganisationSettings & { version: number }, changed: string[], actor: string): { [key: string]: JsonValue } {
  return { version: after.version, name: after.name, division: after.division, changedFields: changed, actor };
}

export function policyChangedData(v: { version: number; effectiveFrom: string; preset: string | null }, actor: string): { [key: string]: JsonValue } {
  return { policyVersion: v.version, effectiveFrom: v.effectiveFrom, preset: v.preset, actor };
}
