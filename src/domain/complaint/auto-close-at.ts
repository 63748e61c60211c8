import { DateTime } from 'luxon';
import type { WorkingDayCalendar } from '../calendar/index.ts';
import type { Policy } from '../policy/index.ts';
import type { Complaint } from './complaint.ts';
import { deadlinesOf } from './deadlines.ts';

/**
 * When an auto-close really happened: the moment the resident's window ran out
 * (00:00 in London on the day after its last day), not when a sweep got round to it,
 * so that a sweep run late (or an import of old history) dates the closure as it would
 * have been on the day. Never before the complaint's last event, which the domain would
 * refuse, nor after `notAfter` (the sweep's own time). Undefined when the policy sets no
 * auto-close window or the window has not started.
 */
export function autoClosedAt(complaint: Complaint, policy: Policy, calendar: WorkingDayCalendar, notAfter: Date): Date | undefined {
  const window = deadlinesOf(complaint, policy, calendar).find((d) => d.kind === 'auto_close');
  if (window === undefined) return undefined;
  const ended = DateTime.fromISO(window.dueDate, { zone: 'Europe/London' }).plus({ days: 1 }).startOf('day').toJSDate();
  const at = Math.max(ended.getTime(), Date.parse(complaint.lastEventAt));
  return new Date(Math.min(at, notAfter.getTime()));
}
