import t from 'tap';
import { runSweep } from '../../src/jobs/sweep.ts';
import { listOutboxEvents } from '../../src/store/outbox.ts';
import { lumenLandlord } from './sweep-fixtures.ts';

// The sweep on the Lumen preset and the England and Wales calendar, as of Thu 10 Dec 2026.
//  P: responded Wed 4 Nov, no contact since. Auto-close 25 working days after the response:
//     5, 6 Nov (2), 9-13 (7), 16-20 (12), 23-27 (17), 30 Nov (18), 1-4 Dec (22), 7, 8, 9 Dec
//     (25) → the window ran out at the end of Wed 9 Dec: closed on the 10th.
//  Q: responded Wed 4 Nov, the resident called on Fri 20 Nov: never auto-closed.
//  R: received Mon 30 Nov, acknowledge by 1, 2, 3, 4, 7 Dec → Mon 7 Dec: breached.
//  T: received Thu 3 Dec, acknowledge by 4, 7, 8, 9, 10 Dec → due today: due soon.
//  S: received Fri 4 Dec, acknowledge by 7-11 Dec → Fri 11 Dec, the next working day: due soon.
t.test('the SLA sweep', async (t) => {
  const l = await lumenLandlord(t);
  const ids: Record<string, string> = {};
  for (const name of ['P', 'Q']) {
    ids[name] = await l.log('2026-11-02');
    await l.acknowledge(ids[name], '2026-11-03');
    await l.respond(ids[name], '2026-11-04');
  }
  await l.contact(ids.Q!, '2026-11-20');
  ids.R = await l.log('2026-11-30');
  ids.T = await l.log('2026-12-03');
  ids.S = await l.log('2026-12-04');
  const name = (id: string) => Object.keys(ids).find((k) => ids[k] === id);
  const outbox = async () =>
    (await listOutboxEvents(l.db, l.crm.organisationId)).map((e) => [e.type, name(e.complaintId), (e.payload as { dueDate: string }).dueDate] as const);

  const thursday = new Date('2026-12-10T07:00:00Z');
  const first = await runSweep(l.db, { now: thursday, calendarFor: l.calendarFor });
  t.same(first, { deadlinesRecomputed: 0, autoClosed: 1, autoCloseRefused: 0, dueSoon: 2, breached: 1, organisationsSkipped: 0, idempotencyKeysExpired: 0, anonymised: 0, anonymisationHeld: 0 });

  await t.test('P auto-closed through the domain, by the sweep; Q, who came back, left open', async (t) => {
    const p = await l.get(`/v1/complaints/${ids.P}`);
    // Dated when the window ran out (00:00 on the 10th), recorded when the sweep ran.
    t.match(p, { status: 'closed', closure: { reason: 'auto_close', at: '2026-12-10T00:00:00.000Z', statusBefore: 'stage_1_responded' } });
    const events = (await l.get(`/v1/complaints/${ids.P}/events`)).items;
    t.match(events.at(-1), { type: 'complaint.closed', actor: 'system:sweep', occurredAt: '2026-12-10T00:00:00.000Z', recordedAt: '2026-12-10T07:00:00.000Z' });
    t.equal((await l.get(`/v1/complaints/${ids.Q}`)).status, 'stage_1_responded');
  });

  await t.test('the outbox holds each integration event once', async (t) => {
    t.same((await outbox()).sort(), [
      ['complaint.auto_closed', 'P', undefined],
      ['deadline.breached', 'R', '2026-12-07'],
      ['deadline.due_soon', 'S', '2026-12-11'],
      ['deadline.due_soon', 'T', '2026-12-10'],
    ]);
    const [closedEvent] = await listOutboxEvents(l.db, l.crm.organisationId);
    t.match(closedEvent, { type: 'complaint.auto_closed', payload: { reference: 'CMP-2026-000001', windowEndedOn: '2026-12-09' } });
    const breach = (await listOutboxEvents(l.db, l.crm.organisationId)).find((e) => e.type === 'deadline.breached');
    t.same(breach?.payload, { reference: 'CMP-2026-000003', kind: 'stage_1_acknowledgement', stage: 1, ref: null, dueDate: '2026-12-07', dueAt: null, handler: null, serviceArea: null });
  });

  await t.test('idempotent: a second run at the same time, or later the same day, does nothing new', async (t) => {
    t.same(await runSweep(l.db, { now: thursday, calendarFor: l.calendarFor }), { deadlinesRecomputed: 0, autoClosed: 0, autoCloseRefused: 0, dueSoon: 0, breached: 0, organisationsSkipped: 0, idempotencyKeysExpired: 0, anonymised: 0, anonymisationHeld: 0 });
    t.same(await runSweep(l.db, { now: new Date('2026-12-10T16:00:00Z'), calendarFor: l.calendarFor }), { deadlinesRecomputed: 0, autoClosed: 0, autoCloseRefused: 0, dueSoon: 0, breached: 0, organisationsSkipped: 0, idempotencyKeysExpired: 0, anonymised: 0, anonymisationHeld: 0 });
    t.equal((await outbox()).length, 4);
    const closes = (await l.get(`/v1/complaints/${ids.P}/events`)).items.filter((e: { type: string }) => e.type === 'complaint.closed');
    t.equal(closes.length, 1);
  });

  await t.test('the next day: T, due yesterday, is now breached; S was already announced', async (t) => {
    // Fri 11 Dec: the next working day is Mon 14 Dec, and nothing falls due by then but S and R's decline letter
    // (Lumen: 10 wd from the request, Mon 30 Nov → Mon 14 Dec, while R is neither acknowledged nor declined).
    const friday = await runSweep(l.db, { now: new Date('2026-12-11T07:00:00Z'), calendarFor: l.calendarFor });
    t.same(friday, { deadlinesRecomputed: 0, autoClosed: 0, autoCloseRefused: 0, dueSoon: 1, breached: 1, organisationsSkipped: 0, idempotencyKeysExpired: 0, anonymised: 0, anonymisationHeld: 0 });
    t.same((await outbox()).filter((e) => e[0] === 'deadline.breached').sort(), [
      ['deadline.breached', 'R', '2026-12-07'],
      ['deadline.breached', 'T', '2026-12-10'],
    ]);
  });
});
