import { Type, type Static } from '@sinclair/typebox';

export const FieldErrorSchema = Type.Object(
  {
    field: Type.String({ description: 'where: `body.name`, `query.days`, `params.id`, `headers.if-match`' }),
    message: Type.String(),
  },
  { $id: 'FieldError' },
);

// RFC 9457 problem details with a stable machine `code`.
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URN naming the problem kind: urn:complaints-api:problem:{code}' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'stable machine-readable code, e.g. validation_failed' }),
    instance: Type.Optional(Type.String({ description: 'the request path' })),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Ref(FieldErrorSchema))),
  },
  { $id: 'Problem' },
);

export type Problem = Static<typeof ProblemSchema>;
export type FieldError = Static<typeof FieldErrorSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A response schema entry for an error status, as problem+json. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: Type.Ref(ProblemSchema) } } };
}
