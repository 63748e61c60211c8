import { Type } from '@sinclair/typebox';

const closed = { additionalProperties: false } as const;

export const ImportParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, closed);

export const UploadQuery = Type.Object(
  { dryRun: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'true: check every line through the domain rules, write nothing' })) },
  closed,
);

export const RejectionsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'default 50' })),
    cursor: Type.Optional(Type.String({ maxLength: 20, description: 'nextCursor of the previous page' })),
  },
  closed,
);

export const ImportSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    format: Type.Union([Type.Literal('ndjson'), Type.Literal('csv')]),
    dryRun: Type.Boolean(),
    status: Type.Union([Type.Literal('receiving'), Type.Literal('queued'), Type.Literal('processing'), Type.Literal('done'), Type.Literal('failed')], {
      description: 'receiving: the upload is streaming in; queued, processing, done; failed: the upload was cut off (see failureReason), nothing of it is imported',
    }),
    linesRead: Type.Integer({ description: 'the last line number stored' }),
    imported: Type.Integer({ description: 'complaints created (with dryRun: that would be created)' }),
    unchanged: Type.Integer({ description: 'lines imported before, identical: nothing done' }),
    rejected: Type.Integer({ description: 'lines refused: see /rejections' }),
    createdAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    failureReason: Type.Union([Type.String(), Type.Null()], { description: 'why a failed import failed: upload_interrupted or upload_abandoned, and what happened' }),
  },
  { description: 'an import and its progress' },
);

const ProblemLike = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { description: 'the problem+json a live command would have answered' },
);

export const RejectionsResponse = {
  description: 'The rejected lines, by line number: JSON pages, or with `Accept: text/csv` all of them as rows of line, externalRef, code, detail, errors',
  content: {
    'application/json': {
      schema: Type.Object({
        items: Type.Array(Type.Object({ line: Type.Integer(), externalRef: Type.Union([Type.String(), Type.Null()]), problem: ProblemLike })),
        nextCursor: Type.Union([Type.String(), Type.Null()]),
      }),
    },
    'text/csv': { schema: Type.String({ description: 'header `line,externalRef,code,status,detail,errors`' }) },
  },
};
