import { Type } from '@sinclair/typebox';
import { NextCursor, PageQuery } from '../page-schemas.ts';
import { DEADLINE_KINDS } from '../../domain/complaint/index.ts';
import { IsoDateSchema } from '../calendar/schemas.ts';
import { literals, Nullable, StageSchema, Uuid } from '../complaints/complaint-parts-schema.ts';
import { closed, SHORT } from '../complaints/intake-schemas.ts';

// Query and answer schemas of the SLA monitoring API.

const asOf = Type.Optional({ ...IsoDateSchema, description: 'the date to answer as of (London); today by default' });
const withinWorkingDays = Type.Optional(
  Type.Integer({ minimum: 0, maximum: 260, default: 5, description: 'up to the N-th working day after asOf, on the landlord’s calendar' }),
);
const filters = {
  kind: Type.Optional(literals(DEADLINE_KINDS, { description: 'only deadlines of this kind' })),
  stage: Type.Optional(Type.Integer({ minimum: 1, maximum: 2, description: 'only deadlines of this stage' })),
  handler: Type.Optional(Type.String({ maxLength: SHORT, description: "the complaint's current handler" })),
  serviceArea: Type.Optional(Type.String({ maxLength: SHORT })),
  ...PageQuery,
};

export const BreachesQuery = Type.Object(
  {
    asOf,
    includeLate: Type.Optional(Type.Boolean({ default: false, description: 'also list deadlines met after their due date' })),
    ...filters,
  },
  closed,
);

export const DueQuery = Type.Object({ asOf, withinWorkingDays, ...filters }, closed);

export const SummaryQuery = Type.Object({ asOf, withinWorkingDays }, closed);

const common = {
  complaintId: Uuid(),
  reference: Type.String({ examples: ['CMP-2026-000123'] }),
  kind: literals(DEADLINE_KINDS),
  stage: Nullable(StageSchema),
  ref: Nullable(Type.String({ description: 'the remedy, action, evidence request, Ombudsman order or hazard id for those kinds; else null' })),
  dueDate: { ...IsoDateSchema, description: 'the due date; for a deadline in hours, the London date of dueAt' },
  dueAt: Nullable(Type.String({ format: 'date-time', description: "the instant it falls due, for a deadline counted in hours (Awaab's Law emergencies); null for a date deadline" })),
  handler: Nullable(Type.String({ description: "the complaint's current handler" })),
  serviceArea: Nullable(Type.String()),
  provisional: Type.Boolean({ description: 'the due date relies on projected (not yet announced) bank holidays' }),
};
const nextCursor = NextCursor;

export const BreachSchema = Type.Object(
  {
    ...common,
    status: literals(['breached', 'met_late'] as const, { description: 'as of asOf: still unmet (breached), or met after the due date' }),
    metOn: Nullable({ ...IsoDateSchema, description: 'when met (on or before asOf); null when unmet as of asOf' }),
    workingDaysLate: Type.Integer({
      description: 'working days after the due date up to asOf (or up to the day it was met), on the landlord’s calendar with its closure days',
    }),
    hoursLate: Nullable(Type.Number({ description: 'for a deadline in hours: hours from dueAt to the as-of moment (or to when it was met), to the tenth; else null' })),
  },
  { $id: 'SlaBreach' },
);

export const BreachesResponse = Type.Object({
  asOf: IsoDateSchema,
  items: Type.Array(Type.Ref(BreachSchema), { description: 'most working days late first; then earliest due, complaint, kind, ref' }),
  nextCursor,
});

export const DueItemSchema = Type.Object(
  {
    ...common,
    workingDaysLeft: Type.Integer({ description: 'working days after asOf up to the due date; 0 when due on asOf' }),
    hoursLeft: Nullable(Type.Number({ description: 'for a deadline in hours: hours from the as-of moment to dueAt, to the tenth; else null' })),
  },
  { $id: 'SlaDueDeadline' },
);

export const DueResponse = Type.Object({
  asOf: IsoDateSchema,
  dueBy: { ...IsoDateSchema, description: 'the withinWorkingDays-th working day after asOf: the last due date listed' },
  items: Type.Array(Type.Ref(DueItemSchema), { description: 'soonest due first' }),
  nextCursor,
});

const counts = {
  dueToday: Type.Integer({ description: 'unmet and due on asOf' }),
  dueWithin: Type.Integer({ description: 'unmet and due from asOf to dueBy (includes dueToday)' }),
  breached: Type.Integer({ description: 'unmet and past due as of asOf (a deadline in hours: its dueAt passed)' }),
};

export const SummaryResponse = Type.Object({
  asOf: IsoDateSchema,
  withinWorkingDays: Type.Integer(),
  dueBy: IsoDateSchema,
  items: Type.Array(Type.Object({ kind: literals(DEADLINE_KINDS), stage: Nullable(StageSchema), ...counts }), {
    description: "per kind and stage of the landlord's deadlines, only those with something to count",
  }),
  totals: Type.Object(counts),
});

export const SLA_SCHEMAS = [BreachSchema, DueItemSchema];
