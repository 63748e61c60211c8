import { Type } from '@sinclair/typebox';
import { DivisionSchema, IsoDateSchema } from '../calendar/schemas.ts';
import { RetentionSchema } from '../privacy/schemas.ts';

const NullableString = (options: { maxLength: number; format?: string; description?: string }) =>
  Type.Union([Type.String({ minLength: 1, ...options }), Type.Null()]);

const settingsProperties = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  division: Type.Ref(DivisionSchema),
  homes: Type.Array(
    Type.Object(
      {
        financialYear: Type.Integer({ minimum: 2000, maximum: 2100, description: 'the year of 1 April that starts the financial year' }),
        homes: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
      },
      { additionalProperties: false },
    ),
    { maxItems: 100, description: "homes owned per financial year, the regulator's CH01 denominator" },
  ),
  closureDays: Type.Array(
    Type.Object({ date: IsoDateSchema, reason: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
    { maxItems: 1000, description: "the landlord's own non-working days, on top of bank holidays" },
  ),
  complaintsContact: Type.Object(
    {
      email: NullableString({ maxLength: 320, format: 'email' }),
      phone: NullableString({ maxLength: 50 }),
      address: NullableString({ maxLength: 500 }),
      website: NullableString({ maxLength: 500, format: 'uri' }),
    },
    { additionalProperties: false, description: 'how residents reach the complaints team; printed on correspondence' },
  ),
  ombudsman: Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 200 }),
      phone: Type.String({ minLength: 1, maxLength: 50 }),
      email: NullableString({ maxLength: 320, format: 'email' }),
      website: Type.String({ minLength: 1, maxLength: 500, format: 'uri' }),
    },
    { additionalProperties: false, description: 'the ombudsman residents may go to; defaults by division' },
  ),
  intakeOrigins: Type.Array(Type.String({ maxLength: 300 }), {
    maxItems: 50,
    description: 'web origins allowed to post the public complaint form (CORS), e.g. https://www.example-homes.org.uk',
  }),
  awaabsLaw: Type.Optional(
    Type.Union([Type.Boolean(), Type.Null()], {
      description:
        "a social landlord in England, so Awaab's Law's hazard clocks run on hazards reported from now on; null or omitted: the division's default (on for england-and-wales, off elsewhere)",
    }),
  ),
};

export const OrganisationSettingsBody = Type.Object(settingsProperties, { additionalProperties: false });

export const OrganisationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    ...settingsProperties,
    retention: Type.Ref(RetentionSchema, { description: 'the retention schedule (change it with PUT /v1/organisation/retention)' }),
    version: Type.Integer({ description: 'also sent as the ETag; send it back in If-Match to update safely' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Organisation' },
);

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'the ETag last read; a stale one is refused with 412' })),
});
