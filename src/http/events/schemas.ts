import { Type } from '@sinclair/typebox';
import { FEED_EVENT_TYPES } from '../../domain/events/catalogue.ts';

const closed = { additionalProperties: false } as const;

export const PublicEventSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'unique per event; the webhook-id of its deliveries' }),
    type: Type.String({ description: 'a dotted lower-case name from the event catalogue, e.g. complaint.acknowledged' }),
    sequence: Type.Integer({ minimum: 1, description: "increases by one per event of this landlord, in commit order" }),
    createdAt: Type.String({ format: 'date-time', description: 'when the change was recorded' }),
    occurredAt: Type.String({ format: 'date-time', description: 'when it really happened (e.g. the letter date)' }),
    organisationId: Type.String({ format: 'uuid' }),
    dataVersion: Type.Integer({ description: 'the version of the data shape of this type; raised only for a change that could break a receiver' }),
    data: Type.Record(Type.String(), Type.Unknown(), { description: 'see the webhooks section for each type' }),
  },
  { $id: 'PublicEvent', description: 'One change, as the feed and webhooks carry it' },
);

export const EventFeedQuery = Type.Object(
  {
    after: Type.Optional(Type.String({ maxLength: 200, description: "a previous page's nextCursor; omitted, the feed starts at its oldest kept event" })),
    types: Type.Optional(
      Type.String({ maxLength: 2000, description: `comma-separated event types to return (others are skipped, the cursor still moves past them): ${FEED_EVENT_TYPES.join(', ')}` }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  closed,
);

export const EventFeedResponse = Type.Object({
  items: Type.Array(Type.Ref(PublicEventSchema), { description: 'in sequence order' }),
  nextCursor: Type.String({ description: 'pass as `after` to continue; always present, so a reader can store it and poll again' }),
});
