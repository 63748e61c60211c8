import t from 'tap';
import { brief, slaSet } from './sla-fixtures.ts';

// What falls due, and the counts per kind and stage, on the hand-built set of
// sla-fixtures.ts (today Wed 16 Dec 2026). Unmet deadlines due from today on:
//   D response Thu 17 Dec, E ack Thu 17 Dec, F ack Mon 21 Dec.
// Five working days after Wed 16 Dec: 17, 18, 21, 22, 23 Dec → Wed 23 Dec.
t.test('GET /v1/sla/due and /v1/sla/summary', async (t) => {
  const { get, ids, other } = await slaSet(t);
  // D and E fall due the same day: the list then goes by complaint id.
  const [first, second] = [ids.D!, ids.E!].sort() as [string, string];
  const name = (id: string) => (id === ids.D ? 'D' : 'E');
  const sameDay = [first, second].map((id) => [name(id), name(id) === 'D' ? 'stage_1_response' : 'stage_1_acknowledgement', null, '2026-12-17', 1]);

  await t.test('due within 5 working days, soonest first, with the working days left', async (t) => {
    const res = await get('/v1/sla/due?withinWorkingDays=5');
    t.equal(res.dueBy, '2026-12-23');
    t.same(brief(ids, res.items), [...sameDay, ['F', 'stage_1_acknowledgement', null, '2026-12-21', 3]]);
    t.match(res.items.find((i: { complaintId: string }) => i.complaintId === ids.D), { handler: 'bob', serviceArea: 'repairs', reference: 'CMP-2026-000004' });
  });

  await t.test('the window counts working days: 2 after Wed 16 Dec is Fri 18 Dec, so F is not yet due', async (t) => {
    const res = await get('/v1/sla/due?withinWorkingDays=2');
    t.equal(res.dueBy, '2026-12-18');
    t.same(brief(ids, res.items), sameDay);
    // From Fri 18 Dec, 1 working day is Mon 21 Dec: F's acknowledgement, and nothing already past.
    const friday = await get('/v1/sla/due?withinWorkingDays=1&asOf=2026-12-18');
    t.same(brief(ids, friday.items), [['F', 'stage_1_acknowledgement', null, '2026-12-21', 1]]);
  });

  await t.test('as of a past date, including what was met since: Tue 8 Dec', async (t) => {
    // 5 working days after Tue 8 Dec: 9, 10, 11, 14, 15 Dec. C's response (due 9 Dec, met 11 Dec)
    // was unmet then; D's response (17 Dec) is outside; E was received on 10 Dec, its ack
    // due 17 Dec, outside too.
    const res = await get('/v1/sla/due?asOf=2026-12-08');
    t.equal(res.dueBy, '2026-12-15');
    t.same(brief(ids, res.items), [['C', 'stage_1_response', null, '2026-12-09', 1]]);
  });

  await t.test('filters and pages', async (t) => {
    t.same(brief(ids, (await get('/v1/sla/due?serviceArea=estate%20services')).items), [['E', 'stage_1_acknowledgement', null, '2026-12-17', 1]]);
    t.same(brief(ids, (await get('/v1/sla/due?kind=stage_1_response')).items), [['D', 'stage_1_response', null, '2026-12-17', 1]]);
    const page1 = await get('/v1/sla/due?limit=2');
    t.equal(page1.items.length, 2);
    const page2 = await get(`/v1/sla/due?limit=2&cursor=${page1.nextCursor}`);
    t.same(brief(ids, page2.items), [['F', 'stage_1_acknowledgement', null, '2026-12-21', 3]]);
    t.equal(page2.nextCursor, null);
    t.same((await get('/v1/sla/due', other.headers)).items, [], 'another landlord has nothing due');
  });

  await t.test('summary per kind and stage', async (t) => {
    const res = await get('/v1/sla/summary');
    t.match(res, { asOf: '2026-12-16', withinWorkingDays: 5, dueBy: '2026-12-23' });
    t.same(res.items, [
      { kind: 'stage_1_acknowledgement', stage: 1, dueToday: 0, dueWithin: 2, breached: 1 },
      { kind: 'stage_1_response', stage: 1, dueToday: 0, dueWithin: 1, breached: 1 },
      { kind: 'action', stage: 1, dueToday: 0, dueWithin: 0, breached: 1 },
    ]);
    t.same(res.totals, { dueToday: 0, dueWithin: 3, breached: 3 });
    // Thu 17 Dec with N = 0: D's response and E's acknowledgement are due that day.
    const thursday = await get('/v1/sla/summary?asOf=2026-12-17&withinWorkingDays=0');
    t.same(thursday.items, [
      { kind: 'stage_1_acknowledgement', stage: 1, dueToday: 1, dueWithin: 1, breached: 1 },
      { kind: 'stage_1_response', stage: 1, dueToday: 1, dueWithin: 1, breached: 1 },
      { kind: 'action', stage: 1, dueToday: 0, dueWithin: 0, breached: 1 },
    ]);
    // Thu 10 Dec: C's response (due 9 Dec, met 11 Dec) was breached then; the action
    // (due 1 Dec) too; D's response (17 Dec) is more than 5 working days away (11, 14-17 Dec).
    const past = await get('/v1/sla/summary?asOf=2026-12-10');
    t.equal(past.dueBy, '2026-12-17');
    t.same(past.totals, { dueToday: 0, dueWithin: 2, breached: 4 }, 'D response and E ack (both 17 Dec) within; A, B, B action, C breached');
    t.same((await get('/v1/sla/summary', other.headers)).totals, { dueToday: 0, dueWithin: 0, breached: 1 });
  });
});
