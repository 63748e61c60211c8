import t from 'tap';
import { aKey, buildTestApp, movableClock } from '../helpers/test-app.ts';

// From a web-form submission to a closed stage 2 final response over HTTP alone, on the
// Code 2024 preset and the real England and Wales calendar, across Christmas 2026.
t.test('a complaint from the website form to a closed stage 2 response', async (t) => {
  const clock = movableClock('2026-12-16T16:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const web = await aKey(db, ['intake:create'], crm.organisationId);
  let etag = '';
  const command = async (path: string, at: string, body: object) => {
    clock.set(at);
    const res = await app.inject({ method: 'POST', url: `/v1/complaints/${id}/${path}`, headers: { ...crm.headers, 'if-match': etag }, payload: body });
    t.equal(res.statusCode, 200, `${path}: ${res.body.slice(0, 300)}`);
    etag = res.headers.etag as string;
    return res.json();
  };
  const due = (complaint: { deadlines: { kind: string; dueDate: string; status: string }[] }, kind: string) =>
    complaint.deadlines.find((d) => d.kind === kind);

  // Wed 16 Dec 2026 16:00 GMT: received through the form; day 0 is 16 Dec.
  // Acknowledge within 5 working days: 17, 18, 21, 22, 23 Dec.
  const submitted = await app.inject({
    method: 'POST',
    url: '/v1/public/complaints',
    headers: web.headers,
    payload: { name: 'Ada Resident', email: 'ada@example.org', address: '1 River Row', whatWentWrong: 'The boiler repair was missed twice', whatWouldPutItRight: 'Repair the boiler', consentToContact: true },
  });
  t.equal(submitted.statusCode, 201);
  t.same(submitted.json(), { reference: 'CMP-2026-000001', acknowledgementDueDate: '2026-12-23' }, 'the reference and the acknowledgement date, nothing else');

  const logged = (await app.inject({ method: 'GET', url: '/v1/complaints/CMP-2026-000001', headers: crm.headers })).json();
  const id: string = logged.id;
  etag = `"${logged.version}"`;
  t.equal(logged.channel, 'web_form');
  t.equal(logged.status, 'received');
  t.equal(logged.receiptDate, '2026-12-16');

  // Mon 21 Dec: acknowledged. Respond within 10 working days of it: 22, 23, 24 Dec (3);
  // 25 Christmas, 26-27 weekend, 28 Boxing Day substitute; 29, 30, 31 Dec (6); 1 Jan New
  // Year; 2-3 weekend; 4, 5, 6, 7 Jan (10) → Thu 7 Jan 2027.
  const acknowledged = await command('acknowledge', '2026-12-21T10:00:00Z', {
    definition: 'The boiler repair was missed twice', outcomesSought: ['Repair the boiler'], handler: 'alice',
  });
  t.match(due(acknowledged, 'stage_1_acknowledgement'), { dueDate: '2026-12-23', status: 'met' });
  t.match(due(acknowledged, 'stage_1_response'), { dueDate: '2027-01-07', status: 'pending' });

  const decisions = [{ matterId: acknowledged.matters[0].id, outcome: 'upheld', reasons: 'The appointments were missed' }];
  const answered = await command('respond', '2027-01-06T15:00:00Z', {
    stage: 1, definition: 'The boiler repair was missed twice', decisions, remedies: [], outstandingActions: [], escalationExplained: true,
  });
  t.equal(answered.status, 'stage_1_responded');
  t.match(due(answered, 'stage_1_response'), { status: 'met' });

  // Mon 11 Jan: the resident escalates (no reason needed). Acknowledge within 5 working
  // days: 12, 13, 14, 15, 18 Jan.
  const escalated = await command('escalate', '2027-01-11T10:00:00Z', {});
  t.equal(escalated.stage, 2);
  t.match(due(escalated, 'stage_2_acknowledgement'), { dueDate: '2027-01-18' });

  const sameHandler = await app.inject({
    method: 'POST', url: `/v1/complaints/${id}/acknowledge-stage-2`, headers: crm.headers,
    payload: { definition: 'x', outcomesSought: ['x'], handler: 'alice' },
  });
  t.equal(sameHandler.statusCode, 409);
  t.equal(sameHandler.json().code, 'same_handler_at_stage_2');

  // Wed 13 Jan: stage 2 acknowledged by another handler. Respond within 20 working days:
  // 14, 15, 18-22, 25-29 Jan (12), 1-5 Feb (17), 8, 9, 10 Feb (20) → Wed 10 Feb 2027.
  const stage2 = await command('acknowledge-stage-2', '2027-01-13T09:00:00Z', {
    definition: 'The boiler repair was missed twice and the stage 1 remedy was not enough', outcomesSought: ['Compensation'], handler: 'bob',
  });
  t.match(due(stage2, 'stage_2_acknowledgement'), { status: 'met' });
  t.match(due(stage2, 'stage_2_response'), { dueDate: '2027-02-10', status: 'pending' });

  const final = await command('respond', '2027-02-09T12:00:00Z', {
    stage: 2, definition: 'The boiler repair was missed twice and the stage 1 remedy was not enough', decisions,
    remedies: [{ type: 'financial', description: 'Compensation for time without heating', compensationPence: 25000 }],
    outstandingActions: [], escalationExplained: true,
  });
  t.equal(final.status, 'stage_2_responded');
  t.match(due(final, 'stage_2_response'), { status: 'met' });

  const closed = await command('close', '2027-02-09T12:30:00Z', { reason: 'stage_2_response' });
  t.equal(closed.status, 'closed');
  t.equal(etag, `"${closed.version}"`, 'the ETag follows the version');
  const landlordDeadlines = closed.deadlines.filter((d: { owner: string; kind: string }) => d.owner === 'landlord' && d.kind.startsWith('stage_'));
  t.same(landlordDeadlines.map((d: { status: string }) => d.status), ['met', 'met', 'met', 'met'], 'every stage deadline met');

  const events = (await app.inject({ method: 'GET', url: `/v1/complaints/${id}/events`, headers: crm.headers })).json().items;
  t.same(events.map((e: { type: string }) => e.type), [
    'complaint.logged', 'complaint.acknowledged', 'complaint.responded', 'complaint.escalated',
    'complaint.stage_2_acknowledged', 'complaint.responded', 'complaint.closed',
  ]);
  t.equal(events[1].occurredAt, '2026-12-21T10:00:00.000Z');
  t.equal(events[0].actor, web.key.id, 'who did it is recorded');
});
