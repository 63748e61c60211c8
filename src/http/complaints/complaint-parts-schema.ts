import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import {
  CHANNELS,
  CLOSURE_REASONS,
  COMPLAINT_STATUSES,
  ESCALATION_REFUSAL_GROUNDS,
  HAZARD_KINDS,
  INFORMAL_KINDS,
  OUTCOMES,
  REMEDY_TYPES,
  SENIOR_ROLES,
} from '../../domain/complaint/index.ts';
import { EXCLUSION_GROUNDS } from '../../domain/policy/index.ts';
import { IsoDateSchema } from '../calendar/schemas.ts';
import { OMBUDSMAN_FINDINGS, OMBUDSMAN_ORDER_TYPES } from '../../domain/ombudsman/ombudsman-case.ts';

// The parts of the complaint aggregate (src/domain/complaint/complaint-parts.ts and
// complaint-outcomes.ts) as response schemas, and the helpers the request schemas share.
// Fastify serialises responses from these schemas: a field missing here is dropped.

/** A union of string literals that keeps the literal types (the pattern of policy-schema.ts). */
export const literals = <const T extends readonly string[]>(values: T, options: object = {}) =>
  Type.Union(values.map((v) => Type.Literal(v)), options) as unknown as TUnion<TLiteral<T[number]>[]>;
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Instant = (description?: string) =>
  Type.String({ format: 'date-time', ...(description === undefined ? {} : { description }) });
export const IsoDate = IsoDateSchema;
// Ajv's `uuid` format also accepts a `urn:uuid:` prefix, which PostgreSQL's uuid type refuses
// (a 500): the pattern keeps ids to the plain form the API issues.
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const Uuid = (description?: string) =>
  Type.String({ format: 'uuid', pattern: UUID_PATTERN, ...(description === undefined ? {} : { description }) });
export const StageSchema = Type.Union([Type.Literal(1), Type.Literal(2)], { description: 'the stage of the complaints process: 1 or 2' });
export const ItemId = (description: string) => Type.String({ description });

export const ComplaintStatusSchema = literals(COMPLAINT_STATUSES);
export const ChannelSchema = literals(CHANNELS);
export const HazardKindSchema = literals(HAZARD_KINDS);
export const OutcomeSchema = literals(OUTCOMES);
export const RemedyTypeSchema = literals(REMEDY_TYPES);
export const DirectionSchema = literals(['inbound', 'outbound'] as const);

const always = (description: string) => Type.Literal(true, { description });
const ombudsmanRightGiven = always('the resident was told of the right to go to the Housing Ombudsman');
const text = Type.String();

export const ComplainantSchema = Type.Object(
  {
    name: Nullable(Type.String({ description: 'null: an anonymous complaint' })),
    email: Nullable(text),
    phone: Nullable(text),
    address: Nullable(text),
    residentRef: Nullable(text),
    tenancyRef: Nullable(text),
    propertyRef: Nullable(text),
  },
  { description: 'who complains; every field null when not given' },
);

export const RepresentativeSchema = Type.Object(
  { name: text, relationship: text, consentDate: IsoDate },
  { description: "someone acting for the resident, with the resident's consent of consentDate" },
);

export const VulnerabilitySchema = Type.Object({
  needs: Type.Array(text),
  reasonableAdjustments: Type.Array(text),
  preferredContactMethod: Nullable(text),
  format: Nullable(Type.String({ description: 'a format the resident needs, e.g. large print' })),
  disabilityDisclosed: Type.Boolean(),
});

export const UrgencySchema = Type.Object(
  { safeguarding: Type.Boolean(), healthAndSafety: Type.Boolean() },
  { description: 'flags that mark the complaint urgent; either one also rules out declining it for age' },
);

export const HazardSchema = Type.Object({ kind: HazardKindSchema, description: text }, { description: "the hazard given when the complaint was logged, as given; its Awaab's Law clocks are under hazards" });

export const MatterSchema = Type.Object({ id: ItemId('m1, m2, …'), summary: text, stage: StageSchema, addedAt: Instant() });

export const AcknowledgementSchema = Type.Object({ at: Instant(), definition: text, outcomesSought: Type.Array(text), handler: text });

export const ContactSchema = Type.Object({
  id: ItemId('c1, c2, …'),
  at: Instant(),
  direction: DirectionSchema,
  channel: ChannelSchema,
  summary: text,
  outsideRestrictions: Type.Optional(Type.Array(Type.String(), { description: 'the contact restrictions in force whose allowed channels exclude this one: flagged, never refused' })),
});

export const ContactRestrictionSchema = Type.Object({
  id: ItemId('cr1, cr2, …'),
  reason: text,
  decidedBy: text,
  decidedByRole: literals(SENIOR_ROLES),
  allowedChannels: Type.Array(ChannelSchema),
  startsOn: IsoDate,
  reviewOn: IsoDate,
  residentToldInWritingAt: Instant(),
  equalityActConsideration: text,
  recordedAt: Instant(),
  reviews: Type.Array(Type.Object({ at: Instant(), outcome: text, nextReviewOn: Nullable(IsoDate) })),
  endedAt: Nullable(Instant()),
  endReason: Nullable(text),
});

export const ExtensionSchema = Type.Object({
  stage: StageSchema,
  decidedAt: Instant(),
  reason: text,
  previousDueDate: IsoDate,
  newDueDate: IsoDate,
  residentToldAt: Instant(),
  ombudsmanDetailsGiven: always("the resident was given the Ombudsman's contact details with the extension"),
  goodReason: Nullable(Type.String({ description: "set when the extension goes beyond the policy's cap" })),
});

export const DecisionSchema = Type.Object({ matterId: ItemId('the matter decided'), outcome: OutcomeSchema, reasons: text });

export const StageResponseSchema = Type.Object({
  stage: StageSchema,
  sentAt: Instant(),
  definition: text,
  decisions: Type.Array(DecisionSchema),
  remedyIds: Type.Array(ItemId('a remedy offered in this response (see remedies)')),
  actionIds: Type.Array(ItemId('an action agreed in this response (see actions)')),
  escalationExplained: always('stage 1: how to escalate was explained; stage 2: the right to go to the Ombudsman'),
});

export const RemedySchema = Type.Object({
  id: ItemId('r1, r2, …'),
  stage: StageSchema,
  type: RemedyTypeSchema,
  description: text,
  compensationPence: Type.Integer({ minimum: 0, description: 'in pence; 0 unless the remedy is financial' }),
  refundPence: Type.Integer({ minimum: 0, description: 'in pence; 0 unless the remedy is financial' }),
  dueDate: Nullable(IsoDate),
  offeredAt: Instant(),
  completedAt: Nullable(Instant()),
});

export const ActionSchema = Type.Object({
  id: ItemId('a1, a2, …'),
  stage: StageSchema,
  description: text,
  owner: text,
  dueDate: IsoDate,
  agreedAt: Instant(),
  completedAt: Nullable(Instant()),
});

export const EscalationSchema = Type.Object({
  requestedAt: Instant('when the resident asked for stage 2'),
  loggedAt: Instant('when the request was entered'),
  reason: Nullable(Type.String({ description: 'the resident need not give one' })),
  lateDiscretion: Nullable(Type.String({ description: "why a request after the policy's escalation window was accepted" })),
  criteria: Type.Optional(Type.Array(Type.String(), { description: "the policy's criteria the request cited" })),
  inWriting: Type.Optional(Nullable(Type.Boolean({ description: 'whether the request was in writing, when stated' }))),
  preconditionDiscretion: Type.Optional(Nullable(Type.String({ description: "why a request missing the policy's preconditions was accepted" }))),
});

export const EscalationRefusalSchema = Type.Object({
  at: Instant(),
  ground: Type.String({ description: "the policy's ground for refusing (escalationRules.refusalGrounds[].code)" }),
  codeGround: Type.Optional(Nullable(literals(ESCALATION_REFUSAL_GROUNDS, { description: "the Code's ground it maps to; null where none fits" }))),
  explanation: text,
  ombudsmanRightGiven,
});

export const DeclineSchema = Type.Object({
  at: Instant(),
  ground: literals(EXCLUSION_GROUNDS),
  explanation: text,
  discretionConsidered: Type.Boolean(),
  ombudsmanRightGiven,
});

export const DeclineConsiderationSchema = Type.Object({ at: Instant(), stage: StageSchema, note: Nullable(text) });

export const InformalRecordSchema = Type.Object(
  {
    kind: literals(INFORMAL_KINDS),
    resolvedAt: Nullable(Instant()),
    resolution: Nullable(text),
    complaintIds: Type.Array(Type.String({ format: 'uuid' }), { description: 'the stage 1 complaints raised from it' }),
    complaintRaisedAt: Nullable(Instant('when the first of them was raised')),
  },
  { description: 'an informal resolution or support-service request: not a complaint, with one deadline' },
);

export const WithdrawalSchema = Type.Object({ at: Instant(), reason: Nullable(text), statusBefore: ComplaintStatusSchema });

export const ClosureSchema = Type.Object({
  at: Instant(),
  reason: literals(CLOSURE_REASONS),
  explanation: Nullable(text),
  residentToldAt: Nullable(Instant()),
  statusBefore: ComplaintStatusSchema,
});

export const ReopeningSchema = Type.Object({
  at: Instant(),
  discretion: text,
  ended: Type.Object(
    { closure: Nullable(ClosureSchema), withdrawal: Nullable(WithdrawalSchema), escalationRefusal: Nullable(EscalationRefusalSchema) },
    { description: 'how the complaint had ended before it was reopened' },
  ),
});

export const EvidenceRequestSchema = Type.Object({
  id: ItemId('e1, e2, …'),
  requestedAt: Instant(),
  description: text,
  dueDate: Nullable(Type.String({ format: 'date', description: "set by the Ombudsman's request; else the policy's ombudsmanEvidence timescale applies" })),
  providedAt: Nullable(Instant()),
});

export const OmbudsmanFindingSchema = literals(OMBUDSMAN_FINDINGS, { description: "the Ombudsman's finding on the issue" });

export const OmbudsmanOrderSchema = Type.Object({
  id: ItemId('o1, o2, …'),
  type: literals(OMBUDSMAN_ORDER_TYPES),
  description: text,
  madeAt: Instant('when the determination made it'),
  dueDate: Nullable(IsoDate),
  evidence: Nullable(Type.String({ description: 'the evidence of compliance' })),
  completedAt: Nullable(Instant()),
});

export const OmbudsmanRecordSchema = Type.Object({
  referral: Nullable(Type.Object({ at: Instant(), ombudsmanRef: Nullable(text) })),
  evidenceRequests: Type.Array(EvidenceRequestSchema),
  determination: Nullable(
    Type.Object({
      at: Instant(),
      issues: Type.Array(Type.Object({ issue: text, finding: OmbudsmanFindingSchema }), { description: 'a finding per issue; empty on a determination recorded as free text' }),
      findings: Type.Array(text, { description: "each issue's finding, or the free text of an older record" }),
      orders: Type.Array(text, { description: 'the descriptions of the orders and recommendations (tracked in ombudsman.orders)' }),
    }),
  ),
  orders: Type.Array(OmbudsmanOrderSchema, { description: 'orders and recommendations with due date, evidence and completion; an order past due is an SLA breach' }),
});

/** `{ stage1, stage2 }`, the per-stage slots of the aggregate. */
export const PerStage = <T extends TSchema>(schema: T, description?: string) =>
  Type.Object({ stage1: schema, stage2: schema }, description === undefined ? {} : { description });
