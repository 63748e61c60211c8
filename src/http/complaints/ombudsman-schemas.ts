import { Type, type Static } from '@sinclair/typebox';
import type { OmbudsmanInput } from '../../domain/complaint/index.ts';
import { OMBUDSMAN_ORDER_TYPES, type OmbudsmanOrder } from '../../domain/ombudsman/ombudsman-case.ts';
import { IsoDateSchema } from '../calendar/schemas.ts';
import { literals, Nullable, OmbudsmanFindingSchema, type OmbudsmanOrderSchema } from './complaint-parts-schema.ts';
import { closed, LongText, MAX_ITEMS, occurredAt, ShortText, TextList } from './intake-schemas.ts';

// The Ombudsman's case: POST /v1/complaints/{id}/ombudsman (one record per call, by kind),
// /ombudsman/orders/{orderId}/complete, and the issues and orders as the complaint shows them.

const body = <P extends Parameters<typeof Type.Object>[0]>(properties: P) => Type.Object({ ...properties, occurredAt }, closed);
const ItemRef = (description: string) => Type.String({ maxLength: 20, description });

export const IssueFindingSchema = Type.Object({ issue: LongText({ description: 'the issue the Ombudsman investigated' }), finding: OmbudsmanFindingSchema }, closed);

const OrderBody = Type.Object(
  {
    type: Type.Optional(literals(OMBUDSMAN_ORDER_TYPES, { description: 'order (binding; an SLA deadline) or recommendation; default order' })),
    description: LongText(),
    dueDate: Type.Optional(Nullable({ ...IsoDateSchema, description: 'the date set for compliance' })),
  },
  closed,
);

export const OmbudsmanBody = Type.Union(
  [
    body({ kind: Type.Literal('referral'), ombudsmanRef: Type.Optional(Nullable(ShortText())) }),
    body({ kind: Type.Literal('evidence_request'), description: LongText(), dueDate: Type.Optional(Nullable(IsoDateSchema)) }),
    body({ kind: Type.Literal('evidence_provided'), requestId: ItemRef('the evidence request, e.g. e1') }),
    body({
      kind: Type.Literal('determination'),
      issues: Type.Optional(Type.Array(IssueFindingSchema, { maxItems: MAX_ITEMS, description: 'a finding per issue, on the Ombudsman’s scale (use this, not findings)' })),
      findings: Type.Optional(TextList('deprecated: free-text findings, kept for older clients; the reports count them as given')),
      orders: Type.Optional(
        Type.Array(Type.Union([OrderBody, LongText({ description: 'deprecated: an order as bare text, with no due date' })]), { maxItems: MAX_ITEMS, description: 'orders and recommendations, each tracked to compliance' }),
      ),
    }),
  ],
  { description: 'one of four records, chosen by kind' },
);

export const CompleteOrderBody = body({ evidence: LongText({ description: 'the evidence of compliance sent to the Ombudsman' }) });

type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type OmbudsmanSchemasMatchDomain = Assert<Same<Static<typeof OmbudsmanOrderSchema>, OmbudsmanOrder>>;
export type OmbudsmanBodyFitsDomain = Assert<[Without<Static<typeof OmbudsmanBody>, 'occurredAt'>] extends [OmbudsmanInput] ? true : false>;
