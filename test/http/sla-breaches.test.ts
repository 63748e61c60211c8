import t from 'tap';
import { brief, slaSet } from './sla-fixtures.ts';

// The breaches list on the hand-built set of sla-fixtures.ts (today Wed 16 Dec 2026).
// Working days late count the working days after the due date up to asOf, or up to the
// day a late deadline was met, on the England and Wales calendar:
//   A ack due Mon 9 Nov:   10-13 Nov (4), 16-20 (9), 23-27 (14), 30 Nov (15), 1-4 Dec (19), 7-11 (24), 14-16 (27)
//   B response due Tue 24 Nov: 25-27 Nov (3), 30 Nov (4), 1-4 Dec (8), 7-11 (13), 14-16 (16)
//   B action a1 due Tue 1 Dec: 2-4 Dec (3), 7-11 (8), 14-16 (11)
//   C response due Wed 9 Dec, met Fri 11 Dec: 10, 11 Dec (2)
t.test('GET /v1/sla/breaches', async (t) => {
  const { app, crm, get, ids, other } = await slaSet(t);
  const url = (query: string) => `/v1/sla/breaches?${query}`;

  await t.test('unmet and past due as of today, most late first; another landlord’s never listed', async (t) => {
    const res = await get(url(''));
    t.equal(res.asOf, '2026-12-16', 'today in London by default');
    t.same(brief(ids, res.items), [
      ['A', 'stage_1_acknowledgement', null, '2026-11-09', 27],
      ['B', 'stage_1_response', null, '2026-11-24', 16],
      ['B', 'action', 'a1', '2026-12-01', 11],
    ]);
    t.match(res.items[0], { reference: 'CMP-2026-000001', stage: 1, status: 'breached', metOn: null, handler: null, serviceArea: 'repairs', provisional: false });
    t.match(res.items[1], { handler: 'alice' });
    t.equal(res.nextCursor, null);
  });

  await t.test('with includeLate, the deadline met late too, counted to the day it was met', async (t) => {
    const res = await get(url('includeLate=true'));
    t.same(brief(ids, res.items), [
      ['A', 'stage_1_acknowledgement', null, '2026-11-09', 27],
      ['B', 'stage_1_response', null, '2026-11-24', 16],
      ['B', 'action', 'a1', '2026-12-01', 11],
      ['C', 'stage_1_response', null, '2026-12-09', 2],
    ]);
    t.match(res.items[3], { status: 'met_late', metOn: '2026-12-11', handler: 'carol' });
  });

  await t.test('as of a past date: C was still unmet on Thu 10 Dec', async (t) => {
    // A: 27 − 4 (11, 14, 15, 16 Dec) = 23; B: 16 − 4 = 12; B action: 2-4, 7-10 Dec = 7; C: 10 Dec = 1.
    const res = await get(url('asOf=2026-12-10'));
    t.same(brief(ids, res.items), [
      ['A', 'stage_1_acknowledgement', null, '2026-11-09', 23],
      ['B', 'stage_1_response', null, '2026-11-24', 12],
      ['B', 'action', 'a1', '2026-12-01', 7],
      ['C', 'stage_1_response', null, '2026-12-09', 1],
    ]);
    t.match(res.items[3], { status: 'breached', metOn: null }, 'its later meeting is not known as of then');
    const late = await get(url('asOf=2026-12-10&includeLate=true'));
    t.same(brief(ids, late.items), brief(ids, res.items), 'nothing was met late by then');
    // Mon 9 Nov was A's due date: on it nothing was late yet; the day after, one working day.
    t.same((await get(url('asOf=2026-11-09'))).items, []);
    t.same(brief(ids, (await get(url('asOf=2026-11-10'))).items), [['A', 'stage_1_acknowledgement', null, '2026-11-09', 1]]);
  });

  await t.test('filters: kind, stage, handler, service area', async (t) => {
    t.same(brief(ids, (await get(url('kind=stage_1_acknowledgement'))).items), [['A', 'stage_1_acknowledgement', null, '2026-11-09', 27]]);
    t.equal((await get(url('stage=2'))).items.length, 0);
    t.same(brief(ids, (await get(url('handler=alice'))).items).map((i) => i[1]), ['stage_1_response', 'action']);
    t.same(brief(ids, (await get(url('serviceArea=estate%20services&includeLate=true'))).items), [['C', 'stage_1_response', null, '2026-12-09', 2]]);
  });

  await t.test('pages with an opaque cursor, in both modes', async (t) => {
    for (const extra of ['', '&includeLate=true']) {
      const seen: unknown[] = [];
      let cursor: string | null = '';
      let pages = 0;
      while (cursor !== null) {
        const res = await get(url(`limit=1${extra}${cursor ? `&cursor=${cursor}` : ''}`));
        seen.push(...brief(ids, res.items));
        cursor = res.nextCursor;
        pages++;
      }
      t.equal(pages, extra ? 4 : 3, `one item a page${extra}`);
      t.same(seen, brief(ids, (await get(url(extra.slice(1)))).items), `the same list as one page${extra}`);
    }
  });

  await t.test('bad input answers 400; another landlord sees only its own', async (t) => {
    t.same(brief(ids, (await get(url(''), other.headers)).items), [['X', 'stage_1_acknowledgement', null, '2026-11-09', 27]]);
    for (const [query, code] of [['cursor=nonsense', 'invalid_cursor'], ['asOf=2026-02-30', 'validation_failed'], ['asOf=1999-12-31', 'out_of_range'], ['limit=501', 'validation_failed'], ['kind=nap', 'validation_failed']] as const) {
      const res = await app.inject({ method: 'GET', url: url(query), headers: crm.headers });
      t.equal(res.statusCode, 400, query);
      t.equal(res.json().code, code, query);
    }
    const unauthenticated = await app.inject({ method: 'GET', url: url('') });
    t.equal(unauthenticated.statusCode, 401);
  });
});
