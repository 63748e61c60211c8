import t from 'tap';
import { aKey, buildTestApp, movableClock } from '../helpers/test-app.ts';
import { buildReportsDataset } from './reports-dataset.ts';

// CH01 and CH02 for 2025/26 on the dataset of reports-dataset.ts, every figure worked out
// by hand below from the dates listed there.
t.test('TSM CH01 and CH02, their cases, and the CH02 extension setting both ways', async (t) => {
  const clock = movableClock('2025-03-01T09:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const { crm, other, ids } = await buildReportsDataset(app, db, clock);
  const get = async (url: string, headers = crm.headers) => {
    const res = await app.inject({ method: 'GET', url, headers });
    t.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    return res.json();
  };
  const refOf = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  const cases = async (measure: string, stage: number, year = 2025) =>
    (await get(`/v1/reports/tsm/cases?year=${year}&measure=${measure}&stage=${stage}`)).items.map(
      (c: { complaintId: string; counted: boolean; withinTimescale: boolean | null; reason: string }) => [refOf[c.complaintId], c.counted, c.withinTimescale, c.reason],
    );

  const report = await get('/v1/reports/tsm?year=2025');
  t.same(report.financialYear, { year: 2025, label: '2025/26', from: '2025-04-01', to: '2026-03-31' });

  // CH01 stage 1: received in the year B, C (withdrawn: still received), D (declined: left
  // out), E, F (31 March 2026): 4 counted of 2,000 homes = 2.00 per 1,000. A was received
  // on 31 March 2025, in 2024/25, though acknowledged and answered in April.
  t.match(report.ch01, { homes: 2000, stage1: { received: 4, leftOut: 1, per1000Homes: 2 }, stage2: { received: 1, leftOut: 0, per1000Homes: 0.5 } });
  t.match(report.ch01.homesNote, /2000 homes/);
  t.same(await cases('CH01', 1), [
    ['B', true, null, 'received 2025-05-01'],
    ['C', true, null, 'received 2025-06-10; withdrawn on 2025-06-12, still a complaint received'],
    ['D', false, null, 'declined on 2025-06-18 (legal_proceedings): not accepted as a complaint'],
    ['E', true, null, 'received 2025-07-02'],
    ['F', true, null, 'received 2026-03-31'],
  ]);
  // Stage 2 only when escalated: B alone; E, answered and never escalated, is no stage 2 case.
  t.same(await cases('CH01', 2), [['B', true, null, 'escalation to stage 2 requested 2025-06-02']]);

  // CH02 stage 1, responses sent in the year: A (15 Apr 2025, due 16 Apr), B (28 May: after
  // its Code due date 19 May, inside the agreed extension to 2 Jun), E (22 Jul, due 18 Jul:
  // late). 2 of 3 within with extensions counted (the Code 2024 preset's default).
  t.match(report.ch02, { extensionCountsAsOnTime: true, policyVersion: 1 });
  t.match(report.ch02.stage1, { responses: 3, withinTimescale: 2, percentage: 66.7, leftOut: 3 });
  t.match(report.ch02.stage1.timescales, /within 10 working days of the acknowledgement/);
  // Stage 2: B acknowledged Wed 4 Jun, due 20 working days later on Wed 2 Jul, sent 1 Jul.
  t.match(report.ch02.stage2, { responses: 1, withinTimescale: 1, percentage: 100, leftOut: 0 });
  t.same(await cases('CH02', 1), [
    ['A', true, true, 'sent 2025-04-15, due 2025-04-16'],
    ['B', true, true, 'sent 2025-05-28, after 2025-05-19 but within the agreed extension to 2025-06-02'],
    ['C', false, null, 'withdrawn on 2025-06-12 before a response'],
    ['D', false, null, 'declined on 2025-06-18: no stage 1 response is due'],
    ['E', true, false, 'sent 2025-07-22, due 2025-07-18'],
    ['F', false, null, 'response sent 2026-04-09, after the year: counted in that year'],
  ]);
  t.same(await cases('CH02', 2), [['B', true, true, 'sent 2025-07-01, due 2025-07-02']]);
  t.ok(report.ch01.definitions.some((d: string) => /withdrawn complaint was received and is counted/.test(d)), 'the definitions say how withdrawn complaints count');
  t.ok(report.ch02.definitions.some((d: string) => /ch02ExtensionCountsAsOnTime = true/.test(d)), 'and how extensions were treated');

  // The previous year holds A (received 31 March 2025) but no homes figure.
  const previous = await get('/v1/reports/tsm?year=2024');
  t.match(previous.ch01, { homes: null, stage1: { received: 1, per1000Homes: null }, stage2: { received: 0 } });
  t.match(previous.ch01.homesNote, /No homes figure is set for financial year 2024\/25/);
  t.match(previous.ch02.stage1, { responses: 0, percentage: null, leftOut: 1 });

  // Changing today's policy (20 April 2026) leaves the closed year 2025/26 as it was: its
  // setting is the one in force on its last day, 31 March 2026.
  clock.set('2026-04-20T10:00:00Z');
  const later = await app.inject({ method: 'PUT', url: '/v1/policy', headers: crm.headers, payload: { overrides: { ch02ExtensionCountsAsOnTime: false } } });
  t.equal(later.statusCode, 201, later.body);
  const unmoved = await get('/v1/reports/tsm?year=2025');
  t.same(unmoved, report, 'the same figures, word for word');
  t.match(unmoved.ch02, { extensionCountsAsOnTime: true, policyVersion: 1, policyInForceOn: '2026-03-31' });
  t.match((await get('/v1/reports/tsm?year=2026')).ch02, { extensionCountsAsOnTime: false, policyVersion: 2, policyInForceOn: '2027-03-31' });

  // A version in force by the year's last day does count for it: B is then late, 1 of 3 (33.3 %).
  const backdated = await app.inject({
    method: 'PUT',
    url: '/v1/policy',
    headers: crm.headers,
    payload: { overrides: { ch02ExtensionCountsAsOnTime: false }, effectiveFrom: '2026-03-31', backdate: true },
  });
  t.equal(backdated.statusCode, 201, backdated.body);
  const strict = await get('/v1/reports/tsm?year=2025');
  t.match(strict.ch02, { extensionCountsAsOnTime: false, policyVersion: 3, stage1: { responses: 3, withinTimescale: 1, percentage: 33.3 } });
  t.ok(strict.ch02.definitions.some((d: string) => /ch02ExtensionCountsAsOnTime = false/.test(d)));
  const bStrict = (await cases('CH02', 1)).find((c: unknown[]) => c[0] === 'B');
  t.same(bStrict.slice(1, 3), [true, false]);
  t.match(bStrict[3], /not within the timescales: the policy does not count extensions/);

  // The same report as CSV rows.
  const csv = await app.inject({ method: 'GET', url: '/v1/reports/tsm?year=2025', headers: { ...crm.headers, accept: 'text/csv' } });
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /^text\/csv/);
  t.match(csv.headers['content-disposition'], /tsm-2025\.csv/);
  t.match(csv.body, /^section,metric,value\r\n/);
  t.match(csv.body, /\r\nch02,stage1\.percentage,33\.3\r\n/);
  t.match(csv.body, /\r\nch02,policyVersion,3\r\n/);

  // Another landlord's key sees only its own complaint X: 1 received, its 1 response late.
  const theirs = await get('/v1/reports/tsm?year=2025', other.headers);
  t.match(theirs.ch01.stage1, { received: 1 });
  t.match(theirs.ch02.stage1, { responses: 1, withinTimescale: 0 });
  const allOurCases = [...(await cases('CH01', 1)), ...(await cases('CH02', 1)), ...(await cases('CH01', 2)), ...(await cases('CH02', 2))];
  t.notOk(allOurCases.some((c: unknown[]) => c[0] === 'X'), "the other landlord's complaint is in none of our cases");
});

t.test('TSM queries are validated and need reports:read', async (t) => {
  const { app, db } = await buildTestApp(t);
  const reader = await aKey(db, ['complaints:read']);
  const noScope = await app.inject({ method: 'GET', url: '/v1/reports/tsm?year=2025', headers: reader.headers });
  t.equal(noScope.statusCode, 403);
  const reports = await aKey(db, ['reports:read']);
  const bad = await app.inject({ method: 'GET', url: '/v1/reports/tsm/cases?year=2025&measure=CH03&stage=3', headers: reports.headers });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().code, 'validation_failed');
  const missing = await app.inject({ method: 'GET', url: '/v1/reports/tsm', headers: reports.headers });
  t.equal(missing.statusCode, 400);
});
