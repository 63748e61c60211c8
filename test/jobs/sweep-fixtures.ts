import { calendarCache } from '../../src/domain/calendar/index.ts';
import { aKey, buildTestApp, movableClock, ukCalendars } from '../helpers/test-app.ts';

interface TapLike {
  teardown(fn: () => unknown): void;
  equal(found: unknown, wanted: unknown, message: string): unknown;
}

/**
 * A landlord on the Lumen preset (seed 000: auto-close 25 working days after the stage 1
 * response with no contact; acknowledge within 5 working days), in force from Mon 2 Nov
 * 2026, with helpers to drive its complaints over HTTP at chosen times.
 */
export async function lumenLandlord(t: TapLike) {
  const clock = movableClock('2026-11-02T08:00:00Z');
  const built = await buildTestApp(t, { clock });
  const { app, db } = built;
  const crm = await aKey(db, ['complaints:read', 'complaints:write', 'admin']);
  const send = async (method: 'GET' | 'POST' | 'PUT', url: string, at: string, payload?: object) => {
    clock.set(at);
    const res = await app.inject({ method, url, headers: crm.headers, ...(payload ? { payload } : {}) });
    t.equal(res.statusCode < 300, true, res.statusCode < 300 ? url : `${url}: ${res.body.slice(0, 300)}`);
    return res.json();
  };
  await send('PUT', '/v1/policy', '2026-11-02T08:00:00Z', { preset: 'seed-000-lumen' });

  const log = async (receivedOn: string): Promise<string> =>
    (await send('POST', '/v1/complaints', `${receivedOn}T10:00:00Z`, {
      channel: 'phone', receivedAt: `${receivedOn}T09:00:00Z`, complainant: { name: 'Resident' }, description: 'Repairs', outcomesSought: ['Repair'],
    })).id;
  const acknowledge = (id: string, on: string, handler = 'alice') =>
    send('POST', `/v1/complaints/${id}/acknowledge`, `${on}T10:00:00Z`, { definition: 'Repairs', outcomesSought: ['Repair'], handler });
  const respond = async (id: string, on: string) => {
    const c = await send('GET', `/v1/complaints/${id}`, `${on}T11:00:00Z`);
    return send('POST', `/v1/complaints/${id}/respond`, `${on}T11:00:00Z`, {
      stage: 1, definition: 'Repairs', decisions: [{ matterId: c.matters[0].id, outcome: 'upheld', reasons: 'Late' }], remedies: [], outstandingActions: [], escalationExplained: true,
    });
  };
  const contact = (id: string, on: string) =>
    send('POST', `/v1/complaints/${id}/contacts`, `${on}T12:00:00Z`, { direction: 'inbound', channel: 'phone', summary: 'Still unhappy' });
  const get = (url: string) => send('GET', url, '2026-12-31T12:00:00Z');
  return { ...built, clock, crm, log, acknowledge, respond, contact, get, calendarFor: calendarCache(ukCalendars) };
}
