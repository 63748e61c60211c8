import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import {
  AGE_LIMIT_EXCEPTIONS,
  CLOCK_STARTS,
  COUNTING_CONVENTIONS,
  CODE_ESCALATION_REFUSAL_GROUNDS,
  EXCLUSION_GROUNDS,
  TIME_UNITS,
} from '../../domain/policy/index.ts';

// The HTTP mirror of src/domain/policy/policy.ts: shapes and enums only; the domain
// checks the rules (ranges, which clock may start which, ...).
const literals = <const T extends readonly string[]>(values: T, options: object = {}) =>
  Type.Union(values.map((v) => Type.Literal(v)), options) as unknown as TUnion<TLiteral<T[number]>[]>;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const closed = { additionalProperties: false };

const Amount = Type.Integer({ minimum: 0, maximum: 1000 });
export const TimescaleSchema = Type.Object(
  { amount: Amount, unit: literals(TIME_UNITS), from: literals(CLOCK_STARTS, { description: 'the event the clock counts from' }) },
  { ...closed, $id: 'Timescale' },
);
const ExtensionCapSchema = Type.Object({ amount: Amount, unit: literals(TIME_UNITS) }, closed);
const Timescale = Type.Ref(TimescaleSchema);

const StageSchema = Type.Object(
  {
    acknowledge: Nullable(Timescale),
    respond: Timescale,
    extensionCap: Nullable(ExtensionCapSchema),
  },
  { ...closed, description: 'extensionCap: null sets no cap; amount 0 allows no extension' },
);

export const PolicySchema = Type.Object(
  {
    stage1: StageSchema,
    stage2: StageSchema,
    escalationWindow: Nullable(
      Type.Object(
        { amount: Amount, unit: literals(TIME_UNITS), from: literals(CLOCK_STARTS), orIfLater: Nullable(Timescale) },
        { ...closed, description: 'how long a resident has to ask for stage 2; closes at the later of the two when orIfLater is set' },
      ),
    ),
    escalationRules: Type.Object(
      {
        refusalGrounds: Type.Array(
          Type.Object(
            {
              code: Type.String({ maxLength: 60, description: 'the policy’s name for the ground (snake_case): what a refusal cites' }),
              codeGround: Nullable(literals(CODE_ESCALATION_REFUSAL_GROUNDS, { description: 'the Code’s ground it maps to; null when none fits (a compliance finding)' })),
              description: Type.String({ maxLength: 500, description: 'the policy’s own words' }),
            },
            closed,
          ),
          { maxItems: 50 },
        ),
        requestInWriting: Type.Boolean({ description: 'a stage 2 request must be made in writing' }),
        reasonsRequired: Type.Boolean({ description: 'the resident must give reasons (contrary to Code §6.12)' }),
        criteria: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50, description: 'criteria (snake_case) of which a request must cite one; empty: none' }),
      },
      { ...closed, description: 'the grounds on which the policy may refuse to escalate, and what a stage 2 request must contain (422 escalation_preconditions_missing unless a discretion is recorded)' },
    ),
    autoCloseWindow: Nullable(Timescale),
    declineLetter: Nullable(Timescale),
    ombudsmanEvidence: Nullable(Timescale),
    informalResolution: Nullable(Timescale),
    supportRequestContact: Nullable(Timescale),
    untimedInformalStep: Type.Boolean({ description: 'an informal step with no time limit (reported by the compliance check); only with informalResolution null' }),
    counting: Type.Object(
      {
        convention: literals(COUNTING_CONVENTIONS),
        receiptCutOff: Nullable(Type.String({ pattern: '^\\d{2}:\\d{2}$', description: 'HH:MM London time' })),
      },
      closed,
    ),
    exclusions: Type.Object(
      {
        ageLimit: Nullable(
          Type.Object({ months: Type.Integer({ minimum: 0, maximum: 120 }), exceptions: Type.Array(literals(AGE_LIMIT_EXCEPTIONS)) }, closed),
        ),
        grounds: Type.Array(literals(EXCLUSION_GROUNDS)),
      },
      closed,
    ),
    ch02ExtensionCountsAsOnTime: Type.Boolean(),
  },
  { ...closed, $id: 'Policy' },
);

export const PresetSchema = Type.Object(
  {
    name: Type.String(),
    title: Type.String(),
    description: Type.String(),
    source: Type.String(),
    suggestedDivision: Nullable(Type.String()),
    policy: Type.Ref(PolicySchema),
    notes: Type.Array(Type.String()),
  },
  { $id: 'PolicyPreset' },
);
