import { aKey, anOrganisation, buildTestApp, movableClock } from '../helpers/test-app.ts';

interface TapLike {
  teardown(fn: () => unknown): void;
  equal(found: unknown, wanted: unknown, message: string): unknown;
}

/**
 * A landlord's hand-built set of complaints on the Code 2024 preset and the England
 * and Wales calendar, driven over HTTP, ending on Wed 16 Dec 2026 (the clock's today).
 * Code 2024: acknowledge within 5 working days of receipt, respond within 10 of the
 * acknowledgement. Every due date is worked out by hand:
 *
 *  A  received Mon 2 Nov, never acknowledged: ack due 3, 4, 5, 6, 9 Nov → Mon 9 Nov.
 *  B  received Mon 9 Nov, acknowledged Tue 10 Nov by alice: response due 11-13, 16-20,
 *     23, 24 Nov → Tue 24 Nov, unanswered. An action agreed Tue 24 Nov, due Tue 1 Dec.
 *  C  received Wed 18 Nov, acknowledged Wed 25 Nov by carol (ack due 19, 20, 23, 24,
 *     25 Nov: on the day); response due 26, 27, 30 Nov, 1-4, 7, 8, 9 Dec → Wed 9 Dec,
 *     sent Fri 11 Dec: met late.
 *  D  received Mon 30 Nov, acknowledged Thu 3 Dec by bob: response due 4, 7-11, 14-17 Dec
 *     → Thu 17 Dec.
 *  E  received Thu 10 Dec, not acknowledged: ack due 11, 14, 15, 16, 17 Dec → Thu 17 Dec.
 *  F  received Mon 14 Dec, not acknowledged: ack due 15-18, 21 Dec → Mon 21 Dec.
 *  and another landlord's complaint, received Mon 2 Nov and never acknowledged.
 */
export async function slaSet(t: TapLike, options: { metrics?: { token?: string; slaIntervalSeconds?: number } } = {}) {
  const clock = movableClock('2026-11-02T10:00:00Z');
  const built = await buildTestApp(t, { clock, ...options });
  const { app, db } = built;
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const other = await aKey(db, ['complaints:read', 'complaints:write'], (await anOrganisation(db, { name: 'Other Homes' })).id);
  const ids: Record<string, string> = {};
  const matters: Record<string, string> = {};

  const post = async (headers: object, url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: headers as Record<string, string>, payload });
    t.equal(res.statusCode < 300, true, res.statusCode < 300 ? url : `${url}: ${res.body.slice(0, 300)}`);
    return res.json();
  };
  const log = async (name: string, day: string, serviceArea: string, headers: object = crm.headers) => {
    clock.set(`${day}T10:00:00Z`);
    const c = await post(headers, '/v1/complaints', {
      channel: 'phone', receivedAt: `${day}T09:00:00Z`, complainant: { name: `Resident ${name}` },
      description: `Complaint ${name}`, outcomesSought: ['Put it right'], serviceArea,
    });
    ids[name] = c.id;
    matters[name] = c.matters[0].id;
  };
  const on = async (name: string, day: string, path: string, body: object) => {
    clock.set(`${day}T10:00:00Z`);
    return post(crm.headers, `/v1/complaints/${ids[name]}/${path}`, body);
  };
  const ack = (handler: string) => ({ definition: 'As described', outcomesSought: ['Put it right'], handler });

  await log('A', '2026-11-02', 'repairs');
  await log('X', '2026-11-02', 'repairs', other.headers);
  await log('B', '2026-11-09', 'repairs');
  await on('B', '2026-11-10', 'acknowledge', ack('alice'));
  await log('C', '2026-11-18', 'estate services');
  await on('B', '2026-11-24', 'actions', { description: 'Replace the window', owner: 'repairs team', dueDate: '2026-12-01' });
  await on('C', '2026-11-25', 'acknowledge', ack('carol'));
  await log('D', '2026-11-30', 'repairs');
  await on('D', '2026-12-03', 'acknowledge', ack('bob'));
  await log('E', '2026-12-10', 'estate services');
  await on('C', '2026-12-11', 'respond', {
    stage: 1, definition: 'As described', decisions: [{ matterId: matters.C, outcome: 'upheld', reasons: 'We were slow' }],
    remedies: [], outstandingActions: [], escalationExplained: true,
  });
  await log('F', '2026-12-14', 'repairs');
  clock.set('2026-12-16T10:00:00Z');

  const get = async (url: string, headers: object = crm.headers) => {
    const res = await app.inject({ method: 'GET', url, headers: headers as Record<string, string> });
    t.equal(res.statusCode, 200, res.statusCode === 200 ? url : `${url}: ${res.body.slice(0, 300)}`);
    return res.json();
  };
  return { ...built, clock, crm, other, ids, get };
}

/** A list item as [complaint letter, kind, ref, due date, working days], for comparing with hand-worked lists. */
export const brief = (ids: Record<string, string>, items: { complaintId: string; kind: string; ref: string | null; dueDate: string; workingDaysLate?: number; workingDaysLeft?: number }[]) =>
  items.map((i) => [
    Object.keys(ids).find((k) => ids[k] === i.complaintId),
    i.kind,
    i.ref,
    i.dueDate,
    i.workingDaysLate ?? i.workingDaysLeft,
  ]);
