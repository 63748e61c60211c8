import type { WorkingDayCalendar } from '../calendar/index.ts';
import { DomainError } from '../domain-error.ts';
import type { Policy } from '../policy/index.ts';
import type { Complaint } from './complaint.ts';
import type { ComplaintEvent, ComplaintEventType, JsonValue } from './events.ts';
import { assertTransition, type CommandName } from './transitions.ts';

/** Everything a command needs besides the complaint and its input: time, who, and the rules. */
export interface CommandContext {
  /** When it really happened; not after recordedAt, not before the complaint's last event. */
  occurredAt: Date;
  /** When it was entered (the server's clock, read by the caller). */
  recordedAt: Date;
  /** The API key id or user who issued the command. */
  actor: string;
  /** The policy version the complaint was received under. */
  policy: Policy;
  /** The organisation's division calendar, with its closure days. */
  calendar: WorkingDayCalendar;
  /** The organisation is a social landlord in England (Awaab's Law); absent: the default for the calendar's division. */
  awaabsLaw?: boolean;
}

export interface CommandResult {
  complaint: Complaint;
  events: ComplaintEvent[];
}

export function instantOf(date: Date, field: string): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new DomainError('invalid_input', 'invalid_time', `${field} must be a valid instant`);
  }
  return date.toISOString();
}

/** The timing rules every command shares (api.md: occurredAt may be earlier than now, never in the future). */
export function assertTiming(ctx: CommandContext, lastEventAt: string | null): void {
  const occurred = instantOf(ctx.occurredAt, 'occurredAt');
  const recorded = instantOf(ctx.recordedAt, 'recordedAt');
  if (ctx.occurredAt.getTime() > ctx.recordedAt.getTime()) {
    throw new DomainError('conflict', 'occurred_in_future', `occurredAt ${occurred} is after the time it was recorded (${recorded})`);
  }
  if (lastEventAt !== null && ctx.occurredAt.getTime() < Date.parse(lastEventAt)) {
    throw new DomainError(
      'conflict',
      'occurred_before_previous_event',
      `occurredAt ${occurred} is before the complaint's previous event (${lastEventAt})`,
    );
  }
}

/** Transition and timing checks, in that order: an illegal move is reported before a date problem. */
export function begin(command: CommandName, complaint: Complaint, ctx: CommandContext): string {
  assertTransition(command, complaint, ctx.policy);
  assertTiming(ctx, complaint.lastEventAt);
  return ctx.occurredAt.toISOString();
}

/** The new state with version and lastEventAt moved on, and the event that records the change. */
export function commit(
  next: Complaint,
  ctx: CommandContext,
  type: ComplaintEventType,
  data: { [key: string]: JsonValue },
): CommandResult {
  const occurredAt = ctx.occurredAt.toISOString();
  const complaint: Complaint = { ...next, version: next.version + 1, lastEventAt: occurredAt };
  const event: ComplaintEvent = {
    type,
    complaintId: complaint.id,
    version: complaint.version,
    occurredAt,
    recordedAt: ctx.recordedAt.toISOString(),
    actor: ctx.actor,
    data,
  };
  return { complaint, events: [event] };
}

/** Input objects are JSON already; this drops `undefined` so the event data is JSON too. */
export function asJson(value: object): { [key: string]: JsonValue } {
  return JSON.parse(JSON.stringify(value)) as { [key: string]: JsonValue };
}
