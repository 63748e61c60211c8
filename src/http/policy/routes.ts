import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { londonDateOf, type CalendarFor } from '../../domain/calendar/index.ts';
import type { Clock } from '../../domain/clock.ts';
import { complianceGaps, complianceNotices, policyVersionInForce, type PolicyPreset } from '../../domain/policy/index.ts';
import { changePolicy } from '../../store/change-policy.ts';
import type { Db } from '../../store/database.ts';
import { listPolicyVersions, type PolicyVersion } from '../../store/policy-versions.ts';
import { principalOf } from '../auth.ts';
import { notFound } from '../http-problem.ts';
import { problemResponse } from '../problem-schema.ts';
import { PresetSchema } from './policy-schema.ts';
import { ChangePolicyBody, ChangePolicyResponse, ComplianceResponse, CurrentPolicyResponse, PolicyVersionSchema, VersionQuery } from './schemas.ts';

const versionBody = (v: PolicyVersion) => ({ ...v, createdAt: v.createdAt.toISOString() });

export const policyRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock; presets: readonly PolicyPreset[]; calendarFor: CalendarFor }> = async (
  app,
  { db, clock, presets, calendarFor },
) => {
  async function versionsAndToday(organisationId: string) {
    const versions = await listPolicyVersions(db, organisationId);
    return { versions, today: londonDateOf(clock()) };
  }

  app.get(
    '/v1/policy',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'getPolicy',
        tags: ['policy'],
        summary: 'The policy version in force today, and any that start later',
        response: { 200: CurrentPolicyResponse, 404: problemResponse('No policy version is in force today') },
      },
    },
    async (request) => {
      const { versions, today } = await versionsAndToday(principalOf(request).organisationId);
      const inForce = policyVersionInForce(versions, today);
      if (!inForce) throw notFound('A policy in force');
      return { inForce: versionBody(inForce), upcoming: versions.filter((v) => v.effectiveFrom > today).map(versionBody) };
    },
  );

  app.get(
    '/v1/policy/versions',
    {
      config: { scope: 'complaints:read' },
      schema: { operationId: 'listPolicyVersions', tags: ['policy'], summary: 'Every version of the policy, oldest first', response: { 200: Type.Object({ items: Type.Array(Type.Ref(PolicyVersionSchema)) }) } },
    },
    async (request) => ({ items: (await listPolicyVersions(db, principalOf(request).organisationId)).map(versionBody) }),
  );

  app.put(
    '/v1/policy',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'changePolicy',
        tags: ['policy'],
        summary: 'Change the policy: a new version from a preset, a whole policy, or overrides of the current one',
        description:
          'Versions never change once written; complaints keep the version in force when they were received. ' +
          'Repeating a request that changes nothing answers 200 with the existing version. ' +
          'A historic version (backdate: true, effectiveFrom in the past) lists the complaints already received in its range; replan: true moves them onto it.',
        body: ChangePolicyBody,
        response: { 200: ChangePolicyResponse, 201: ChangePolicyResponse },
      },
    },
    async (request, reply) => {
      const { organisationId, apiKeyId } = principalOf(request);
      const now = clock();
      const result = await changePolicy(db, {
        organisationId,
        request: request.body,
        presets,
        today: londonDateOf(now),
        now,
        actor: apiKeyId,
        calendarFor,
      });
      const body = { ...versionBody(result.version), ...(result.alreadyReceived ? { alreadyReceived: result.alreadyReceived } : {}) };
      return reply.code(result.created ? 201 : 200).send(body);
    },
  );

  app.get(
    '/v1/policy/presets',
    {
      config: { scope: 'complaints:read' },
      schema: { operationId: 'listPolicyPresets', tags: ['policy'], summary: 'The shipped presets: the Code, real landlord policies, the Scottish and Northern Irish models', response: { 200: Type.Object({ items: Type.Array(Type.Ref(PresetSchema)) }) } },
    },
    async () => ({ items: [...presets] }),
  );

  app.get(
    '/v1/policy/compliance',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'getPolicyCompliance',
        tags: ['policy'],
        summary: 'Every point where the policy is looser than the Complaint Handling Code 2024',
        querystring: VersionQuery,
        response: { 200: ComplianceResponse, 404: problemResponse('No such policy version') },
      },
    },
    async (request) => {
      const { versions, today } = await versionsAndToday(principalOf(request).organisationId);
      const wanted = request.query.version;
      const version = wanted === undefined ? policyVersionInForce(versions, today) : versions.find((v) => v.version === wanted);
      if (!version) throw notFound(`Policy version ${wanted ?? 'in force'}`);
      const gaps = complianceGaps(version.policy);
      return { version: version.version, compliant: gaps.length === 0, gaps, notices: complianceNotices(version.policy) };
    },
  );
};
