import type { CalendarFor, IsoDate } from '../domain/calendar/index.ts';
import { planPolicyChange, type PolicyChangeRequest } from '../domain/policy/policy-change.ts';
import type { PolicyPreset } from '../domain/policy/index.ts';
import { complaintsUnderHistoricVersion, type AlreadyReceived } from './backdated-policy.ts';
import type { Db } from './database.ts';
import { recordPolicyChanged } from './admin-public-events.ts';
import { findPolicyVersion, insertPolicyVersion, listPolicyVersions, lockPolicyVersions, type PolicyVersion } from './policy-versions.ts';

/** Applies a policy change as a new version, one writer per organisation at a time. */
export async function changePolicy(
  db: Db,
  input: { organisationId: string; request: PolicyChangeRequest; presets: readonly PolicyPreset[]; today: IsoDate; now: Date; actor: string; calendarFor: CalendarFor },
): Promise<{ created: boolean; version: PolicyVersion; alreadyReceived?: AlreadyReceived }> {
  return db.transaction().execute(async (tx) => {
    await lockPolicyVersions(tx, input.organisationId);
    const existing = await listPolicyVersions(tx, input.organisationId);
    const change = planPolicyChange(input.request, existing, input.presets, input.today);
    if (change.kind === 'unchanged') {
      const version = await findPolicyVersion(tx, input.organisationId, change.version);
      if (!version) throw new Error(`policy version ${change.version} vanished`);
      return { created: false, version };
    }
    const version = await insertPolicyVersion(
      tx,
      input.organisationId,
      { version: change.version, effectiveFrom: change.effectiveFrom, preset: change.preset, policy: change.policy, createdBy: input.actor },
      input.now,
    );
    await recordPolicyChanged(tx, input.organisationId, version, input.actor, input.now);
    if (input.request.backdate !== true) return { created: true, version };
    const replan = input.request.replan === true;
    const alreadyReceived = await complaintsUnderHistoricVersion(tx, { ...input, version, versions: [...existing, version], replan });
    return { created: true, version, alreadyReceived };
  });
}
