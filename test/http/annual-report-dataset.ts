import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/store/database.ts';
import type { movableClock } from '../helpers/test-app.ts';
import { buildReportsDataset } from './reports-dataset.ts';

/**
 * reports-dataset.ts's year 2025/26, plus G (received Mon 15 Sep 2025 about repairs,
 * answered with training and a procedure change as remedies, so the learning section has
 * something, and a contact restriction from 1 Oct 2025) and the landlord's commentary on two provisions. The clock ends on Mon 20 Apr 2026.
 */
export async function buildAnnualReportDataset(app: FastifyInstance, db: Db, clock: ReturnType<typeof movableClock>) {
  const built = await buildReportsDataset(app, db, clock);
  const { crm } = built;
  const send = async (method: 'POST' | 'PUT', url: string, at: string, payload: object) => {
    clock.set(at);
    const res = await app.inject({ method, url, headers: crm.headers, payload });
    if (res.statusCode >= 300) throw new Error(`${url} at ${at}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const g = await send('POST', '/v1/complaints', '2025-09-15T09:00:00Z', {
    channel: 'phone', category: 'repairs', serviceArea: 'repairs', complainant: { name: 'Resident G' }, description: 'Complaint G', receivedAt: '2025-09-15T09:00:00Z',
  });
  await send('POST', `/v1/complaints/${g.id}/acknowledge`, '2025-09-16T09:00:00Z', { definition: 'Complaint G', outcomesSought: ['Put it right'], handler: 'carol' });
  await send('POST', `/v1/complaints/${g.id}/respond`, '2025-09-25T09:00:00Z', {
    stage: 1, definition: 'Complaint G', decisions: [{ matterId: 'm1', outcome: 'upheld', reasons: 'The repair was missed' }],
    remedies: [
      { type: 'training', description: 'Repairs schedulers trained on follow-up appointments' },
      { type: 'policy_change', description: 'Missed appointments now rebooked within 2 days' },
    ],
    outstandingActions: [], escalationExplained: true,
  });
  await send('POST', `/v1/complaints/${g.id}/contact-restrictions`, '2025-10-01T09:00:00Z', {
    reason: 'Abusive calls', decidedBy: 'Sam Senior', decidedByRole: 'head_of_service', allowedChannels: ['email'], startsOn: '2025-10-01', reviewOn: '2026-01-05',
    residentToldInWritingAt: '2025-10-01T09:00:00Z', equalityActConsideration: 'Email suits the resident’s needs',
  });
  await send('PUT', '/v1/reports/self-assessment/commentary', '2026-04-20T09:00:00Z', {
    year: 2025, provision: 'stage_1_responded_in_time', commentary: 'One response was late in July while the team was short-staffed; <we> have since added cover & rota "checks".',
  });
  await send('PUT', '/v1/reports/self-assessment/commentary', '2026-04-20T09:00:00Z', {
    year: 2025, provision: 'different_stage_2_handler', commentary: 'Stage 2 reviews are done by the Head of Customer Experience.',
  });
  clock.set('2026-04-20T09:00:00Z');
  return { ...built, g: g.id as string };
}
