import { londonDateOf, type WorkingDayCalendar } from '../../domain/calendar/index.ts';
import { deadlinesOf, logComplaint, type Complaint, type ComplaintEvent, type Deadline, type LogComplaintInput } from '../../domain/complaint/index.ts';
import { policyVersionInForce, type Policy } from '../../domain/policy/index.ts';
import { HISTORY_COMMANDS } from './history-commands.ts';
import { LineRejected, problemOf, problemOfError } from './line-problem.ts';
import type { ImportLine } from './parse-line.ts';

export interface Replayed {
  complaint: Complaint;
  events: ComplaintEvent[];
  deadlines: Deadline[];
}

export interface ReplayContext {
  organisationId: string;
  versions: readonly { version: number; effectiveFrom: string; policy: Policy }[];
  calendar: WorkingDayCalendar;
  recordedAt: Date;
  actor: string;
  id: string;
}

/**
 * A complaint and its history through the same pure domain commands as the live API, in
 * memory: all of it is valid, or the line is rejected and nothing is written. The create
 * is logged at its `occurredAt`, else at its receipt (an import is history, not news).
 */
export function replayComplaint(line: ImportLine, ctx: ReplayContext): Replayed {
  const { occurredAt, ...create } = line.create;
  const receivedAt = typeof create.receivedAt === 'string' ? create.receivedAt : '';
  let receivedOn: string;
  try {
    receivedOn = londonDateOf(receivedAt);
  } catch (error) {
    throw new LineRejected(problemOfError(error, 'receivedAt'));
  }
  const version = policyVersionInForce(ctx.versions, receivedOn);
  if (!version) throw new LineRejected(problemOf('conflict', 'no_policy_in_force', `No policy version was in force on ${receivedOn}`));
  const base = { recordedAt: ctx.recordedAt, actor: ctx.actor, policy: version.policy, calendar: ctx.calendar };
  let result;
  try {
    const at = new Date(typeof occurredAt === 'string' ? occurredAt : receivedAt);
    result = logComplaint(create as unknown as LogComplaintInput, {
      ...base,
      occurredAt: at,
      id: ctx.id,
      // Allocated by the caller once the line is known to import (references are never wasted on rejections).
      reference: '',
      organisationId: ctx.organisationId,
      policyVersion: version.version,
    });
  } catch (error) {
    throw new LineRejected(problemOfError(error));
  }
  let complaint = result.complaint;
  const events = [...result.events];
  line.history.forEach((step, i) => {
    const { command, occurredAt: when, ...input } = step;
    try {
      const next = HISTORY_COMMANDS[command as string]!(complaint, input, { ...base, occurredAt: new Date(when as string) });
      complaint = next.complaint;
      events.push(...next.events);
    } catch (error) {
      throw new LineRejected(problemOfError(error, `history[${i}] (${String(command)})`));
    }
  });
  return { complaint, events, deadlines: deadlinesOf(complaint, version.policy, ctx.calendar) };
}
