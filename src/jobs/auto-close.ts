import { sql } from 'kysely';
import { londonDateOf, type CalendarFor } from '../domain/calendar/index.ts';
import { autoClosedAt, close } from '../domain/complaint/index.ts';
import { DomainError } from '../domain/domain-error.ts';
import { runComplaintCommand } from '../store/complaint-commands.ts';
import type { Db } from '../store/database.ts';
import { recordComplaintEvent } from '../store/outbox.ts';

export const SWEEP_ACTOR = 'system:sweep';

interface Candidate {
  id: string;
  organisation_id: string;
  reference: string;
  due_date: string;
}

/**
 * Closes, one complaint per transaction, every stage 1 response whose policy auto-close
 * window ran out with no contact from the resident. The domain's `close` command decides
 * (so its rules live in one place); the row lock taken with SKIP LOCKED means another
 * sweep running at the same time takes other complaints, never the same one.
 */
export async function autoCloseDue(db: Db, options: { now: Date; calendarFor: CalendarFor }): Promise<{ closed: number; refused: number }> {
  const today = londonDateOf(options.now);
  const refused = new Set<string>();
  let closed = 0;
  for (;;) {
    const outcome = await db.transaction().execute(async (tx) => {
      const skip = refused.size ? sql`and c.id not in (${sql.join([...refused])})` : sql``;
      const { rows } = await sql<Candidate>`
        select c.id, c.organisation_id, c.reference, d.due_date
        from complaint_deadlines d join complaints c on c.id = d.complaint_id and c.organisation_id = d.organisation_id
        where d.kind = 'auto_close' and d.status = 'pending' and d.due_date < ${today}::date and c.status = 'stage_1_responded' ${skip}
        order by d.due_date, c.id
        limit 1
        for update of c skip locked`.execute(tx);
      const candidate = rows[0];
      if (candidate === undefined) return 'none' as const;
      const who = { organisationId: candidate.organisation_id, actor: SWEEP_ACTOR, recordedAt: options.now, clock: () => options.now, calendarFor: options.calendarFor };
      try {
        const saved = await runComplaintCommand(tx, who, { complaintId: candidate.id, expectedVersions: undefined, occurredAt: options.now }, (c, ctx) =>
          // Dated when the window ran out, recorded now: a late sweep does not move the closure.
          close(c, { reason: 'auto_close' }, { ...ctx, occurredAt: autoClosedAt(c, ctx.policy, ctx.calendar, ctx.recordedAt) ?? ctx.occurredAt }),
        );
        if (saved === 'not_found' || saved === 'stale') throw new Error(`complaint ${candidate.id} changed while locked`);
      } catch (err) {
        // The domain said no (e.g. the resident came back): leave it, and do not ask again this run.
        if (!(err instanceof DomainError)) throw err;
        refused.add(candidate.id);
        return 'refused' as const;
      }
      await recordComplaintEvent(tx, {
        organisationId: candidate.organisation_id,
        type: 'complaint.auto_closed',
        complaintId: candidate.id,
        kind: 'auto_close',
        dueDate: candidate.due_date,
        payload: { reference: candidate.reference, windowEndedOn: candidate.due_date, closedAt: options.now.toISOString() },
        occurredAt: options.now,
        now: options.now,
      });
      return 'closed' as const;
    });
    if (outcome === 'none') return { closed, refused: refused.size };
    if (outcome === 'closed') closed++;
  }
}
