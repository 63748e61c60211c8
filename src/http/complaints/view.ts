import type { FastifyRequest } from 'fastify';
import { deadlineStatusAsOf, type Complaint, type Deadline } from '../../domain/complaint/index.ts';
import type { CalendarFor } from '../../domain/calendar/index.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Actor } from '../../store/complaint-commands.ts';
import type { Db } from '../../store/database.ts';
import { principalOf } from '../auth.ts';
import { etagOf } from '../etag.ts';

/** A complaint as the API shows it: the aggregate, with its deadlines and their status today. */
export function complaintView(complaint: Complaint, deadlines: readonly Deadline[], today: string) {
  return { ...complaint, deadlines: deadlines.map((d) => ({ ...d, statusToday: deadlineStatusAsOf(d, today) })) };
}

export function complaintHeaders(complaint: Complaint): Record<string, string> {
  return { etag: etagOf(complaint.version), location: `/v1/complaints/${complaint.id}` };
}

export function actorOf(request: FastifyRequest, deps: { clock: Clock; calendarFor: CalendarFor }): Actor {
  const { organisationId, apiKeyId } = principalOf(request);
  return { organisationId, actor: apiKeyId, recordedAt: deps.clock(), calendarFor: deps.calendarFor };
}

export interface ComplaintRouteDeps {
  db: Db;
  clock: Clock;
  calendarFor: CalendarFor;
}
