import { sql } from 'kysely';
import { DomainError } from '../domain/domain-error.ts';
import type { Db } from './database.ts';
import { findOrganisation, type Organisation } from './organisations.ts';
import { listPolicyVersions, type PolicyVersion } from './policy-versions.ts';

// What every complaint command reads besides the complaint: the organisation (its division
// and closure days make the calendar) and its policy versions. They change rarely, so each
// process keeps them, with the organisation's `config_version` at the time they were read
// (moved on by triggers whenever either changes; see the 20261202T0400 migration). A
// writer checks that number in a statement it sends anyway (the insert of a new complaint,
// the lock of an existing one) and reloads when it moved, so no instance acts on settings
// another instance has since changed: the check and the write see the same snapshot.

export interface OrganisationConfig {
  /** The organisation's config_version read before the data below (so the data is at least this new). */
  configVersion: number;
  organisation: Organisation;
  policyVersions: PolicyVersion[];
}

const MAX_CACHED = 10_000;
const cache = new Map<string, OrganisationConfig>();

async function load(db: Db, organisationId: string): Promise<OrganisationConfig> {
  const row = (await sql<{ config_version: number }>`select config_version from organisations where id = ${organisationId}`.execute(db)).rows[0];
  const organisation = row && (await findOrganisation(db, organisationId));
  if (!row || !organisation) throw new DomainError('not_found', 'not_found', 'The organisation was not found');
  const config = { configVersion: Number(row.config_version), organisation, policyVersions: await listPolicyVersions(db, organisationId) };
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(organisationId, config);
  return config;
}

/** The organisation's settings and policy versions, from this process's cache when it has them. */
export async function organisationConfig(db: Db, organisationId: string): Promise<OrganisationConfig> {
  return cache.get(organisationId) ?? load(db, organisationId);
}

/** Reads them again: the caller found `stale` is no longer the organisation's config_version. */
export async function reloadOrganisationConfig(db: Db, organisationId: string, stale: OrganisationConfig): Promise<OrganisationConfig> {
  if (cache.get(organisationId) === stale) cache.delete(organisationId);
  return load(db, organisationId);
}

/** The policy version a complaint keeps, from the cached list. */
export function cachedPolicyVersion(config: OrganisationConfig, version: number): PolicyVersion | undefined {
  return config.policyVersions.find((v) => v.version === version);
}
