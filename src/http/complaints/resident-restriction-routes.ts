import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { restrictResident } from '../../app/contact-restrictions/restrict-resident.ts';
import { notFound } from '../http-problem.ts';
import { IdempotencyHeaders, sendIdempotent } from '../idempotency.ts';
import { problemResponse } from '../problem-schema.ts';
import { ContactRestrictionBody } from './command-schemas.ts';
import { ContactRestrictionSchema } from './complaint-parts-schema.ts';
import { actorOf, type ComplaintRouteDeps } from './view.ts';

const ResidentParams = Type.Object({ residentRef: Type.String({ minLength: 1, maxLength: 100, description: "the resident's reference (complainant.residentRef)" }) });

const RestrictedComplaints = Type.Object({
  residentRef: Type.String(),
  items: Type.Array(
    Type.Object({ complaintId: Type.String({ format: 'uuid' }), reference: Type.String(), version: Type.Integer(), restriction: ContactRestrictionSchema }),
    { description: 'each complaint of the resident with the restriction recorded on it' },
  ),
});

// A contact restriction by the resident's reference: recorded on every complaint of theirs.
export const residentRestrictionRoutes: FastifyPluginAsyncTypebox<ComplaintRouteDeps> = async (app, deps) => {
  app.post(
    '/v1/residents/:residentRef/contact-restrictions',
    {
      config: { scope: 'complaints:write' },
      schema: {
        operationId: 'restrictResidentContact',
        tags: ['complaints'],
        summary: "Record a contact restriction on every complaint of a resident (by complainant.residentRef)",
        headers: IdempotencyHeaders,
        params: ResidentParams,
        body: ContactRestrictionBody,
        response: {
          201: RestrictedComplaints,
          404: problemResponse('The landlord has no complaint of this resident'),
          409: problemResponse('The dates break a rule (e.g. review_not_after_start)'),
          422: problemResponse('Required elements are missing (listed in errors), or an Idempotency-Key was reused with another body'),
        },
      },
    },
    async (request, reply) => {
      const { occurredAt, ...input } = request.body;
      const who = actorOf(request, deps);
      const { residentRef } = request.params;
      return sendIdempotent(request, reply, deps, async (tx) => {
        const saved = await restrictResident(tx, who, residentRef, input, occurredAt ? new Date(occurredAt) : undefined);
        if (saved === 'not_found') throw notFound(`Resident ${residentRef}`);
        const items = saved.map(({ complaint }) => ({ complaintId: complaint.id, reference: complaint.reference, version: complaint.version, restriction: complaint.contactRestrictions!.at(-1)! }));
        return { status: 201, body: { residentRef, items }, headers: {} };
      });
    },
  );
};
