import { Type } from '@sinclair/typebox';
import { HAZARD_KINDS, INFORMAL_KINDS } from '../../domain/complaint/index.ts';
import { IsoDateSchema } from '../calendar/schemas.ts';
import { ChannelSchema, Instant, literals, Nullable } from './complaint-parts-schema.ts';

// Request bodies that create a complaint: the log, and a new complaint linked to another.
// Shared bounds and pieces for every command body live here too.

export const SHORT = 200;
export const TEXT = 20_000;
export const MAX_ITEMS = 100;
export const closed = { additionalProperties: false } as const;

export const ShortText = (options: { description?: string } = {}) => Type.String({ maxLength: SHORT, ...options });
export const LongText = (options: { description?: string } = {}) => Type.String({ maxLength: TEXT, ...options });
export const TextList = (description?: string) =>
  Type.Array(LongText(), { maxItems: MAX_ITEMS, ...(description === undefined ? {} : { description }) });

/** Every command body has it: when the step really happened; the log's says when it was logged. */
export const occurredAt = Type.Optional(
  Instant('when it really happened (e.g. the date of the letter), on or after the last event and not in the future; defaults to now'),
);

const OptionalNullableShort = (description?: string) => Type.Optional(Nullable(ShortText(description === undefined ? {} : { description })));

const ComplainantBody = Type.Object(
  {
    name: OptionalNullableShort('omit or null for an anonymous complaint'),
    email: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
    phone: OptionalNullableShort(),
    address: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    residentRef: OptionalNullableShort(),
    tenancyRef: OptionalNullableShort(),
    propertyRef: OptionalNullableShort(),
  },
  { ...closed, description: 'who complains; blank fields are stored as null' },
);

const RepresentativeBody = Type.Object(
  {
    name: ShortText(),
    relationship: ShortText(),
    consentDate: IsoDateSchema,
  },
  { ...closed, description: "someone acting for the resident, with the date of the resident's consent" },
);

const VulnerabilityBody = Type.Object(
  {
    needs: Type.Optional(Type.Array(ShortText(), { maxItems: MAX_ITEMS })),
    reasonableAdjustments: Type.Optional(Type.Array(Type.String({ maxLength: 2000 }), { maxItems: MAX_ITEMS })),
    preferredContactMethod: OptionalNullableShort(),
    format: OptionalNullableShort('a format the resident needs, e.g. large print'),
    disabilityDisclosed: Type.Optional(Type.Boolean()),
  },
  closed,
);

const UrgencyBody = Type.Object(
  { safeguarding: Type.Optional(Type.Boolean()), healthAndSafety: Type.Optional(Type.Boolean()) },
  closed,
);

const HazardBody = Type.Object(
  {
    kind: literals(HAZARD_KINDS, { description: "emergency: Awaab's Law 24-hour clocks; damp_and_mould and other: the significant-hazard clocks" }),
    description: LongText(),
    awareAt: Type.Optional(Nullable(Instant('when the landlord became aware of the hazard (its clocks start here); defaults to receivedAt'))),
  },
  closed,
);

const matters = Type.Optional(TextList('the parts of the complaint, one matter each; one matter from the description when none are given'));
const outcomesSought = Type.Optional(TextList('what the resident wants to happen'));

export const LogComplaintBody = Type.Object(
  {
    channel: ChannelSchema,
    receivedAt: Instant('when the landlord received the complaint (may be before it was logged); starts the stage 1 clocks'),
    complainant: ComplainantBody,
    representative: Type.Optional(Nullable(RepresentativeBody)),
    vulnerability: Type.Optional(Nullable(VulnerabilityBody)),
    urgency: Type.Optional(Nullable(UrgencyBody)),
    category: OptionalNullableShort(),
    serviceArea: OptionalNullableShort(),
    description: LongText({ description: 'what the complaint is about' }),
    outcomesSought,
    externalRef: OptionalNullableShort("the complaint's id in another system; unique per landlord"),
    serviceRequestRef: OptionalNullableShort(),
    hazard: Type.Optional(Nullable(HazardBody)),
    issueOccurredOn: Type.Optional(Nullable(IsoDateSchema)),
    matters,
    informal: Type.Optional(
      Nullable(
        literals(INFORMAL_KINDS, {
          description: "log it as an informal resolution or a support-service request, not a complaint: it carries the policy's informalResolution or supportRequestContact deadline (409 no_informal_step_in_policy without one) and becomes a complaint through linked-complaints",
        }),
      ),
    ),
    occurredAt: Type.Optional(Instant('when the complaint was logged; defaults to now')),
  },
  closed,
);

export const LinkedComplaintBody = Type.Object(
  {
    receivedAt: Instant('when the landlord received the new matter'),
    description: LongText(),
    channel: Type.Optional(ChannelSchema),
    matters,
    outcomesSought,
    category: OptionalNullableShort(),
    serviceArea: OptionalNullableShort(),
    externalRef: OptionalNullableShort(),
    occurredAt: Type.Optional(Instant('when the new complaint was logged; defaults to now')),
  },
  { ...closed, description: "a new complaint linked both ways to this one; the complainant, representative and needs are the original's" },
);
