import { Type } from '@sinclair/typebox';

// Every list pages the same way: `limit` (default 50, at most 500) and the opaque `cursor`
// of the previous page, answered with `items` and `nextCursor`.

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 400, description: "the previous page's nextCursor" })),
};

export const NextCursor = Type.Union([Type.String(), Type.Null()], { description: 'pass as cursor for the next page; null on the last page' });
