import { Type } from '@sinclair/typebox';
import { COUNTING_CONVENTIONS, TIME_UNITS } from '../../domain/policy/index.ts';
import { IsoDateSchema } from '../calendar/schemas.ts';
import { Instant, literals, Nullable, Uuid } from '../complaints/complaint-parts-schema.ts';
import { DeadlineSchema } from '../complaints/complaint-schema.ts';
import { closed } from '../complaints/intake-schemas.ts';

// GET /v1/complaints/{id}/deadlines: each deadline, and with explain=true how its date was worked out.

export const DeadlinesQuery = Type.Object(
  { explain: Type.Optional(Type.Boolean({ default: false, description: 'add how each date was worked out' })) },
  closed,
);

const SourceSchema = Type.Object(
  {
    paragraph: Nullable(Type.String({ description: 'the Complaint Handling Code 2024 paragraph, e.g. §6.3; null for a timescale of the policy alone' })),
    text: Type.String(),
  },
  { description: 'the rule behind the timescale' },
);

const SkippedDaySchema = Type.Object({
  date: IsoDateSchema,
  reason: literals(['weekend', 'bank_holiday', 'closure_day'] as const),
  holiday: Type.Optional(Type.String({ description: "the bank holiday's name" })),
});

const CountSchema = Type.Object(
  {
    from: { ...IsoDateSchema, description: 'day 0: the event’s date, or the next working day when it fell on a non-working day' },
    amount: Type.Integer(),
    unit: literals(TIME_UNITS),
    result: IsoDateSchema,
    counted: Type.Array(IsoDateSchema, { description: 'the working days counted, in order (working-day timescales)' }),
    skipped: Type.Array(SkippedDaySchema, { description: 'the days passed over, and why' }),
  },
  { description: "the count on the landlord’s calendar (its division’s bank holidays and its closure days); for Awaab's Law clocks, statutory working days with no closure days, the day after the event being day 1" },
);

const ExtensionSchema = Type.Object({
  previousDueDate: IsoDateSchema,
  newDueDate: IsoDateSchema,
  decidedAt: Instant(),
  reason: Type.String(),
  goodReason: Nullable(Type.String({ description: 'recorded when the extension goes beyond the policy’s cap' })),
  source: SourceSchema,
});

const HoursSchema = Type.Object(
  {
    from: Instant('the instant the clock counts from (awareness, or the investigation that found an emergency)'),
    hours: Type.Integer(),
    dueAt: Instant(),
    wallClockHours: Type.Number({ description: 'the same span on a London wall clock: 23 across the October clock change, 25 across March’s' }),
  },
  { description: 'a deadline in hours: elapsed hours of real time, through nights, weekends and bank holidays' },
);

export const ExplanationSchema = Type.Object({
  countsFrom: DeadlineSchema.properties.countsFrom,
  rule: Type.String({ description: 'the policy field, e.g. stage1.respond, or the item’s own due date' }),
  source: SourceSchema,
  convention: literals(COUNTING_CONVENTIONS),
  count: Nullable(CountSchema),
  hours: Nullable(HoursSchema),
  extensions: Type.Array(ExtensionSchema, { description: 'oldest first; the last one sets dueDate' }),
  originalDueDate: IsoDateSchema,
  dueDate: IsoDateSchema,
  provisional: Type.Boolean(),
});

export const DeadlinesResponse = Type.Object({
  complaintId: Uuid(),
  reference: Type.String(),
  items: Type.Array(Type.Object({ ...DeadlineSchema.properties, explanation: Type.Optional(ExplanationSchema) })),
});
