import { Type, type Static } from '@sinclair/typebox';
import { HAZARD_KINDS } from '../../domain/complaint/index.ts';
import { HAZARD_FINDINGS, type HazardCase, type HazardStep } from '../../domain/hazards/hazard-case.ts';
import type { HazardStepInput, ReportHazardInput } from '../../domain/hazards/hazard-steps.ts';
import { IsoDateSchema } from '../calendar/schemas.ts';
import { Instant, ItemId, literals, Nullable } from './complaint-parts-schema.ts';
import { closed, LongText, occurredAt } from './intake-schemas.ts';

// Awaab's Law hazards: the request bodies of POST /v1/complaints/{id}/hazards and
// /hazards/{hazardId}/steps, and the hazard as the complaint shows it.

const awareAt = Type.Optional(Nullable(Instant('when the landlord became aware of the hazard (the clocks start here); defaults to occurredAt')));

export const ReportHazardBody = Type.Object(
  { kind: literals(HAZARD_KINDS, { description: 'emergency: 24-hour clocks; damp_and_mould and other: the significant-hazard clocks' }), description: LongText(), awareAt, occurredAt },
  closed,
);

const completionDueOn = Type.Optional(Nullable({ ...IsoDateSchema, description: 'the date the landlord sets for completing the works (a reasonable time)' }));
const step = <S extends HazardStep, P extends Parameters<typeof Type.Object>[0]>(name: S, properties: P, description: string) =>
  Type.Object({ step: Type.Literal(name), ...properties, occurredAt }, { ...closed, description });

export const HazardStepBody = Type.Union(
  [
    step(
      'investigated',
      {
        finding: literals(HAZARD_FINDINGS, { description: 'under the regulations: an emergency finding starts 24 hours to make safe' }),
        safetyWorkNeeded: Type.Optional(Type.Boolean({ description: 'significant hazard: relevant safety work due within 5 working days' })),
        furtherWorksNeeded: Type.Optional(Type.Boolean({ description: 'further works: steps to begin within 5 working days, on site within 12 weeks' })),
        completionDueOn,
        notes: Type.Optional(Nullable(LongText())),
      },
      'the investigation concluded, with its finding',
    ),
    step('summary_sent', {}, 'the written summary of the investigation was given to the resident'),
    step('made_safe', {}, 'the emergency action or relevant safety work was done'),
    step('works_started', { onSite: Type.Optional(Type.Boolean({ description: 'false: steps taken to begin (an order, a booking); true or omitted: physically started' })), completionDueOn }, 'further works begun'),
    step('works_completed', {}, 'the works were completed'),
    step('alternative_accommodation_offered', {}, 'suitable alternative accommodation was offered'),
  ],
  { description: 'one step of the hazard, chosen by step; occurredAt is when it happened' },
);

export const HazardCaseSchema = Type.Object(
  {
    id: ItemId('h1, h2, …'),
    kind: literals(HAZARD_KINDS),
    description: Type.String(),
    awareAt: Instant('when the landlord became aware: the clocks count from here'),
    reportedAt: Instant(),
    awaabsLaw: Type.Boolean({ description: "Awaab's Law clocks run (the landlord is a social landlord in England, as set when the hazard was reported)" }),
    noClocksReason: Nullable(Type.String({ description: 'why no clocks run, when awaabsLaw is false' })),
    investigation: Nullable(
      Type.Object({ at: Instant(), finding: literals(HAZARD_FINDINGS), safetyWorkNeeded: Type.Boolean(), furtherWorksNeeded: Type.Boolean(), notes: Nullable(Type.String()) }),
    ),
    summarySentAt: Nullable(Instant()),
    madeSafeAt: Nullable(Instant()),
    worksBegunAt: Nullable(Instant()),
    worksOnSiteAt: Nullable(Instant()),
    completionDueOn: Nullable(IsoDateSchema),
    worksCompletedAt: Nullable(Instant()),
    alternativeAccommodationOfferedAt: Nullable(Instant()),
  },
  { description: "a hazard and its Awaab's Law steps; its clocks are among the complaint's deadlines (ref = the hazard id)" },
);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type HazardSchemasMatchDomain = Assert<
  Same<[Static<typeof HazardCaseSchema>, keyof Without<Static<typeof ReportHazardBody>, 'occurredAt'>], [HazardCase, keyof ReportHazardInput]>
>;
export type HazardStepBodyFitsDomain = Assert<[Without<Static<typeof HazardStepBody>, 'occurredAt'>] extends [HazardStepInput] ? true : false>;
