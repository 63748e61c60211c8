import type { FastifyRequest } from 'fastify';
import { deadlineAsOf, type Complaint, type Deadline } from '../../domain/complaint/index.ts';
import { londonDateOf, type CalendarFor } from '../../domain/calendar/index.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Actor } from '../../store/complaint-commands.ts';
import type { Db } from '../../store/database.ts';
import { principalOf } from '../auth.ts';
import { etagOf } from '../etag.ts';

/** A complaint as the API shows it: the aggregate, with its deadlines as of now (an unmet one past due says breached). */
export function complaintView(complaint: Complaint, deadlines: readonly Deadline[], now: Date) {
  const today = londonDateOf(now);
  const at = now.toISOString();
  return { ...complaint, deadlines: deadlines.map((d) => deadlineAsOf(d, today, at)) };
}

/** A 201 for a new complaint: its version and where it lives. */
export function createdComplaintHeaders(complaint: Complaint): Record<string, string> {
  return { etag: etagOf(complaint.version), location: `/v1/complaints/${complaint.id}` };
}

export function actorOf(request: FastifyRequest, deps: { clock: Clock; calendarFor: CalendarFor }): Actor {
  const { organisationId, apiKeyId } = principalOf(request);
  return { organisationId, actor: apiKeyId, recordedAt: deps.clock(), clock: deps.clock, calendarFor: deps.calendarFor };
}

export interface ComplaintRouteDeps {
  db: Db;
  clock: Clock;
  calendarFor: CalendarFor;
}
