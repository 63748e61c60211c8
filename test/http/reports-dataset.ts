import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/store/database.ts';
import { findOrganisation, updateOrganisation } from '../../src/store/organisations.ts';
import type { movableClock } from '../helpers/test-app.ts';
import { aKey } from '../helpers/test-app.ts';

/**
 * A landlord's complaints around financial year 2025/26 (1 April 2025 - 31 March 2026),
 * built through the HTTP API with a movable clock, on the Code 2024 preset and the England
 * and Wales calendar (bank holidays 18 and 21 April, 5 and 26 May 2025; 3 and 6 April 2026).
 * Each step happens at the time the clock is set to, so the data is what the service produces.
 *
 * A  received Mon 31 Mar 2025 (year 2024/25), acknowledged Wed 2 Apr, answered Tue 15 Apr 2025.
 * B  received Thu 1 May; acknowledged Fri 2 May by alice; response due 19 May, extended on 16 May
 *    to 2 Jun; answered Wed 28 May (inside the extension, upheld, apology); escalated Mon 2 Jun;
 *    stage 2 acknowledged Wed 4 Jun by bob; answered Tue 1 Jul (£100 compensation); closed;
 *    Ombudsman determination (service failure) 10 Feb 2026.
 * C  received Tue 10 Jun by phone, withdrawn Thu 12 Jun before acknowledgement.
 * D  received Mon 16 Jun by letter, declined Wed 18 Jun (legal proceedings).
 * E  received Wed 2 Jul; acknowledged Fri 4 Jul; due Fri 18 Jul; answered late Tue 22 Jul (not upheld).
 * F  received Tue 31 Mar 2026 (the last day of the year) through the web form channel;
 *    acknowledged Wed 1 Apr 2026; answered Thu 9 Apr 2026 (one matter upheld, one not).
 * X  another landlord's complaint received Mon 12 May 2025, answered late; never in these figures.
 */
export async function buildReportsDataset(app: FastifyInstance, db: Db, clock: ReturnType<typeof movableClock>) {
  const crm = await aKey(db, ['complaints:read', 'complaints:write', 'reports:read', 'admin']);
  const other = await aKey(db, ['complaints:read', 'complaints:write', 'reports:read']);
  const organisation = (await findOrganisation(db, crm.organisationId))!;
  await updateOrganisation(db, crm.organisationId, { ...organisation, homes: [{ financialYear: 2025, homes: 2000 }] }, undefined, new Date());

  const ids: Record<string, string> = {};
  const versions: Record<string, number> = {};
  const post = async (headers: Record<string, string>, url: string, at: string, payload: object) => {
    clock.set(at);
    const res = await app.inject({ method: 'POST', url, headers, payload });
    if (res.statusCode >= 300) throw new Error(`${url} at ${at}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const log = async (name: string, at: string, body: object, headers = crm.headers) => {
    const created = await post(headers, '/v1/complaints', at, { complainant: { name: `Resident ${name}` }, description: `Complaint ${name}`, receivedAt: at, ...body });
    ids[name] = created.id;
    versions[name] = created.version;
    return created;
  };
  const act = (name: string, command: string, at: string, body: object, headers = crm.headers) =>
    post(headers, `/v1/complaints/${ids[name]}/${command}`, at, body);
  const ack = (name: string, at: string, handler = 'alice', headers = crm.headers) =>
    act(name, 'acknowledge', at, { definition: `Complaint ${name}`, outcomesSought: ['Put it right'], handler }, headers);
  const respond = (name: string, at: string, stage: 1 | 2, outcomes: string[], extra: object = {}, headers = crm.headers) =>
    act(name, 'respond', at, {
      stage,
      definition: `Complaint ${name}`,
      decisions: outcomes.map((outcome, i) => ({ matterId: `m${i + 1}`, outcome, reasons: 'Because' })),
      remedies: [],
      outstandingActions: [],
      escalationExplained: true,
      ...extra,
    }, headers);

  await log('A', '2025-03-31T10:00:00Z', { channel: 'email', category: 'repairs' });
  await ack('A', '2025-04-02T09:00:00Z');
  await respond('A', '2025-04-15T09:00:00Z', 1, ['upheld']);

  await log('B', '2025-05-01T09:00:00Z', { channel: 'email', category: 'repairs', serviceArea: 'maintenance' });
  await ack('B', '2025-05-02T09:00:00Z');
  await act('B', 'extend', '2025-05-16T09:00:00Z', { reason: 'awaiting contractor report', newDueDate: '2025-06-02', residentToldAt: '2025-05-16T09:00:00Z', ombudsmanDetailsGiven: true });
  await respond('B', '2025-05-28T09:00:00Z', 1, ['upheld'], { remedies: [{ type: 'apology', description: 'We apologise for the delay' }] });
  await act('B', 'escalate', '2025-06-02T09:00:00Z', {});
  await act('B', 'acknowledge-stage-2', '2025-06-04T09:00:00Z', { definition: 'Complaint B at stage 2', outcomesSought: ['Compensation'], handler: 'bob' });
  await respond('B', '2025-07-01T09:00:00Z', 2, ['upheld'], {
    remedies: [{ type: 'financial', description: 'Compensation for the delay', compensationPence: 10000 }],
  });
  await act('B', 'close', '2025-07-01T10:00:00Z', { reason: 'stage_2_response' });
  await act('B', 'ombudsman', '2025-09-01T10:00:00Z', { kind: 'referral' });
  await act('B', 'ombudsman', '2026-02-10T10:00:00Z', { kind: 'determination', findings: ['service failure'] });

  await log('C', '2025-06-10T09:00:00Z', { channel: 'phone', category: 'anti-social behaviour' });
  await act('C', 'withdraw', '2025-06-12T09:00:00Z', { reason: 'Sorted out with the neighbour' });

  await log('D', '2025-06-16T09:00:00Z', { channel: 'letter' });
  await act('D', 'decline', '2025-06-18T09:00:00Z', { ground: 'legal_proceedings', explanation: 'A claim is before the court', ombudsmanRightGiven: true });

  await log('E', '2025-07-02T09:00:00Z', { channel: 'email', category: 'repairs' });
  await ack('E', '2025-07-04T09:00:00Z');
  await respond('E', '2025-07-22T09:00:00Z', 1, ['not_upheld']);

  await log('F', '2026-03-31T12:00:00Z', { channel: 'web_form', category: 'repairs', matters: ['The repair', 'The call centre'] });
  await ack('F', '2026-04-01T09:00:00Z');
  await respond('F', '2026-04-09T09:00:00Z', 1, ['upheld', 'not_upheld']);

  await log('X', '2025-05-12T09:00:00Z', { channel: 'email' }, other.headers);
  await ack('X', '2025-05-13T09:00:00Z', 'zoe', other.headers);
  await respond('X', '2025-06-30T09:00:00Z', 1, ['upheld'], {}, other.headers);

  clock.set('2026-04-20T09:00:00Z');
  return { crm, other, ids };
}
