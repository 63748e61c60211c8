import { Type } from '@sinclair/typebox';
import { IsoDateSchema } from '../calendar/schemas.ts';
import { PolicySchema } from './policy-schema.ts';

export const PolicyVersionSchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    effectiveFrom: IsoDateSchema,
    preset: Type.Union([Type.String(), Type.Null()], { description: 'the preset it started from, if any' }),
    policy: Type.Ref(PolicySchema),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String({ description: 'the API key id that made it, or system' }),
  },
  { $id: 'PolicyVersion' },
);

export const CurrentPolicyResponse = Type.Object({
  inForce: Type.Ref(PolicyVersionSchema),
  upcoming: Type.Array(Type.Ref(PolicyVersionSchema), { description: 'versions that take effect later' }),
});

export const ChangePolicyBody = Type.Object(
  {
    preset: Type.Optional(Type.String({ description: 'start from this preset (see GET /v1/policy/presets)' })),
    policy: Type.Optional(Type.Ref(PolicySchema)),
    overrides: Type.Optional(
      Type.Object({}, { additionalProperties: true, description: 'a partial policy merged over the base: objects merge, arrays replace, null clears' }),
    ),
    effectiveFrom: Type.Optional({ ...IsoDateSchema, description: 'the first day of receipt it applies to; today by default, earlier only with backdate' }),
    backdate: Type.Optional(
      Type.Boolean({ description: 'true to add a historic version: effectiveFrom may be in the past, even before existing versions; it governs complaints received from then until the next version' }),
    ),
    replan: Type.Optional(
      Type.Boolean({ description: 'with backdate: move the complaints already received in its range onto it and re-plan their deadlines (each move an event); without it they are only listed' }),
    ),
  },
  { additionalProperties: false },
);

export const ComplianceResponse = Type.Object({
  version: Type.Integer(),
  compliant: Type.Boolean({ description: 'true when the policy is nowhere looser than the Code 2024' }),
  gaps: Type.Array(
    Type.Object({
      rule: Type.String(),
      codeParagraph: Type.String(),
      policyValue: Type.String(),
      codeValue: Type.String(),
      message: Type.String(),
    }),
  ),
  notices: Type.Array(Type.Object({ rule: Type.String(), policyValue: Type.String(), message: Type.String() }), {
    description: 'timescales the Code does not set but the policy should, for duties beside the complaint (e.g. ombudsman_evidence_missing); they do not affect compliant',
  }),
});

export const VersionQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'a version number; the one in force today by default' })) },
  { additionalProperties: false },
);

export const ChangePolicyResponse = Type.Object({
  ...PolicyVersionSchema.properties,
  alreadyReceived: Type.Optional(
    Type.Object(
      {
        total: Type.Integer({ description: 'complaints received in the new version’s range under another version' }),
        replanned: Type.Boolean({ description: 'true when they were moved onto the new version (replan: true)' }),
        items: Type.Array(
          Type.Object({
            complaintId: Type.String({ format: 'uuid' }),
            reference: Type.String(),
            receivedAt: Type.String({ format: 'date-time' }),
            policyVersion: Type.Integer({ description: 'the version it had before' }),
            deadlinesMoved: Type.Union([Type.Integer(), Type.Null()], { description: 'deadlines whose due date moved; null when not re-planned' }),
          }),
          { description: 'by receipt, the first 500' },
        ),
      },
      { description: 'only for backdate: true' },
    ),
  ),
});
