import t from 'tap';
import { updateOrganisation } from '../../src/store/organisations.ts';
import { aKey, anOrganisation, buildTestApp, movableClock } from '../helpers/test-app.ts';

// How each date was worked out, for a complaint across Christmas 2026 at a landlord
// closed on Thu 31 Dec 2026 (a closure day), on the Code 2024 preset.
t.test('GET /v1/complaints/{id}/deadlines?explain=true', async (t) => {
  const clock = movableClock('2026-12-16T16:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const organisation = await anOrganisation(db);
  const { name, division, homes, complaintsContact, ombudsman, intakeOrigins } = organisation;
  const closureDays = [{ date: '2026-12-31', reason: 'Office closed for New Year' }];
  await updateOrganisation(db, organisation.id, { name, division, homes, closureDays, complaintsContact, ombudsman, intakeOrigins }, undefined, new Date());
  const crm = await aKey(db, ['complaints:read', 'complaints:write'], organisation.id);
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: crm.headers, payload });
    t.equal(res.statusCode < 300, true, res.body.slice(0, 200));
    return res.json();
  };

  // Wed 16 Dec: received. Acknowledge within 5 working days: 17, 18, (19, 20 weekend), 21, 22, 23 Dec.
  const { id } = await post('/v1/complaints', { channel: 'email', receivedAt: '2026-12-16T15:00:00Z', complainant: { name: 'Ada' }, description: 'Boiler', outcomesSought: ['Fix it'] });
  // Mon 21 Dec: acknowledged. Respond within 10 working days of it: 22, 23, 24 Dec (3); 25 Christmas
  // Day; 26, 27 weekend; 28 Boxing Day (substitute); 29, 30 Dec (5); 31 Dec closure day; 1 Jan New
  // Year's Day; 2, 3 weekend; 4, 5, 6, 7, 8 Jan (10) → Fri 8 Jan 2027.
  clock.set('2026-12-21T10:00:00Z');
  await post(`/v1/complaints/${id}/acknowledge`, { definition: 'Boiler', outcomesSought: ['Fix it'], handler: 'alice' });
  // Wed 6 Jan 2027: extended to Fri 15 Jan (5 working days past the original, within the cap of 10).
  clock.set('2027-01-06T10:00:00Z');
  await post(`/v1/complaints/${id}/extend`, { reason: 'Awaiting a contractor report', newDueDate: '2027-01-15', residentToldAt: '2027-01-06T09:00:00Z', ombudsmanDetailsGiven: true });

  const get = (query: string, headers = crm.headers) => app.inject({ method: 'GET', url: `/v1/complaints/${id}/deadlines${query}`, headers });

  await t.test('without explain: the deadlines alone', async (t) => {
    const res = (await get('')).json();
    t.match(res, { complaintId: id, reference: 'CMP-2026-000001' });
    t.same(res.items.map((d: { kind: string; dueDate: string; status: string }) => [d.kind, d.dueDate, d.status]), [
      ['stage_1_acknowledgement', '2026-12-23', 'met'],
      ['stage_1_response', '2027-01-15', 'pending'],
    ]);
    t.notOk('explanation' in res.items[0]);
  });

  await t.test('with explain: event, rule, Code paragraph, days counted and skipped, extensions', async (t) => {
    const [ack, response] = (await get('?explain=true')).json().items;
    t.same(ack.explanation, {
      countsFrom: { event: 'receipt', date: '2026-12-16' },
      rule: 'stage1.acknowledge',
      source: { paragraph: '§6.2', text: 'acknowledge, define and log a stage 1 complaint within 5 working days of receipt' },
      convention: 'day_after_is_day_1',
      count: {
        from: '2026-12-16', amount: 5, unit: 'working_days', result: '2026-12-23',
        counted: ['2026-12-17', '2026-12-18', '2026-12-21', '2026-12-22', '2026-12-23'],
        skipped: [{ date: '2026-12-19', reason: 'weekend' }, { date: '2026-12-20', reason: 'weekend' }],
      },
      hours: null,
      extensions: [],
      originalDueDate: '2026-12-23',
      dueDate: '2026-12-23',
      provisional: false,
    });
    const e = response.explanation;
    t.same(e.countsFrom, { event: 'stage_1_acknowledgement', date: '2026-12-21' });
    t.equal(e.rule, 'stage1.respond');
    t.equal(e.source.paragraph, '§6.3');
    t.same(e.count.counted, ['2026-12-22', '2026-12-23', '2026-12-24', '2026-12-29', '2026-12-30', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08']);
    t.same(e.count.skipped, [
      { date: '2026-12-25', reason: 'bank_holiday', holiday: 'Christmas Day' },
      { date: '2026-12-26', reason: 'weekend' },
      { date: '2026-12-27', reason: 'weekend' },
      { date: '2026-12-28', reason: 'bank_holiday', holiday: 'Boxing Day' },
      { date: '2026-12-31', reason: 'closure_day' },
      { date: '2027-01-01', reason: 'bank_holiday', holiday: 'New Year’s Day' },
      { date: '2027-01-02', reason: 'weekend' },
      { date: '2027-01-03', reason: 'weekend' },
    ]);
    t.equal(e.count.result, '2027-01-08');
    t.match(e.extensions, [{ previousDueDate: '2027-01-08', newDueDate: '2027-01-15', reason: 'Awaiting a contractor report', goodReason: null, source: { paragraph: '§6.4' } }]);
    t.match(e, { originalDueDate: '2027-01-08', dueDate: '2027-01-15', provisional: false });
  });

  await t.test('the status is as of today: the day after the extended date, the unmet response is breached', async (t) => {
    const statusOn = async (at: string) => {
      clock.set(at);
      return (await get('')).json().items.find((d: { kind: string }) => d.kind === 'stage_1_response').status;
    };
    t.equal(await statusOn('2027-01-15T23:30:00Z'), 'pending', 'still due on Fri 15 Jan (23:30 GMT is 15 Jan in London)');
    t.equal(await statusOn('2027-01-16T00:30:00Z'), 'breached', 'Sat 16 Jan: past due');
    clock.set('2027-01-06T10:00:00Z');
  });

  await t.test("another landlord's key gets 404; no key 401", async (t) => {
    const other = await aKey(db, ['complaints:read']);
    t.equal((await get('?explain=true', other.headers)).statusCode, 404);
    t.equal((await app.inject({ method: 'GET', url: '/v1/complaints/00000000-0000-4000-8000-000000000000/deadlines', headers: crm.headers })).statusCode, 404);
    t.equal((await app.inject({ method: 'GET', url: `/v1/complaints/${id}/deadlines` })).statusCode, 401);
  });
});
