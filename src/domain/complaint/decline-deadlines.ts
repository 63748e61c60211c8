import { londonDateOf, type IsoDate } from '../calendar/index.ts';
import type { Timescale } from '../policy/index.ts';
import type { Instant, Stage } from './complaint-parts.ts';
import { stageKey } from './complaint.ts';
import { deadline, timed, type Clocks, type Deadline } from './deadline.ts';

/**
 * The decline letter of one stage (domain §2; Lumen: "within 10 working days of the
 * request"). It counts from the request (receipt, or the escalation request) or, when
 * the policy says `decline_considered`, from the step recording that a decline is
 * considered; so it is due, and can breach, before the decline is recorded. The
 * decline (or the refusal to escalate) meets it. Accepting the stage (an
 * acknowledgement or a response) means no letter is due: the clock is dropped, or
 * shown cancelled when a decline had been considered.
 */
function stageLetter(clocks: Clocks, stage: Stage, letter: Timescale): Deadline | undefined {
  const { complaint, dates } = clocks;
  const requested: IsoDate | undefined = stage === 1 ? complaint.receiptDate : dates.escalation_request;
  if (requested === undefined) return undefined;
  const decidedAt: Instant | null = (stage === 1 ? complaint.decline?.at : complaint.escalationRefusal?.at) ?? null;
  const considered = (complaint.declineConsiderations ?? []).find((c) => c.stage === stage);
  const key = stageKey(stage);
  const acceptedAt = complaint.acknowledgements[key]?.at ?? complaint.responses[key]?.sentAt ?? null;
  if (decidedAt === null && considered === undefined && acceptedAt !== null) return undefined;
  const startedAt = considered?.at ?? decidedAt;
  const from = letter.from === 'decline_considered' ? (startedAt === null ? undefined : londonDateOf(startedAt)) : requested;
  if (from === undefined) return undefined;
  const timing = timed({ ...clocks, dates: { [letter.from]: from } }, letter, 'declineLetter');
  if (timing === undefined) return undefined;
  if (decidedAt !== null) return deadline('decline_letter', stage, timing, decidedAt, null);
  if (acceptedAt !== null) return { ...deadline('decline_letter', stage, timing, null, acceptedAt), status: 'cancelled' };
  return deadline('decline_letter', stage, timing, null, complaint.withdrawal?.at ?? complaint.closure?.at ?? null);
}

export function declineLetterDeadlines(clocks: Clocks): Deadline[] {
  const letter = clocks.policy.declineLetter;
  if (letter === null) return [];
  return ([1, 2] as const).map((stage) => stageLetter(clocks, stage, letter)).filter((d): d is Deadline => d !== undefined);
}
