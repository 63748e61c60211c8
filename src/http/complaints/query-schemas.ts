import { Type } from '@sinclair/typebox';
import { IsoDateSchema } from '../calendar/schemas.ts';
import { ComplaintStatusSchema, Uuid } from './complaint-parts-schema.ts';
import { ComplaintEventSchema, ComplaintSchema } from './complaint-schema.ts';
import { NextCursor, PageQuery } from '../page-schemas.ts';
import { closed, SHORT } from './intake-schemas.ts';

// Path parameters, the list query and the list answers of the complaint API.

export const ComplaintParams = Type.Object({ id: Uuid('the complaint id') }, closed);

export const ComplaintRefParams = Type.Object(
  { idOrReference: Type.String({ minLength: 1, maxLength: 64, description: 'the complaint id, or its reference (e.g. CMP-2026-000123)' }) },
  closed,
);

export const ItemParams = Type.Object(
  {
    id: Uuid('the complaint id'),
    itemId: Type.String({ minLength: 1, maxLength: 20, description: 'the remedy or action id, e.g. r1 or a2' }),
  },
  closed,
);

export const ListComplaintsQuery = Type.Object(
  {
    status: Type.Optional(ComplaintStatusSchema),
    stage: Type.Optional(Type.Integer({ minimum: 1, maximum: 2, description: 'the current stage: 1 or 2' })),
    handler: Type.Optional(Type.String({ maxLength: SHORT, description: "the current stage's handler" })),
    category: Type.Optional(Type.String({ maxLength: SHORT })),
    serviceArea: Type.Optional(Type.String({ maxLength: SHORT })),
    receivedFrom: Type.Optional({ ...IsoDateSchema, description: 'received on or after this London date' }),
    receivedTo: Type.Optional({ ...IsoDateSchema, description: 'received on or before this London date' }),
    breached: Type.Optional(
      Type.Boolean({ description: "true: only complaints with a landlord's deadline past due and unmet (or missed); false: only those without" }),
    ),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'text searched for in the reference and externalRef' })),
    ...PageQuery,
  },
  closed,
);

export const EventListQuery = Type.Object(PageQuery, closed);

export const ComplaintListResponse = Type.Object({ items: Type.Array(Type.Ref(ComplaintSchema)), nextCursor: NextCursor });

export const EventListResponse = Type.Object({ items: Type.Array(Type.Ref(ComplaintEventSchema), { description: 'oldest first' }), nextCursor: NextCursor });
