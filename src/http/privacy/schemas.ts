import { Type } from '@sinclair/typebox';
import { NextCursor, PageQuery } from '../page-schemas.ts';

const text = (maxLength: number, description: string) => Type.Optional(Type.String({ minLength: 1, maxLength, description }));

const subjectProperties = {
  email: text(320, 'the email address, compared case-insensitively'),
  phone: text(50, 'the phone number, compared by its digits (+44 as 0)'),
  tenancyRef: text(100, 'the tenancy reference, compared without spaces or case'),
  name: text(200, 'the full name; only together with a postcode'),
  postcode: text(10, 'the postcode of the resident’s address; only together with a name'),
};

export const SubjectBody = Type.Object(subjectProperties, {
  additionalProperties: false,
  description: 'Who: an email, a phone, a tenancy reference, or a name with a postcode (any of them; a complaint matching one is included)',
});

export const ErasureBody = Type.Object(
  {
    ...subjectProperties,
    complaintIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 500, uniqueItems: true, description: 'erase only from these of the matching complaints' })),
  },
  { additionalProperties: false },
);

const Role = Type.Union([Type.Literal('complainant'), Type.Literal('representative')], { description: 'as the resident complaining, or as their representative' });
const MatchedOn = Type.Array(Type.Union([Type.Literal('email'), Type.Literal('phone'), Type.Literal('tenancyRef'), Type.Literal('nameAndPostcode')]));

export const SearchResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      complaintId: Type.String({ format: 'uuid' }),
      reference: Type.String(),
      status: Type.String(),
      receivedAt: Type.String({ format: 'date-time' }),
      subject: Role,
      matchedOn: MatchedOn,
      anonymised: Type.Boolean({ description: 'the complaint was anonymised already: only its non-personal facts remain' }),
    }),
  ),
});

const Rows = (description: string) => Type.Array(Type.Object({}, { additionalProperties: true }), { description });

export const ExportResponse = Type.Object({
  id: Type.String({ format: 'uuid', description: 'the export, as recorded in GET /v1/audit' }),
  exportedAt: Type.String({ format: 'date-time' }),
  requestedBy: Type.String({ description: 'the API key that asked' }),
  matchedOn: Type.Array(Type.String(), { description: 'which details were searched for' }),
  complaints: Type.Array(
    Type.Object({
      complaintId: Type.String({ format: 'uuid' }),
      reference: Type.String(),
      subject: Role,
      matchedOn: MatchedOn,
      record: Type.Object({}, { additionalProperties: true, description: 'the complaint as stored, another person’s data redacted' }),
    }),
  ),
  events: Rows('each complaint’s history; a representative gets the dates, not the resident’s content'),
  contacts: Rows('contacts with the resident, by complaint'),
  remedies: Rows('remedies offered, by complaint'),
  restrictions: Rows('contact restrictions, by complaint'),
  webhookPayloads: Rows('what was sent to the landlord’s webhook receivers about these complaints'),
  leftOut: Type.Array(
    Type.Object({ complaintId: Type.String({ format: 'uuid' }), reference: Type.String(), what: Type.String(), reason: Type.String() }),
    { description: 'what was redacted and why (another person’s data)' },
  ),
  csv: Type.Object(
    {
      complaints: Type.String(), events: Type.String(), contacts: Type.String(), remedies: Type.String(), restrictions: Type.String(), webhookPayloads: Type.String(),
    },
    { description: 'each table above as CSV (RFC 4180), for the resident or a spreadsheet' },
  ),
});

export const ErasureResponse = Type.Object({
  id: Type.String({ format: 'uuid', description: 'the erasure, as recorded in GET /v1/audit and in each complaint’s personal_data_erased event' }),
  erasedAt: Type.String({ format: 'date-time' }),
  erasedBy: Type.String(),
  complaints: Type.Array(
    Type.Object({
      complaintId: Type.String({ format: 'uuid' }),
      reference: Type.String(),
      subject: Role,
      categories: Type.Array(Type.String(), { description: 'the kinds of personal data erased' }),
      copies: Type.Record(Type.String(), Type.Integer(), { description: 'rows rewritten besides the complaint, by table (events, stored responses, webhook deliveries…)' }),
    }),
  ),
});

const Hold = Type.Object({
  code: Type.Union(['complaint_open', 'ombudsman_case_open', 'ombudsman_referral_window', 'admin_hold'].map((c) => Type.Literal(c))),
  detail: Type.String(),
  until: Type.Union([Type.String({ format: 'date' }), Type.Null()], { description: 'the last day it applies, when it ends by itself' }),
});

export const LegalHoldsResponse = Type.Object({
  complaintId: Type.String({ format: 'uuid' }),
  reference: Type.String(),
  holds: Type.Array(Hold, { description: 'every legal hold that now stops an erasure or the retention schedule' }),
  adminHold: Type.Union([Type.Object({ reason: Type.String(), setBy: Type.String(), setAt: Type.String({ format: 'date-time' }) }), Type.Null()]),
  anonymisedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const LegalHoldBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500, description: 'why the data must be kept (e.g. a claim filed at court)' }) }, { additionalProperties: false });

export const ComplaintIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const RetentionSchema = Type.Object(
  {
    anonymiseAfterYears: Type.Integer({ minimum: 1, maximum: 100, description: 'complaints are anonymised this many years after they ended (closed, declined, withdrawn); default 6' }),
    nextAnonymisationOn: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
      description: 'when the schedule next anonymises a complaint (before today: at the next sweep); null when none is due as things stand',
    }),
  },
  { $id: 'RetentionSchedule' },
);

export const RetentionBody = Type.Object({ anonymiseAfterYears: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false });

const ACTIONS = ['search', 'export', 'erasure', 'anonymisation', 'read_sensitive', 'legal_hold_set', 'legal_hold_released'] as const;

export const AuditQuery = Type.Object(
  {
    ...PageQuery,
    action: Type.Optional(Type.Union(ACTIONS.map((a) => Type.Literal(a)))),
    complaintId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const AuditResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      at: Type.String({ format: 'date-time' }),
      actor: Type.String({ description: 'the API key id, or the system job' }),
      action: Type.Union(ACTIONS.map((a) => Type.Literal(a))),
      complaintIds: Type.Array(Type.String({ format: 'uuid' })),
      detail: Type.Object({}, { additionalProperties: true, description: 'what was done (never the person’s details)' }),
    }),
  ),
  nextCursor: NextCursor,
});
