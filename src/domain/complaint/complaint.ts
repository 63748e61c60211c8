import type { IsoDate } from '../calendar/index.ts';
import type { ContactRestriction } from './contact-restriction.ts';
import type { InformalRecord } from './informal.ts';
import type { HazardCase } from '../hazards/hazard-case.ts';
import type {
  Acknowledgement,
  Channel,
  Complainant,
  ComplaintStatus,
  Contact,
  Extension,
  Hazard,
  Instant,
  Matter,
  Representative,
  Stage,
  Urgency,
  Vulnerability,
} from './complaint-parts.ts';
import type {
  Action,
  Closure,
  Decline,
  DeclineConsideration,
  Escalation,
  EscalationRefusal,
  OmbudsmanRecord,
  Remedy,
  Reopening,
  StageResponse,
  Withdrawal,
} from './complaint-outcomes.ts';

/** Per-stage slots, keyed `stage1` / `stage2` so the JSON has no numeric keys. */
export interface PerStage<T> {
  stage1: T;
  stage2: T;
}

export function stageKey(stage: Stage): keyof PerStage<unknown> {
  return stage === 1 ? 'stage1' : 'stage2';
}

export interface Complaint {
  id: string;
  reference: string;
  organisationId: string;
  policyVersion: number;
  status: ComplaintStatus;
  stage: Stage;
  channel: Channel;
  receivedAt: Instant;
  /** Day 0 of the stage 1 clocks: the London date after the cut-off and non-working-day rule. */
  receiptDate: IsoDate;
  loggedAt: Instant;
  /** When the issue happened or the resident became aware of it (age limit, §2.3). */
  issueOccurredOn: IsoDate | null;
  complainant: Complainant;
  representative: Representative | null;
  vulnerability: Vulnerability;
  urgency: Urgency;
  category: string | null;
  serviceArea: string | null;
  description: string;
  outcomesSought: string[];
  externalRef: string | null;
  serviceRequestRef: string | null;
  /** The hazard given when the complaint was logged, as it was given (its clocks are in `hazards`). */
  hazard: Hazard | null;
  /** Every hazard reported with this complaint, with its Awaab's Law clocks' steps. */
  hazards: HazardCase[];
  /** The landlord's understanding of the complaint: set at acknowledgement, restated at stage 2. */
  definition: string | null;
  handlers: PerStage<string | null>;
  acknowledgements: PerStage<Acknowledgement | null>;
  matters: Matter[];
  contacts: Contact[];
  extensions: Extension[];
  responses: PerStage<StageResponse | null>;
  remedies: Remedy[];
  actions: Action[];
  escalation: Escalation | null;
  escalationRefusal: EscalationRefusal | null;
  decline: Decline | null;
  /** Decline-letter clock starts (policy `declineLetter.from: decline_considered`); absent on complaints saved before it existed. */
  declineConsiderations?: DeclineConsideration[];
  /** Set on an informal resolution or a support request, which is not a complaint (informal.ts); absent or null on a complaint. */
  informal?: InformalRecord | null;
  /** Contact restrictions for unacceptable behaviour (contact-restriction.ts); absent on complaints saved before them. */
  contactRestrictions?: ContactRestriction[];
  withdrawal: Withdrawal | null;
  closure: Closure | null;
  reopenings: Reopening[];
  linkedFrom: string | null;
  linkedComplaintIds: string[];
  ombudsman: OmbudsmanRecord;
  /** 1 after logging, +1 per command. */
  version: number;
  /** occurredAt of the last event: no later command may be dated before it. */
  lastEventAt: Instant;
}
