import { Type, type TSchema } from '@sinclair/typebox';
import { TSM_MEASURES } from '../../domain/reporting/index.ts';
import { IsoDateSchema } from '../calendar/schemas.ts';
import { NextCursor, PageQuery } from '../page-schemas.ts';
import { OmbudsmanFiguresSchema } from './performance-schema.ts';

// The regulator's measures (TSM CH01, CH02), their cases, and the Code self-assessment.

const closed = { additionalProperties: false } as const;
const Year = Type.Integer({ minimum: 2000, maximum: 2099, description: 'the financial year starting 1 April of this year (2025 = 2025/26)' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Percentage = Nullable(Type.Number({ description: 'a percentage to one decimal place; null when nothing was counted' }));

export const YearQuery = Type.Object({ year: Year }, closed);

export const SelfAssessmentQuery = Type.Object(
  {
    year: Year,
    asOf: Type.Optional({ ...IsoDateSchema, description: 'judge the data as it stood at the end of this London date (steps dated later are left out); today by default' }),
  },
  closed,
);

export const TsmCasesQuery = Type.Object(
  {
    year: Year,
    measure: Type.Union(TSM_MEASURES.map((m) => Type.Literal(m))),
    stage: Type.Integer({ minimum: 1, maximum: 2 }),
    ...PageQuery,
  },
  closed,
);

const FinancialYearSchema = Type.Object({
  year: Type.Integer(),
  label: Type.String({ examples: ['2025/26'] }),
  from: IsoDateSchema,
  to: IsoDateSchema,
});

const Ch01Stage = Type.Object({
  received: Type.Integer({ description: 'complaints counted' }),
  leftOut: Type.Integer({ description: 'complaints of the year left out (listed with reasons by /v1/reports/tsm/cases)' }),
  per1000Homes: Nullable(Type.Number({ description: 'received ÷ homes × 1,000, two decimals; null without a homes figure' })),
});

const Ch02Stage = Type.Object({
  responses: Type.Integer({ description: 'responses sent in the year' }),
  withinTimescale: Type.Integer({ description: "of those, sent within the Code's timescales" }),
  percentage: Percentage,
  leftOut: Type.Integer({ description: 'cases started in the year without a response sent in it' }),
  timescales: Type.String({ description: 'the timescales used' }),
});

export const TsmReportSchema = Type.Object({
  financialYear: FinancialYearSchema,
  ch01: Type.Object({
    homes: Nullable(Type.Integer({ description: "the organisation's homes for this financial year; null when none is set" })),
    homesNote: Type.String({ description: 'the homes figure used, or that none is set' }),
    stage1: Ch01Stage,
    stage2: Ch01Stage,
    definitions: Type.Array(Type.String()),
  }),
  ch02: Type.Object({
    extensionCountsAsOnTime: Type.Boolean({ description: "the policy's ch02ExtensionCountsAsOnTime setting used" }),
    policyVersion: Nullable(Type.Integer({ description: 'the policy version the setting was read from: the one in force on the last day of the financial year' })),
    policyInForceOn: { ...IsoDateSchema, description: 'the day the setting was read for: the last day of the financial year' },
    stage1: Ch02Stage,
    stage2: Ch02Stage,
    definitions: Type.Array(Type.String()),
  }),
});

export const TsmCasesSchema = Type.Object({
  year: Type.Integer(),
  measure: Type.Union(TSM_MEASURES.map((m) => Type.Literal(m))),
  stage: Type.Integer(),
  counted: Type.Integer(),
  leftOut: Type.Integer(),
  items: Type.Array(
    Type.Object({
      complaintId: Type.String({ format: 'uuid' }),
      reference: Type.String(),
      counted: Type.Boolean(),
      withinTimescale: Type.Union([Type.Boolean(), Type.Null()], { description: "CH02: counted as within the Code's timescales" }),
      date: Type.Union([IsoDateSchema, Type.Null()], { description: 'received, escalation requested, or response sent' }),
      dueDate: Type.Union([IsoDateSchema, Type.Null()], { description: "CH02: the Code's due date before any extension" }),
      reason: Type.String(),
    }),
    { description: 'one page, by date, then reference; counted and leftOut are over every page' },
  ),
  nextCursor: NextCursor,
});

export const SelfAssessmentSchema = Type.Object({
  financialYear: FinancialYearSchema,
  asOf: IsoDateSchema,
  provisions: Type.Array(
    Type.Object({
      id: Type.String(),
      code: Type.String({ description: 'the Complaint Handling Code 2024 paragraphs' }),
      requirement: Type.String(),
      evidenced: Type.Integer({ description: 'cases the data can judge this year' }),
      compliant: Type.Integer(),
      ratePercentage: Percentage,
      failingCases: Type.Array(Type.Object({ complaintId: Type.String({ format: 'uuid' }), reference: Type.String(), reason: Type.String() })),
    }),
  ),
  ombudsman: { ...OmbudsmanFiguresSchema, description: "the Ombudsman's determinations made in the year: findings by finding and service area, and its orders complied with on time (overdue: as of asOf)" },
  definitions: Type.Array(Type.String()),
});
