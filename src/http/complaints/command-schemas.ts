import { Type, type Static } from '@sinclair/typebox';
import {
  CHANNELS,
  CLOSE_REASONS,
  ESCALATION_REFUSAL_GROUNDS,
  SENIOR_ROLES,
  type AcknowledgeInput,
  type ActionInput,
  type AddMatterInput,
  type AssignInput,
  type CloseInput,
  type DeclineInput,
  type EscalateInput,
  type ExtendInput,
  type LinkComplaintInput,
  type LogComplaintInput,
  type LogContactInput,
  type OmbudsmanInput,
  type OpenLinkedComplaintInput,
  type RefuseEscalationInput,
  type RemedyInput,
  type ReopenInput,
  type RespondInput,
  type WithdrawInput,
} from '../../domain/complaint/index.ts';
import { EXCLUSION_GROUNDS } from '../../domain/policy/index.ts';
import { IsoDateSchema } from '../calendar/schemas.ts';
import { ChannelSchema, DirectionSchema, Instant, literals, Nullable, OutcomeSchema, RemedyTypeSchema, StageSchema, Uuid } from './complaint-parts-schema.ts';
import type { LinkedComplaintBody, LogComplaintBody } from './intake-schemas.ts';
import { closed, LongText, MAX_ITEMS, occurredAt, ShortText, TextList } from './intake-schemas.ts';
import type { OmbudsmanBody } from './ombudsman-schemas.ts';

export { LinkedComplaintBody, LogComplaintBody } from './intake-schemas.ts';
export { ComplaintListResponse, ComplaintParams, ComplaintRefParams, EventListQuery, EventListResponse, ItemParams, ListComplaintsQuery } from './query-schemas.ts';

// Request bodies of the complaint commands. Every element a command always needs is required
// here, so generated clients type it so and one 400 names every missing one; the domain still
// checks them (blank text, a flag that must be true: 422), and the elements needed only in some
// cases (close at the landlord's discretion, decline for age) are left to it.

const ItemRef = (description: string) => Type.String({ maxLength: 20, description });
const Pence = (description: string) => Type.Integer({ minimum: 0, maximum: 100_000_000, description: `${description}, in whole pence` });
const body = <P extends Parameters<typeof Type.Object>[0]>(properties: P, description?: string) =>
  Type.Object({ ...properties, occurredAt }, { ...closed, ...(description === undefined ? {} : { description }) });

const acknowledgement = {
  definition: LongText({ description: "the landlord's understanding of the complaint" }),
  outcomesSought: TextList('the outcomes the resident seeks: at least one'),
  handler: ShortText({ description: 'who handles the stage' }),
};
export const AcknowledgeBody = body(acknowledgement, 'every element is required');
export const AcknowledgeStage2Body = body(acknowledgement, 'every element is required; the handler must not be the stage 1 handler');

export const DeclineBody = body({
  ground: Type.String({
    maxLength: 100,
    description: `an exclusion ground of the policy in force: one of ${EXCLUSION_GROUNDS.join(', ')} (400 unknown_ground; 409 ground_not_in_policy)`,
  }),
  explanation: LongText({ description: 'the written reason' }),
  discretionConsidered: Type.Optional(Type.Boolean({ description: 'required (true) for older_than_age_limit' })),
  ombudsmanRightGiven: Type.Boolean({ description: 'must be true: the resident was told of the right to go to the Ombudsman' }),
  issueOccurredOn: Type.Optional(Nullable({ ...IsoDateSchema, description: "for older_than_age_limit; defaults to the complaint's" })),
});

export const AssignBody = body({ handler: ShortText(), stage: StageSchema });

export const ContactBody = body({ direction: DirectionSchema, channel: ChannelSchema, summary: LongText() });

export const MatterBody = body({ summary: LongText() });

export const LinkBody = body({ complaintId: Uuid('the complaint to link to this one') });

export const ExtendBody = body(
  {
    reason: LongText(),
    newDueDate: IsoDateSchema,
    residentToldAt: Instant('when the resident was told, on or before the current due date'),
    ombudsmanDetailsGiven: Type.Boolean({ description: "must be true: the Ombudsman's contact details were given" }),
    goodReason: Type.Optional(Nullable(LongText({ description: "needed only to go beyond the policy's cap" }))),
  },
  'goodReason is needed only to go beyond the cap',
);

const remedy = {
  type: RemedyTypeSchema,
  description: LongText({ description: 'what will happen' }),
  dueDate: Type.Optional(Nullable(IsoDateSchema)),
  compensationPence: Type.Optional(Pence('compensation')),
  refundPence: Type.Optional(Pence('refund')),
};
const action = { description: LongText(), owner: ShortText(), dueDate: IsoDateSchema };
const responseRemedy = Type.Object(remedy, closed);
const responseAction = Type.Object(action, closed);

export const RemedyBody = body(remedy, 'a financial remedy needs compensationPence and/or refundPence above 0');
export const ActionBody = body(action);

export const RespondBody = body(
  {
    stage: StageSchema,
    definition: LongText({ description: 'the complaint definition, restated' }),
    decisions: Type.Array(Type.Object({ matterId: ItemRef('the matter decided'), outcome: OutcomeSchema, reasons: LongText() }, closed), {
      maxItems: MAX_ITEMS,
      description: 'one decision, with reasons, for each matter',
    }),
    remedies: Type.Array(responseRemedy, { maxItems: MAX_ITEMS, description: 'an empty list says none' }),
    outstandingActions: Type.Array(responseAction, { maxItems: MAX_ITEMS, description: 'an empty list says none' }),
    escalationExplained: Type.Boolean({ description: 'must be true: stage 1, how to escalate; stage 2, the right to go to the Ombudsman' }),
  },
  'every element is required (remedies and outstandingActions as lists, empty for none)',
);

export const EscalateBody = body({
  reason: Type.Optional(Nullable(LongText({ description: 'the resident need not give one, unless the policy requires reasons (escalationRules.reasonsRequired)' }))),
  inWriting: Type.Optional(Nullable(Type.Boolean({ description: 'the request was made in writing (required true where escalationRules.requestInWriting)' }))),
  criteria: Type.Optional(Nullable(Type.Array(ShortText(), { maxItems: 20, description: "the policy's criteria the request cites (escalationRules.criteria)" }))),
  preconditionDiscretion: Type.Optional(Nullable(LongText({ description: "why a request missing the policy's preconditions is accepted; without it such a request is a 422 listing what is missing" }))),
  lateDiscretion: Type.Optional(Nullable(LongText({ description: "why a request after the policy's escalation window is accepted" }))),
  loggedAt: Type.Optional(Nullable(Instant('when the request was logged (the escalation_logging clock start); defaults to occurredAt'))),
});

export const RefuseEscalationBody = body({
  ground: Type.String({
    maxLength: 100,
    description: `one of the policy's refusal grounds (escalationRules.refusalGrounds[].code; the Code's are ${ESCALATION_REFUSAL_GROUNDS.join(', ')}); 409 refusal_ground_not_in_policy names the allowed ones`,
  }),
  explanation: LongText(),
  ombudsmanRightGiven: Type.Boolean({ description: 'must be true' }),
});

export const ConsiderDeclineBody = body(
  { note: Type.Optional(Nullable(LongText({ description: 'why a decline (or, at stage 2, a refusal to escalate) is considered' }))) },
  "the decline letter's clock starts here where the policy counts it from decline_considered",
);

const restriction = {
  reason: LongText({ description: 'the reasons for the decision' }),
  decidedBy: ShortText({ description: 'who decided' }),
  decidedByRole: literals(SENIOR_ROLES, { description: 'a senior role decides' }),
  allowedChannels: Type.Array(literals(CHANNELS), { minItems: 1, maxItems: CHANNELS.length, description: 'the channels the resident may still use; contacts on others are flagged, not refused' }),
  startsOn: IsoDateSchema,
  reviewOn: { ...IsoDateSchema, description: 'the review date: a deadline, breached when missed' },
  residentToldInWritingAt: Instant('when the resident was told in writing, with the reasons and the review date'),
  equalityActConsideration: LongText({ description: 'how the Equality Act 2010 was considered' }),
};
export const ContactRestrictionBody = body(restriction, 'every element is required; it never stops the complaint from being handled');
export const ReviewRestrictionBody = body({
  outcome: LongText({ description: 'what the review decided' }),
  nextReviewOn: Type.Optional(Nullable({ ...IsoDateSchema, description: 'the next review date; null or absent ends the restriction with this review' })),
});
export const EndRestrictionBody = body({ reason: LongText({ description: 'why the restriction ends' }) });

export const ResolveInformallyBody = body({ resolution: LongText({ description: 'how it was resolved' }) });

export const WithdrawBody = body({ reason: Type.Optional(Nullable(LongText())) });

export const CloseBody = body({
  reason: literals(CLOSE_REASONS),
  explanation: Type.Optional(Nullable(LongText({ description: 'required for landlord_discretion' }))),
  residentToldAt: Type.Optional(Nullable(Instant('when the resident was told the reason: required for landlord_discretion'))),
});

export const ReopenBody = body({ discretion: LongText({ description: 'why the landlord uses its discretion to reopen' }) });

export const CompleteBody = body({});

export { CompleteOrderBody, OmbudsmanBody } from './ombudsman-schemas.ts';
export { HazardStepBody, ReportHazardBody } from './hazard-schemas.ts';

// Compile-time checks that each body has exactly the fields of its domain input (+ occurredAt),
// and that the bodies not loosened for the domain's 422 (log, respond) or its own ground
// checks (decline, refuse-escalation) also fit its types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type Fields<S> = Exclude<keyof S, 'occurredAt'>;
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Fits<S, I> = [Without<S, 'occurredAt'>] extends [I] ? true : false;
export type CommandBodiesMatchDomain = Assert<
  Same<
    [
      Fields<Static<typeof LogComplaintBody>>,
      Fields<Static<typeof LinkedComplaintBody>>,
      Fields<Static<typeof AcknowledgeBody>>,
      Fields<Static<typeof DeclineBody>>,
      Fields<Static<typeof AssignBody>>,
      Fields<Static<typeof ContactBody>>,
      Fields<Static<typeof MatterBody>>,
      Fields<Static<typeof LinkBody>>,
      Fields<Static<typeof ExtendBody>>,
      Fields<Static<typeof RespondBody>>,
      Fields<Static<typeof EscalateBody>>,
      Fields<Static<typeof RefuseEscalationBody>>,
      Fields<Static<typeof WithdrawBody>>,
      Fields<Static<typeof CloseBody>>,
      Fields<Static<typeof ReopenBody>>,
      Fields<Static<typeof RemedyBody>>,
      Fields<Static<typeof ActionBody>>,
    ],
    [
      // linkedFrom is set only by POST /v1/complaints/{id}/linked-complaints.
      Exclude<keyof LogComplaintInput, 'linkedFrom'>,
      keyof OpenLinkedComplaintInput,
      keyof AcknowledgeInput,
      keyof DeclineInput,
      keyof AssignInput,
      keyof LogContactInput,
      keyof AddMatterInput,
      keyof LinkComplaintInput,
      keyof ExtendInput,
      keyof RespondInput,
      keyof EscalateInput,
      keyof RefuseEscalationInput,
      keyof WithdrawInput,
      keyof CloseInput,
      keyof ReopenInput,
      keyof RemedyInput,
      keyof ActionInput,
    ]
  >
>;
export type CommandBodiesFitDomain = Assert<
  Same<
    [
      Fits<Static<typeof AcknowledgeBody>, AcknowledgeInput>,
      Fits<Static<typeof AssignBody>, AssignInput>,
      Fits<Static<typeof ContactBody>, LogContactInput>,
      Fits<Static<typeof MatterBody>, AddMatterInput>,
      Fits<Static<typeof LinkBody>, LinkComplaintInput>,
      Fits<Static<typeof ExtendBody>, ExtendInput>,
      Fits<Static<typeof EscalateBody>, EscalateInput>,
      Fits<Static<typeof WithdrawBody>, WithdrawInput>,
      Fits<Static<typeof CloseBody>, CloseInput>,
      Fits<Static<typeof ReopenBody>, ReopenInput>,
      Fits<Static<typeof RemedyBody>, RemedyInput>,
      Fits<Static<typeof ActionBody>, ActionInput>,
      Fits<Static<typeof OmbudsmanBody>, OmbudsmanInput>,
    ],
    [true, true, true, true, true, true, true, true, true, true, true, true, true]
  >
>;
