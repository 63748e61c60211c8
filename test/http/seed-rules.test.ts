import t from 'tap';
import { aKey, buildTestApp, movableClock } from '../helpers/test-app.ts';

// Issue 14 over HTTP: frontline answers, informal records, decline letters from the request,
// a policy's own escalation grounds and preconditions; each on the preset whose seed says so.
t.test('seed rules over HTTP', async (t) => {
  const clock = movableClock('2027-03-01T10:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const landlord = async (preset: string) => {
    const key = await aKey(db, ['complaints:read', 'complaints:write', 'admin', 'reports:read']);
    clock.set('2027-03-01T08:00:00Z');
    const set = await app.inject({ method: 'PUT', url: '/v1/policy', headers: key.headers, payload: { preset, effectiveFrom: '2027-03-01' } });
    t.ok(set.statusCode < 300, `${preset}: ${set.body.slice(0, 200)}`);
    const call = (method: 'GET' | 'POST', url: string, payload?: object, at?: string) => {
      if (at) clock.set(at);
      return app.inject({ method, url, headers: key.headers, ...(payload ? { payload } : {}) });
    };
    const log = async (at: string, extra: object = {}) => {
      const res = await call('POST', '/v1/complaints', { channel: 'phone', receivedAt: at, complainant: { name: 'Ada' }, description: 'The boiler', ...extra }, at);
      t.equal(res.statusCode, 201, res.body.slice(0, 300));
      return res.json();
    };
    return { call, log };
  };
  const kinds = (c: { deadlines: { kind: string }[] }) => c.deadlines.map((d) => d.kind);
  const respond = (c: { matters: { id: string }[] }, stage: number, definition = 'The boiler repair') => ({
    stage, definition, decisions: c.matters.map((m) => ({ matterId: m.id, outcome: 'upheld', reasons: 'Missed' })), remedies: [], outstandingActions: [], escalationExplained: true,
  });

  await t.test('SPSO: a frontline response with no acknowledgement', async (t) => {
    const { call, log } = await landlord('scotland-spso-model');
    const c = await log('2027-03-01T10:00:00Z');
    t.notOk(kinds(c).includes('stage_1_acknowledgement'));
    const res = await call('POST', `/v1/complaints/${c.id}/respond`, respond(c, 1), '2027-03-01T11:00:00Z');
    t.equal(res.statusCode, 200, res.body.slice(0, 300));
    t.match(res.json(), { status: 'stage_1_responded', definition: 'The boiler repair' });
  });

  await t.test('Code 2024 still needs its acknowledgement', async (t) => {
    const { call, log } = await landlord('code-2024');
    const c = await log('2027-03-01T10:00:00Z');
    const res = await call('POST', `/v1/complaints/${c.id}/respond`, respond(c, 1), '2027-03-01T11:00:00Z');
    t.equal(res.statusCode, 409);
    t.equal(res.json().code, 'invalid_transition');
  });

  await t.test('Longhurst: a first time fix becomes a complaint; its appeal needs reasons in writing and a criterion', async (t) => {
    const { call, log } = await landlord('seed-002-longhurst');
    const fix = await log('2027-03-01T10:00:00Z', { informal: 'informal_resolution' });
    t.same(kinds(fix), ['informal_resolution']);
    t.match(fix.deadlines[0], { dueDate: '2027-03-03', status: 'pending' });
    const due = (await call('GET', '/v1/sla/due?withinWorkingDays=5&asOf=2027-03-01')).json();
    t.ok(due.items.some((d: { kind: string; complaintId: string }) => d.kind === 'informal_resolution' && d.complaintId === fix.id), 'in the SLA lists like any deadline');
    t.equal((await call('POST', `/v1/complaints/${fix.id}/acknowledge`, { definition: 'x', outcomesSought: ['y'], handler: 'h' })).json().code, 'informal_record');
    const raised = await call('POST', `/v1/complaints/${fix.id}/linked-complaints`, { receivedAt: '2027-03-02T09:00:00Z', description: 'Still broken' }, '2027-03-02T09:30:00Z');
    t.equal(raised.statusCode, 201, raised.body.slice(0, 300));
    const complaint = raised.json();
    t.match(complaint, { linkedFrom: fix.id, status: 'received' });
    const original = (await call('GET', `/v1/complaints/${fix.id}`)).json();
    t.match(original, { status: 'closed', closure: { reason: 'became_complaint' }, informal: { complaintIds: [complaint.id] } });
    t.match(original.deadlines[0], { kind: 'informal_resolution', status: 'met' });
    const events = (await call('GET', `/v1/complaints/${fix.id}/events`)).json().items.map((e: { type: string }) => e.type);
    t.same(events, ['complaint.logged', 'complaint.became_complaint']);

    const other = await log('2027-03-01T10:00:00Z', { informal: 'informal_resolution' });
    t.equal((await call('POST', `/v1/complaints/${other.id}/resolve-informally`, { resolution: 'Fixed on the spot' }, '2027-03-01T10:30:00Z')).statusCode, 200);

    await call('POST', `/v1/complaints/${complaint.id}/acknowledge`, { definition: 'Boiler', outcomesSought: ['Repair'], handler: 'alice' }, '2027-03-02T10:00:00Z');
    const responded = (await call('POST', `/v1/complaints/${complaint.id}/respond`, respond(complaint, 1), '2027-03-05T10:00:00Z')).json();
    t.equal(responded.status, 'stage_1_responded');
    const missing = await call('POST', `/v1/complaints/${complaint.id}/escalate`, {}, '2027-03-08T10:00:00Z');
    t.equal(missing.statusCode, 422);
    t.match(missing.json(), { code: 'escalation_preconditions_missing' });
    t.same(missing.json().errors.map((e: { field: string }) => e.field), ['body.reason', 'body.inWriting', 'body.criteria']);
    const ok = await call('POST', `/v1/complaints/${complaint.id}/escalate`, { reason: 'Dates wrong', inWriting: true, criteria: ['response_factually_inaccurate'] }, '2027-03-08T10:00:00Z');
    t.equal(ok.statusCode, 200, ok.body.slice(0, 300));
    const refused = await call('POST', `/v1/complaints/${complaint.id}/refuse-escalation`, { ground: 'outside_policy_remit', explanation: 'x', ombudsmanRightGiven: true });
    t.equal(refused.statusCode, 409);
    t.match(refused.json(), { code: 'refusal_ground_not_in_policy', detail: /new_issues_not_in_initial_complaint, no_criterion_evidenced/ });

    const reportRes = await call('GET', '/v1/reports/performance?from=2027-03-01&to=2027-03-31');
    t.equal(reportRes.statusCode, 200, reportRes.body.slice(0, 300));
    const report = reportRes.json();
    t.same(report.informal.informalResolutions, { received: 2, resolved: 1, becameComplaints: 1, open: 0 });
    t.equal(report.volumes.received, 1, 'only the complaint is a complaint');
  });

  await t.test('Lumen: the decline letter is due from the request, before any decline', async (t) => {
    const { call, log } = await landlord('seed-000-lumen');
    const c = await log('2027-03-01T10:00:00Z');
    t.match(c.deadlines.find((d: { kind: string }) => d.kind === 'decline_letter'), { dueDate: '2027-03-15', status: 'pending', countsFrom: { event: 'decline_request' } });
    const breaches = (await call('GET', '/v1/sla/breaches?asOf=2027-03-16')).json();
    t.ok(breaches.items.some((d: { kind: string; complaintId: string }) => d.kind === 'decline_letter' && d.complaintId === c.id));
    const considered = await call('POST', `/v1/complaints/${c.id}/consider-decline`, { note: 'An ASB report?' }, '2027-03-02T10:00:00Z');
    t.equal(considered.statusCode, 200);
    t.match(considered.json().declineConsiderations, [{ stage: 1, note: 'An ASB report?' }]);
  });

  await t.test('Longhurst: a contact restriction by resident reference, on all their complaints; reviewed; counted', async (t) => {
    const { call, log } = await landlord('seed-002-longhurst');
    const one = await log('2027-03-01T10:00:00Z', { complainant: { name: 'Bo', residentRef: 'RES-9' } });
    const two = await log('2027-03-01T11:00:00Z', { complainant: { name: 'Bo', residentRef: 'RES-9' } });
    const body = {
      reason: 'Abusive calls', decidedBy: 'Sam Senior', decidedByRole: 'head_of_service', allowedChannels: ['email'], startsOn: '2027-03-02', reviewOn: '2027-06-01',
      residentToldInWritingAt: '2027-03-02T12:00:00Z', equalityActConsideration: 'Email suits the resident’s needs',
    };
    t.equal((await call('POST', '/v1/residents/RES-0/contact-restrictions', body, '2027-03-02T12:00:00Z')).statusCode, 404);
    const made = await call('POST', '/v1/residents/RES-9/contact-restrictions', body, '2027-03-02T12:00:00Z');
    t.equal(made.statusCode, 201, made.body.slice(0, 300));
    t.same(made.json().items.map((i: { complaintId: string }) => i.complaintId), [one.id, two.id]);
    const contact = await call('POST', `/v1/complaints/${one.id}/contacts`, { direction: 'inbound', channel: 'phone', summary: 'Called' }, '2027-03-03T10:00:00Z');
    t.equal(contact.statusCode, 200, 'not refused');
    t.same(contact.json().contacts[0].outsideRestrictions, ['cr1'], 'flagged');
    t.match(contact.json().deadlines.find((d: { kind: string }) => d.kind === 'contact_restriction_review'), { ref: 'cr1', dueDate: '2027-06-01', status: 'pending' });
    const reviewed = await call('POST', `/v1/complaints/${two.id}/contact-restrictions/cr1/review`, { outcome: 'Still needed', nextReviewOn: '2027-09-01' }, '2027-05-20T10:00:00Z');
    t.equal(reviewed.statusCode, 200, reviewed.body.slice(0, 300));
    const ended = await call('POST', `/v1/complaints/${two.id}/contact-restrictions/cr1/end`, { reason: 'Lifted' }, '2027-05-21T10:00:00Z');
    t.match(ended.json().contactRestrictions[0], { endReason: 'Lifted' });
    t.equal((await call('POST', `/v1/complaints/${two.id}/contact-restrictions/cr1/end`, { reason: 'again' })).statusCode, 409);
    const partial = await call('POST', `/v1/complaints/${one.id}/contact-restrictions`, { ...body, equalityActConsideration: ' ' });
    t.equal(partial.statusCode, 422);
    const report = (await call('GET', '/v1/reports/performance?from=2027-03-01&to=2027-03-31')).json();
    t.same(report.contactRestrictions, { started: 2, residents: 1, ended: 1 });
    const events = (await call('GET', `/v1/complaints/${two.id}/events`)).json().items.map((e: { type: string }) => e.type);
    t.same(events.slice(-3), ['complaint.contact_restricted', 'complaint.contact_restriction_reviewed', 'complaint.contact_restriction_ended']);
  });
});
