import { londonDateOf, receiptDate, type IsoDate, type WorkingDayCalendar } from '../calendar/index.ts';
import type { EventDates, Policy } from '../policy/index.ts';
import type { Complaint } from './complaint.ts';

/**
 * The London dates of the events a policy's clocks count from, as far as the
 * complaint has got. Non-working days are left as they are: `dueDateFor` moves
 * an event on a non-working day to the next working day (domain §4). The
 * escalation request gets the same cut-off rule as the complaint's receipt.
 */
export function clockDates(complaint: Complaint, policy: Policy, calendar: WorkingDayCalendar): EventDates {
  const dates: EventDates = { receipt: complaint.receiptDate, logging: londonDateOf(complaint.loggedAt) };
  if (complaint.issueOccurredOn !== null) dates.issue_occurred = complaint.issueOccurredOn;
  const { acknowledgements: ack, responses, escalation } = complaint;
  if (ack.stage1 !== null) dates.stage_1_acknowledgement = londonDateOf(ack.stage1.at);
  if (responses.stage1 !== null) dates.stage_1_response = londonDateOf(responses.stage1.sentAt);
  if (escalation !== null) {
    dates.escalation_request = escalationReceiptDate(escalation.requestedAt, policy, calendar);
    dates.escalation_logging = londonDateOf(escalation.loggedAt);
  }
  if (ack.stage2 !== null) dates.stage_2_acknowledgement = londonDateOf(ack.stage2.at);
  if (responses.stage2 !== null) dates.stage_2_response = londonDateOf(responses.stage2.sentAt);
  return dates;
}

export function escalationReceiptDate(requestedAt: string, policy: Policy, calendar: WorkingDayCalendar): IsoDate {
  return receiptDate(requestedAt, calendar, policy.counting.receiptCutOff ?? undefined);
}
