import { Type } from '@sinclair/typebox';
import { DIVISIONS } from '../../domain/calendar/index.ts';

export const IsoDateSchema = Type.String({ format: 'date', description: 'a calendar date, YYYY-MM-DD', examples: ['2026-12-24'] });

export const DivisionSchema = Type.Union(
  DIVISIONS.map((d) => Type.Literal(d)),
  { $id: 'Division', description: "a UK bank-holiday division; defaults to the caller's organisation's" },
);

// Deadlines run to a few hundred working days at most; anything past ten years is a mistake.
const MAX_DAYS = 2500;

export const HolidaysQuery = Type.Object(
  {
    division: Type.Optional(Type.Ref(DivisionSchema)),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  },
  { additionalProperties: false },
);

export const AddQuery = Type.Object(
  {
    from: IsoDateSchema,
    days: Type.Integer({ minimum: -MAX_DAYS, maximum: MAX_DAYS, description: 'working days to add; negative counts back' }),
    division: Type.Optional(Type.Ref(DivisionSchema)),
    explain: Type.Optional(Type.Boolean({ default: false, description: 'list each day counted or skipped, and why' })),
  },
  { additionalProperties: false },
);

export const BetweenQuery = Type.Object(
  {
    from: IsoDateSchema,
    to: IsoDateSchema,
    division: Type.Optional(Type.Ref(DivisionSchema)),
  },
  { additionalProperties: false },
);

const provisional = Type.Boolean({
  description: 'true when the answer depends on a year past the announced GOV.UK data, so its holidays are projected',
});

export const HolidaySchema = Type.Object({ date: IsoDateSchema, title: Type.String(), provisional });

export const HolidaysResponse = Type.Object({
  division: Type.Ref(DivisionSchema),
  year: Type.Integer(),
  provisional,
  dataEndsOn: IsoDateSchema,
  holidays: Type.Array(HolidaySchema),
});

export const ExplanationStepSchema = Type.Object({
  date: IsoDateSchema,
  counted: Type.Boolean(),
  workingDayNumber: Type.Optional(
    Type.Integer({ description: '1 for the first working day counted, 2 for the next…; 0 marks day 0 when from is not a working day' }),
  ),
  reason: Type.Optional(Type.Union([Type.Literal('weekend'), Type.Literal('bank_holiday'), Type.Literal('closure_day')])),
  holiday: Type.Optional(Type.String({ description: "the bank holiday's title" })),
});

export const AddResponse = Type.Object({
  division: Type.Ref(DivisionSchema),
  from: IsoDateSchema,
  startsOn: Type.String({ format: 'date', description: 'day 0: from, or the next working day when from is not one (domain §4)' }),
  days: Type.Integer(),
  result: IsoDateSchema,
  provisional,
  convention: Type.String(),
  steps: Type.Optional(Type.Array(ExplanationStepSchema)),
});

export const BetweenResponse = Type.Object({
  division: Type.Ref(DivisionSchema),
  from: IsoDateSchema,
  to: IsoDateSchema,
  workingDays: Type.Integer({
    description: "working days d with day 0 < d <= to, day 0 being from or the next working day when from is not one; 0 when to is from up to day 0; negative when to is before from",
  }),
  provisional,
});
