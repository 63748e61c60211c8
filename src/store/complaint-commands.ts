import { randomUUID } from 'node:crypto';
import { londonDateOf, type CalendarFor } from '../domain/calendar/index.ts';
import {
  deadlinesOf,
  logComplaint,
  openLinkedComplaint,
  type OpenLinkedComplaintInput,
  type CommandContext,
  type CommandResult,
  type Complaint,
  type ComplaintEvent,
  type Deadline,
  type LogComplaintInput,
} from '../domain/complaint/index.ts';
import type { Clock } from '../domain/clock.ts';
import { DomainError } from '../domain/domain-error.ts';
import { awaabsLawFor } from '../domain/organisation/organisation-settings.ts';
import { policyVersionInForce } from '../domain/policy/index.ts';
import { externalRefTaken } from './external-ref-taken.ts';
import { findComplaintIdByExternalRef, lockComplaintWithConfigVersion, updateComplaint } from './complaints.ts';
import type { Db } from './database.ts';
import type { PolicyVersion } from './policy-versions.ts';
import type { Organisation } from './organisations.ts';
import { insertNewComplaint, referencePlaceholder } from './insert-new-complaint.ts';
import { cachedPolicyVersion, organisationConfig, reloadOrganisationConfig, type OrganisationConfig } from './organisation-config.ts';

// The use cases behind every complaint write: in the caller's transaction, load and lock,
// apply one pure domain command with the complaint's own policy version and the
// landlord's calendar, then save state, events and deadlines together.

export interface Actor {
  organisationId: string;
  actor: string;
  /** When the request arrived. */
  recordedAt: Date;
  /** Read again once a complaint is locked, so concurrent commands are dated in the order they apply. */
  clock: Clock;
  calendarFor: CalendarFor;
}

export interface Saved {
  complaint: Complaint;
  deadlines: Deadline[];
}

function settingsOf(organisation: Organisation, who: Actor) {
  return { calendar: who.calendarFor(organisation.division, organisation.closureDays.map((c) => c.date)), awaabsLaw: awaabsLawFor(organisation) };
}

async function assertExternalRefFree(tx: Db, organisationId: string, externalRef: string | null | undefined): Promise<void> {
  if (externalRef && (await findComplaintIdByExternalRef(tx, organisationId, externalRef))) throw externalRefTaken(externalRef);
}

/** What a new complaint is built from: the settings in force on its receipt date. */
interface NewComplaintSettings {
  config: OrganisationConfig;
  version: PolicyVersion;
  ctx: CommandContext;
  /** The reference the complaint carries until the insert numbers it. */
  placeholder: string;
}

interface BuiltComplaint {
  complaint: Complaint;
  events: readonly ComplaintEvent[];
  deadlines: Deadline[];
}

/**
 * Builds a new complaint from the cached organisation settings and writes it in one
 * statement that also numbers it and checks the settings are still current (see
 * insert-new-complaint.ts); when they changed, it is built again from a fresh read.
 */
async function writeNewComplaint<B extends BuiltComplaint>(
  tx: Db,
  who: Actor,
  first: OrganisationConfig,
  receivedAt: string,
  occurredAt: Date,
  build: (settings: NewComplaintSettings) => B,
): Promise<{ built: B; settings: NewComplaintSettings }> {
  const receivedOn = londonDateOf(receivedAt);
  const year = Number(receivedOn.slice(0, 4));
  let config = first;
  for (let attempt = 1; ; attempt++) {
    const version = policyVersionInForce(config.policyVersions, receivedOn);
    if (!version) throw new DomainError('conflict', 'no_policy_in_force', `No policy version was in force on ${receivedOn}`);
    const { calendar, awaabsLaw } = settingsOf(config.organisation, who);
    const ctx: CommandContext = { occurredAt, recordedAt: who.recordedAt, actor: who.actor, policy: version.policy, calendar, awaabsLaw };
    const settings = { config, version, ctx, placeholder: referencePlaceholder(year) };
    const built = build(settings);
    const { complaint, events, deadlines } = built;
    const reference = await insertNewComplaint(tx, { complaint, events, deadlines, now: who.recordedAt, year, placeholder: settings.placeholder, configVersion: config.configVersion });
    if (reference) return { built: { ...built, complaint: { ...complaint, reference } }, settings };
    if (attempt === 3) throw new Error(`the settings of organisation ${who.organisationId} kept changing`);
    config = await reloadOrganisationConfig(tx, who.organisationId, config);
  }
}

export async function logNewComplaint(tx: Db, who: Actor, input: LogComplaintInput, occurredAt: Date): Promise<Saved> {
  await assertExternalRefFree(tx, who.organisationId, input.externalRef);
  const id = randomUUID();
  const config = await organisationConfig(tx, who.organisationId);
  const { built } = await writeNewComplaint(tx, who, config, input.receivedAt, occurredAt, ({ version, ctx, placeholder }) => {
    const { complaint, events } = logComplaint(input, { ...ctx, id, reference: placeholder, organisationId: who.organisationId, policyVersion: version.version });
    return { complaint, events, deadlines: deadlinesOf(complaint, version.policy, ctx.calendar) };
  });
  return { complaint: built.complaint, deadlines: built.deadlines };
}

/**
 * Applies `command` to the locked complaint. `expectedVersions` (from If-Match) guards
 * against lost updates: a stale one is refused before anything changes.
 */
export async function runComplaintCommand(
  tx: Db,
  who: Actor,
  target: { complaintId: string; expectedVersions: readonly number[] | undefined; occurredAt: Date | undefined },
  command: (complaint: Complaint, ctx: CommandContext) => CommandResult,
): Promise<Saved | 'not_found' | 'stale'> {
  const locked = await lockComplaintWithConfigVersion(tx, who.organisationId, target.complaintId);
  if (!locked) return 'not_found';
  const current = locked.complaint;
  if (target.expectedVersions !== undefined && !target.expectedVersions.includes(current.version)) return 'stale';
  // The cached settings, unless the lock's statement saw them change.
  let config = await organisationConfig(tx, who.organisationId);
  if (config.configVersion !== locked.configVersion) config = await reloadOrganisationConfig(tx, who.organisationId, config);
  const policy = cachedPolicyVersion(config, current.policyVersion);
  if (!policy) throw new Error(`policy version ${current.policyVersion} of complaint ${current.id} is missing`);
  const { calendar, awaabsLaw } = settingsOf(config.organisation, who);
  // Taken under the row lock: a command without occurredAt that waited for another one
  // is dated after it, instead of before it (which the domain would refuse).
  const recordedAt = who.clock();
  const ctx: CommandContext = {
    occurredAt: target.occurredAt ?? recordedAt,
    recordedAt,
    actor: who.actor,
    policy: policy.policy,
    calendar,
    awaabsLaw,
  };
  const { complaint, events } = command(current, ctx);
  const deadlines = deadlinesOf(complaint, policy.policy, calendar);
  if (!(await updateComplaint(tx, complaint, current.version, events, deadlines, recordedAt))) return 'stale';
  return { complaint, deadlines };
}

/**
 * A matter raised after a response becomes a new complaint with its own clocks, linked
 * both ways with the original (domain §3), in one transaction. The new complaint is
 * written as logNewComplaint writes one (writeNewComplaint); the original only holds the
 * new one's id, so its update does not need the reference and follows. That update is one
 * round trip more under the year's counter row than a plain create holds it: acceptable
 * for this rarer path.
 */
export async function openLinkedNewComplaint(
  tx: Db,
  who: Actor,
  originalId: string,
  input: OpenLinkedComplaintInput,
  occurredAt: Date,
): Promise<{ original: Saved; linked: Saved } | 'not_found'> {
  const locked = await lockComplaintWithConfigVersion(tx, who.organisationId, originalId);
  if (!locked) return 'not_found';
  const original = locked.complaint;
  await assertExternalRefFree(tx, who.organisationId, input.externalRef);
  const id = randomUUID();
  let config = await organisationConfig(tx, who.organisationId);
  if (config.configVersion !== locked.configVersion) config = await reloadOrganisationConfig(tx, who.organisationId, config);
  const { built, settings } = await writeNewComplaint(tx, who, config, input.receivedAt, occurredAt, ({ version, ctx, placeholder }) => {
    const result = openLinkedComplaint(original, input, { ...ctx, id, reference: placeholder, organisationId: who.organisationId, policyVersion: version.version });
    const linked = result.linked.complaint;
    return { complaint: linked, events: result.linked.events, deadlines: deadlinesOf(linked, version.policy, ctx.calendar), original: result.original };
  });
  const originalPolicy = cachedPolicyVersion(settings.config, original.policyVersion);
  if (!originalPolicy) throw new Error(`policy version ${original.policyVersion} of complaint ${original.id} is missing`);
  const updated = built.original.complaint;
  const originalDeadlines = deadlinesOf(updated, originalPolicy.policy, settings.ctx.calendar);
  if (!(await updateComplaint(tx, updated, original.version, built.original.events, originalDeadlines, who.recordedAt))) {
    throw new Error(`complaint ${original.id} changed while locked`);
  }
  return { original: { complaint: updated, deadlines: originalDeadlines }, linked: { complaint: built.complaint, deadlines: built.deadlines } };
}
