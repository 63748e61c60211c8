import { Type, type Static } from '@sinclair/typebox';
import {
  COMPLAINT_EVENT_TYPES,
  DEADLINE_KINDS,
  type Complaint,
  type ComplaintEvent,
  type CountsFromEvent,
  type DeadlineAsOf,
  type DeadlineStatus,
} from '../../domain/complaint/index.ts';
import { CLOCK_STARTS } from '../../domain/policy/index.ts';
import {
  AcknowledgementSchema,
  ActionSchema,
  ChannelSchema,
  ClosureSchema,
  ComplainantSchema,
  ComplaintStatusSchema,
  ContactSchema,
  DeclineConsiderationSchema,
  ContactRestrictionSchema,
  InformalRecordSchema,
  DeclineSchema,
  EscalationRefusalSchema,
  EscalationSchema,
  ExtensionSchema,
  HazardSchema,
  Instant,
  IsoDate,
  literals,
  MatterSchema,
  Nullable,
  OmbudsmanRecordSchema,
  PerStage,
  RemedySchema,
  ReopeningSchema,
  RepresentativeSchema,
  StageResponseSchema,
  StageSchema,
  UrgencySchema,
  Uuid,
  VulnerabilitySchema,
  WithdrawalSchema,
} from './complaint-parts-schema.ts';
import { HazardCaseSchema } from './hazard-schemas.ts';

// Response schemas of the complaint API. Fastify serialises from them, so they describe
// every field of the domain types; the type checks at the end fail the build when the
// domain gains, loses or retypes a field these do not.

// The domain has these as types only (no list to build from); the checks below keep them in step.
const DEADLINE_STATUSES = ['pending', 'met', 'met_late', 'breached', 'expired', 'cancelled'] as const satisfies readonly DeadlineStatus[];
const COUNTS_FROM = [...CLOCK_STARTS, 'remedy_offered', 'action_agreed', 'ombudsman_order_made', 'hazard_aware', 'hazard_investigated', 'contact_restriction_started'] as const satisfies readonly CountsFromEvent[];

export const DeadlineSchema = Type.Object(
  {
    kind: literals(DEADLINE_KINDS),
    stage: Nullable(StageSchema),
    ref: Nullable(Type.String({ description: 'the remedy, action, evidence request, Ombudsman order or hazard id for those kinds; else null' })),
    owner: literals(['landlord', 'resident'] as const, {
      description: "whose step it is: a resident's window running out is never a landlord's breach",
    }),
    countsFrom: Type.Object(
      { event: literals(COUNTS_FROM), date: IsoDate, at: Type.Optional(Instant('the instant it counts from (the hazard clocks)')) },
      { description: 'the event the clock counts from, and its date' },
    ),
    rule: Type.String({ description: "where the timescale comes from: a policy field path, or the item's own due date" }),
    dueDate: { ...IsoDate, description: "the due date; for a deadline in hours (Awaab's Law's 24 hours), the London date of dueAt" },
    dueAt: Nullable(Instant("the instant it falls due, for a deadline counted in hours (Awaab's Law emergencies): breached as soon as it passes; null for a date deadline")),
    originalDueDate: IsoDate,
    provisional: Type.Boolean({ description: 'the count relies on projected (not yet announced) bank holidays' }),
    metAt: Nullable(Instant()),
    metOn: Nullable(IsoDate),
    status: literals(DEADLINE_STATUSES, {
      description:
        "as of today (London): met or met_late by the London date of the step; breached = the landlord's step is past due and not taken; " +
        "expired = the resident's window (escalation, auto-close) ran out; cancelled = the complaint ended (declined, withdrawn, closed) before the due date",
    }),
  },
  { $id: 'Deadline' },
);

export const ComplaintSchema = Type.Object(
  {
    id: Uuid(),
    reference: Type.String({ description: 'the human reference, e.g. CMP-2026-000123', examples: ['CMP-2026-000123'] }),
    organisationId: Uuid(),
    policyVersion: Type.Integer({ description: 'the policy version in force at receipt; its clocks apply' }),
    status: ComplaintStatusSchema,
    stage: StageSchema,
    channel: ChannelSchema,
    receivedAt: Instant('when the landlord received the complaint'),
    receiptDate: IsoDate,
    loggedAt: Instant('when it was logged'),
    issueOccurredOn: Nullable(IsoDate),
    complainant: ComplainantSchema,
    representative: Nullable(RepresentativeSchema),
    vulnerability: VulnerabilitySchema,
    urgency: UrgencySchema,
    category: Nullable(Type.String()),
    serviceArea: Nullable(Type.String()),
    description: Type.String(),
    outcomesSought: Type.Array(Type.String()),
    externalRef: Nullable(Type.String()),
    serviceRequestRef: Nullable(Type.String()),
    hazard: Nullable(HazardSchema),
    hazards: Type.Array(HazardCaseSchema, { description: "every hazard reported with the complaint, with its Awaab's Law steps" }),
    definition: Nullable(Type.String({ description: "the landlord's understanding of the complaint: set at acknowledgement, restated at stage 2" })),
    handlers: PerStage(Nullable(Type.String()), 'the handler of each stage'),
    acknowledgements: PerStage(Nullable(AcknowledgementSchema)),
    matters: Type.Array(MatterSchema),
    contacts: Type.Array(ContactSchema),
    extensions: Type.Array(ExtensionSchema),
    responses: PerStage(Nullable(StageResponseSchema)),
    remedies: Type.Array(RemedySchema),
    actions: Type.Array(ActionSchema),
    escalation: Nullable(EscalationSchema),
    escalationRefusal: Nullable(EscalationRefusalSchema),
    decline: Nullable(DeclineSchema),
    informal: Type.Optional(Nullable(InformalRecordSchema)),
    contactRestrictions: Type.Optional(Type.Array(ContactRestrictionSchema, { description: 'contact restrictions for unacceptable behaviour; a restriction never stops the complaint from being handled' })),
    declineConsiderations: Type.Optional(
      Type.Array(DeclineConsiderationSchema, { description: 'each time a decline (stage 1) or a refusal to escalate (stage 2) was considered: where the policy says so, the decline letter counts from it' }),
    ),
    withdrawal: Nullable(WithdrawalSchema),
    closure: Nullable(ClosureSchema),
    reopenings: Type.Array(ReopeningSchema),
    linkedFrom: Nullable(Uuid('the complaint this one was opened from')),
    linkedComplaintIds: Type.Array(Uuid()),
    ombudsman: OmbudsmanRecordSchema,
    version: Type.Integer({ minimum: 1, description: '1 after logging, +1 per command; also the ETag' }),
    lastEventAt: Instant('when the last event occurred: no later command may be dated before it'),
    deadlines: Type.Array(Type.Ref(DeadlineSchema), { description: "the complaint's deadlines, with their status today" }),
  },
  { $id: 'Complaint' },
);

export const ComplaintEventSchema = Type.Object(
  {
    type: literals(COMPLAINT_EVENT_TYPES),
    complaintId: Uuid(),
    version: Type.Integer({ minimum: 1, description: "the complaint's version after the event" }),
    occurredAt: Instant('when it really happened (e.g. the letter’s date)'),
    recordedAt: Instant('when it was entered'),
    actor: Type.String({ description: 'the API key that entered it' }),
    data: Type.Object({}, { additionalProperties: true, description: 'what the event recorded; its shape depends on type' }),
  },
  { $id: 'ComplaintEvent' },
);

/** For `app.addSchema`, in dependency order. */
export const COMPLAINT_SCHEMAS = [DeadlineSchema, ComplaintSchema, ComplaintEventSchema];

// Compile-time checks: each schema's static type is exactly the domain type (both ways assignable).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type DeadlineSchemaMatchesDomain = Assert<Same<Static<typeof DeadlineSchema>, DeadlineAsOf>>;
export type ComplaintSchemaMatchesDomain = Assert<
  Same<Static<typeof ComplaintSchema>, Complaint & { deadlines: DeadlineAsOf[] }>
>;
export type ComplaintEventSchemaMatchesDomain = Assert<Same<Omit<Static<typeof ComplaintEventSchema>, 'data'>, Omit<ComplaintEvent, 'data'>>>;
