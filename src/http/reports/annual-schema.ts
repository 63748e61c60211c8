import { Type, type TSchema } from '@sinclair/typebox';
import { OUTCOMES } from '../../domain/complaint/index.ts';
import { PROVISIONS } from '../../domain/reporting/index.ts';
import { IsoDateSchema } from '../calendar/schemas.ts';
import { PerformanceReportSchema } from './performance-schema.ts';

// GET /v1/reports/annual (JSON; the page is the same figures as HTML) and the
// self-assessment commentary the landlord writes for it.

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Year = Type.Integer({ minimum: 2000, maximum: 2099, description: 'the financial year starting 1 April of this year (2025 = 2025/26)' });
const Tally = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }), { description: 'largest first' });
const Percentage = Nullable(Type.Number({ description: 'a percentage to one decimal place; null when nothing was counted' }));
const FinancialYear = Type.Object({ year: Type.Integer(), label: Type.String({ examples: ['2025/26'] }), from: IsoDateSchema, to: IsoDateSchema });
const Rate = Type.Object({ responses: Type.Integer(), withinTimescale: Type.Integer(), percentage: Percentage });
const StageRate = Type.Object({ current: Rate, previous: Rate, timescales: Type.String() });
const Volume = Type.Object({ received: Type.Integer(), per1000Homes: Nullable(Type.Number({ description: 'two decimal places; null without a homes figure' })) });
const StageVolume = Type.Object({ current: Volume, previous: Volume });
const Outcomes = Type.Object(Object.fromEntries(OUTCOMES.map((o) => [o, Type.Integer()])));
const OrderTally = Type.Object({ total: Type.Integer(), compliedOnTime: Type.Integer(), compliedLate: Type.Integer(), outstanding: Type.Integer(), overdue: Type.Integer() });
const Informal = Type.Object({ received: Type.Integer(), resolved: Type.Integer(), becameComplaints: Type.Integer(), open: Type.Integer() });
const ProvisionId = Type.Union(PROVISIONS.map((p) => Type.Literal(p.id)), { description: 'a self-assessment provision id, as GET /v1/reports/self-assessment lists' });

export const AnnualReportQuery = Type.Object(
  {
    year: Year,
    asOf: Type.Optional({ ...IsoDateSchema, description: 'the self-assessment judges the data as it stood at the end of this London date; today by default' }),
  },
  { additionalProperties: false },
);

export const AnnualReportSchema = Type.Object({
  organisation: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }),
  financialYear: FinancialYear,
  previousFinancialYear: FinancialYear,
  asOf: IsoDateSchema,
  volumes: Type.Object({
    received: Type.Integer(),
    byChannel: Tally,
    byMonth: Type.Array(Type.Object({ month: Type.String({ description: 'YYYY-MM of receipt' }), received: Type.Integer(), byChannel: Tally })),
  }),
  timeliness: Type.Object({ extensionCountsAsOnTime: Type.Boolean(), stage1: StageRate, stage2: StageRate }, { description: "CH02, this year's and the previous year's" }),
  perThousandHomes: Type.Object(
    { homes: Type.Object({ current: Nullable(Type.Integer()), previous: Nullable(Type.Integer()) }), stage1: StageVolume, stage2: StageVolume },
    { description: "CH01, this year's and the previous year's" },
  ),
  outcomes: Type.Object({ stage1: Outcomes, stage2: Outcomes }),
  workingDays: PerformanceReportSchema.properties.workingDays,
  topCategories: Tally,
  topServiceAreas: Tally,
  extensions: PerformanceReportSchema.properties.extensions,
  declines: PerformanceReportSchema.properties.declines,
  withdrawn: Type.Integer(),
  informal: Type.Object({ informalResolutions: Informal, supportRequests: Informal }, { description: 'dealt with informally or as support requests: not complaints, so in no other figure' }),
  contactRestrictions: PerformanceReportSchema.properties.contactRestrictions,
  escalation: PerformanceReportSchema.properties.escalation,
  remedies: PerformanceReportSchema.properties.remedies,
  ombudsman: Type.Object({
    referrals: Type.Integer({ description: 'complaints received this year that were referred to the Ombudsman' }),
    determinations: Type.Integer(),
    byFinding: Tally,
    ordersAndRecommendations: Type.Integer({ description: "orders and recommendations in the Ombudsman's determinations" }),
    compliance: Type.Object({ orders: OrderTally, recommendations: OrderTally }, { description: 'whether they were complied with on time' }),
  }),
  learning: Type.Object({
    improvementRemedies: Type.Integer({ description: 'policy or procedure changes and training agreed as remedies' }),
    byType: Tally,
    byServiceArea: Type.Array(Type.Object({ serviceArea: Type.String(), type: Type.String({ description: 'policy_change or training' }), count: Type.Integer() })),
  }),
  selfAssessment: Type.Object({
    asOf: IsoDateSchema,
    provisions: Type.Array(
      Type.Object({
        id: Type.String(),
        code: Type.String({ description: 'the Complaint Handling Code 2024 paragraphs' }),
        requirement: Type.String(),
        complies: Nullable(Type.Union([Type.Literal('yes'), Type.Literal('no')], { description: 'yes when every case evidenced met it; null without evidence this year' })),
        evidence: Type.String(),
        evidenced: Type.Integer(),
        compliant: Type.Integer(),
        ratePercentage: Percentage,
        commentary: Nullable(Type.String({ description: "the landlord's own, set with PUT /v1/reports/self-assessment/commentary" })),
        commentaryUpdatedAt: Nullable(Type.String({ format: 'date-time' })),
      }),
    ),
  }),
  definitions: Type.Array(Type.String()),
});

export const CommentaryBody = Type.Object(
  {
    year: Year,
    provision: ProvisionId,
    commentary: Type.String({ maxLength: 4000, description: "the landlord's commentary or explanation for this provision; an empty string removes it" }),
  },
  { additionalProperties: false },
);

export const CommentarySchema = Type.Object({
  year: Type.Integer(),
  provision: Type.String(),
  commentary: Nullable(Type.String()),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
  updatedBy: Nullable(Type.String({ description: 'the API key id that wrote it' })),
});
