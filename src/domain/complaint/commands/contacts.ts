import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import { CHANNELS, type Channel } from '../complaint-parts.ts';
import type { Complaint } from '../complaint.ts';
import { Missing, nextId, oneOf } from '../input-checks.ts';
import { londonDateOf } from '../../calendar/index.ts';
import { restrictionsExcluding } from '../contact-restriction.ts';

export interface LogContactInput {
  direction: 'inbound' | 'outbound';
  channel: Channel;
  summary: string;
}

/** A contact with the resident, at ctx.occurredAt; inbound contacts stop the auto-close window. */
export function logContact(complaint: Complaint, input: LogContactInput, ctx: CommandContext): CommandResult {
  const at = begin('logContact', complaint, ctx);
  const direction = oneOf(['inbound', 'outbound'] as const, input.direction, 'direction');
  const channel = oneOf(CHANNELS, input.channel, 'channel', 'invalid_channel');
  const missing = new Missing();
  missing.text(input.summary, 'summary');
  missing.throwIfAny('contact_incomplete', 'the contact');
  const outside = restrictionsExcluding(complaint.contactRestrictions ?? [], channel, londonDateOf(at));
  const contact = { id: nextId('c', complaint.contacts), at, direction, channel, summary: input.summary.trim(), ...(outside.length > 0 ? { outsideRestrictions: outside } : {}) };
  return commit({ ...complaint, contacts: [...complaint.contacts, contact] }, ctx, 'complaint.contact_logged', asJson(contact));
}
