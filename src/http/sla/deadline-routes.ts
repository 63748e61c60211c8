import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { londonDateOf } from '../../domain/calendar/index.ts';
import { deadlineAsOf } from '../../domain/complaint/index.ts';
import { explainDeadline } from '../../domain/sla/index.ts';
import { deadlinesOfComplaints } from '../../store/complaint-queries.ts';
import { findComplaint } from '../../store/complaints.ts';
import { findPolicyVersion } from '../../store/policy-versions.ts';
import { principalOf } from '../auth.ts';
import { ComplaintParams } from '../complaints/query-schemas.ts';
import type { ComplaintRouteDeps } from '../complaints/view.ts';
import { notFound } from '../http-problem.ts';
import { problemResponse } from '../problem-schema.ts';
import { DeadlinesQuery, DeadlinesResponse } from './explain-schemas.ts';
import { landlordCalendar } from './landlord-calendar.ts';

export const deadlineRoutes: FastifyPluginAsyncTypebox<ComplaintRouteDeps> = async (app, { db, clock, calendarFor }) => {
  app.get(
    '/v1/complaints/:id/deadlines',
    {
      config: { scope: 'complaints:read' },
      schema: {
        operationId: 'getComplaintDeadlines',
        tags: ['complaints', 'sla'],
        summary: "The complaint's deadlines; with explain=true, how each date was worked out",
        description:
          'The explanation gives the event each deadline counts from, the policy rule and Code paragraph behind it, ' +
          'the working days counted and the days skipped (weekend, the named bank holiday, a closure day), the extensions applied, and whether the date is provisional.',
        params: ComplaintParams,
        querystring: DeadlinesQuery,
        response: { 200: DeadlinesResponse, 404: problemResponse('No such complaint for this landlord') },
      },
    },
    async (request) => {
      const { organisationId } = principalOf(request);
      const complaint = await findComplaint(db, organisationId, request.params.id);
      if (!complaint) throw notFound(`Complaint ${request.params.id}`);
      const deadlines = (await deadlinesOfComplaints(db, organisationId, [complaint.id])).get(complaint.id) ?? [];
      const now = clock();
      const today = londonDateOf(now);
      const at = now.toISOString();
      if (request.query.explain !== true) return { complaintId: complaint.id, reference: complaint.reference, items: deadlines.map((d) => deadlineAsOf(d, today, at)) };
      const policy = await findPolicyVersion(db, organisationId, complaint.policyVersion);
      if (!policy) throw new Error(`policy version ${complaint.policyVersion} of complaint ${complaint.id} is missing`);
      const calendar = await landlordCalendar(db, calendarFor, organisationId);
      return {
        complaintId: complaint.id,
        reference: complaint.reference,
        items: deadlines.map((d) => ({ ...deadlineAsOf(d, today, at), explanation: explainDeadline(d, complaint, policy.policy, calendar) })),
      };
    },
  );
};
