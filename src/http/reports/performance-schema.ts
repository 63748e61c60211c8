import { Type } from '@sinclair/typebox';
import { OUTCOMES, REMEDY_TYPES } from '../../domain/complaint/index.ts';
import { IsoDateSchema } from '../calendar/schemas.ts';

// The annual complaints performance report: JSON, or flat CSV rows (section, metric, value).

export const PeriodQuery = Type.Object(
  {
    from: { ...IsoDateSchema, description: 'first London date of receipt included' },
    to: { ...IsoDateSchema, description: 'last London date of receipt included' },
  },
  { additionalProperties: false },
);

const Tally = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }), { description: 'largest first' });
const Outcomes = Type.Object(Object.fromEntries(OUTCOMES.map((o) => [o, Type.Integer()])));
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Summary = Type.Object({ count: Type.Integer(), mean: NullableNumber, median: NullableNumber, p90: NullableNumber }, { description: 'working days' });
const StageTimes = Type.Object({ acknowledge: Summary, respond: Summary });

const Compliance = (what: string) =>
  Type.Object(
    {
      total: Type.Integer(),
      compliedOnTime: Type.Integer({ description: 'completed on or before the due date (London date), or with no due date' }),
      compliedLate: Type.Integer(),
      outstanding: Type.Integer({ description: 'not completed yet' }),
      overdue: Type.Integer({ description: 'not completed and due before the end of the period (self-assessment: before asOf)' }),
    },
    { description: what },
  );

export const OmbudsmanFiguresSchema = Type.Object(
  {
    determinations: Type.Integer(),
    byFinding: { ...Tally, description: "one per issue, on the Ombudsman's scale (older free-text findings as given)" },
    byServiceArea: Type.Array(Type.Object({ serviceArea: Type.String(), determinations: Type.Integer(), byFinding: Tally }), {
      description: 'the same, by the complaint’s service area; most determinations first',
    }),
    orders: Compliance('the Ombudsman’s orders and whether they were complied with on time'),
    recommendations: Compliance('its recommendations, likewise'),
  },
  { description: 'what the Housing Ombudsman found on these complaints, and whether its orders were kept' },
);

const InformalFigures = Type.Object({
  received: Type.Integer(),
  resolved: Type.Integer(),
  becameComplaints: Type.Integer({ description: 'how many became a stage 1 complaint' }),
  open: Type.Integer({ description: 'neither resolved nor raised as a complaint, and not withdrawn' }),
});

export const PerformanceReportSchema = Type.Object({
  period: Type.Object({ from: IsoDateSchema, to: IsoDateSchema }),
  volumes: Type.Object({ received: Type.Integer(), byChannel: Tally, byCategory: Tally, byServiceArea: Tally }),
  outcomes: Type.Object({ stage1: Outcomes, stage2: Outcomes }),
  workingDays: Type.Object({ stage1: StageTimes, stage2: StageTimes }),
  extensions: Type.Object({
    count: Type.Integer(),
    stage1: Type.Integer(),
    stage2: Type.Integer(),
    withGoodReason: Type.Integer({ description: 'extensions beyond the cap, with the good reason recorded' }),
    byReason: Tally,
    goodReasons: Tally,
  }),
  declines: Type.Object({ count: Type.Integer(), byGround: Tally }),
  withdrawn: Type.Integer(),
  escalation: Type.Object({
    stage1Responses: Type.Integer(),
    escalated: Type.Integer(),
    refused: Type.Integer(),
    ratePercentage: NullableNumber,
  }),
  remedies: Type.Object({
    byType: Type.Array(
      Type.Object({
        type: Type.Union(REMEDY_TYPES.map((t) => Type.Literal(t))),
        count: Type.Integer(),
        compensationPence: Type.Integer(),
        refundPence: Type.Integer(),
        totalPence: Type.Integer(),
      }),
    ),
    totalPence: Type.Integer(),
  }),
  ombudsman: OmbudsmanFiguresSchema,
  monthly: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM of receipt' }),
      received: Type.Integer(),
      declined: Type.Integer(),
      withdrawn: Type.Integer(),
      stage1Responses: Type.Integer(),
      escalated: Type.Integer(),
      byChannel: { ...Tally, description: 'complaints received that month, by channel, largest first' },
    }),
  ),
  definitions: Type.Array(Type.String()),
  informal: Type.Object(
    { informalResolutions: InformalFigures, supportRequests: InformalFigures },
    { description: 'informal resolutions (first time fix) and support-service requests received in the period: not complaints, so in no other figure' },
  ),
  contactRestrictions: Type.Object(
    { started: Type.Integer(), residents: Type.Integer(), ended: Type.Integer() },
    { description: 'contact restrictions for unacceptable behaviour that started in the period: one per complaint recorded on, the distinct residents, and how many have ended' },
  ),
});

export const CSV_CONTENT_TYPE = 'text/csv';

export const PerformanceResponse = {
  description: 'The report as JSON, or with `Accept: text/csv` as rows of section, metric, value',
  content: {
    'application/json': { schema: PerformanceReportSchema },
    [CSV_CONTENT_TYPE]: {
      schema: Type.String({ description: 'header `section,metric,value`, one row per figure', examples: ['section,metric,value\nvolumes,received,42\n'] }),
    },
  },
};
