import { Type } from '@sinclair/typebox';
import { IsoDateSchema } from '../calendar/schemas.ts';

const text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });

export const PublicComplaintBody = Type.Object(
  {
    name: text(200),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    phone: Type.Optional(text(50)),
    address: Type.Optional(text(500, 'the address the complaint is about, or to write to')),
    tenancyRef: Type.Optional(text(100)),
    whatWentWrong: text(10000),
    whatWouldPutItRight: Type.Optional(text(5000)),
    consentToContact: Type.Boolean({ description: 'the resident agrees to be contacted about the complaint' }),
    website: Type.Optional(Type.String({ maxLength: 500, description: 'leave empty: a hidden field that only robots fill in' })),
  },
  { additionalProperties: false },
);

export const PublicComplaintResponse = Type.Object({
  reference: Type.String({ description: 'quote it in any contact about the complaint' }),
  acknowledgementDueDate: Type.Union([IsoDateSchema, Type.Null()], {
    description: 'the date by which the landlord will acknowledge it; null when its policy sets no separate acknowledgement',
  }),
});
