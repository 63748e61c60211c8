import type { Division } from '../domain/calendar/index.ts';
import { DEFAULT_PRESET, INITIAL_POLICY_EFFECTIVE_FROM } from '../domain/policy/default-preset.ts';
import { findPreset, type PolicyPreset } from '../domain/policy/index.ts';
import type { Db } from './database.ts';
import { insertOrganisation, type Organisation } from './organisations.ts';
import { insertPolicyVersion } from './policy-versions.ts';

/** A new organisation with version 1 of its policy: its nation's model preset. */
export async function createOrganisation(
  db: Db,
  input: { name: string; division: Division; now: Date; presets: readonly PolicyPreset[] },
): Promise<Organisation> {
  const preset = findPreset(input.presets, DEFAULT_PRESET[input.division]);
  if (!preset) throw new Error(`policy preset ${DEFAULT_PRESET[input.division]} is not shipped`);
  const create = async (tx: Db) => {
    const organisation = await insertOrganisation(tx, input);
    await insertPolicyVersion(
      tx,
      organisation.id,
      { version: 1, effectiveFrom: INITIAL_POLICY_EFFECTIVE_FROM, preset: preset.name, policy: preset.policy, createdBy: 'system' },
      input.now,
    );
    return organisation;
  };
  return db.isTransaction ? create(db) : db.transaction().execute(create);
}
