import t from 'tap';
import { aKey, buildTestApp, movableClock } from '../helpers/test-app.ts';
import { buildReportsDataset } from './reports-dataset.ts';

// The performance report and the Code self-assessment for 2025/26 on the dataset of
// reports-dataset.ts; every figure worked out by hand from the dates listed there.
t.test('the performance report as JSON and CSV, and the self-assessment', async (t) => {
  const clock = movableClock('2025-03-01T09:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const { crm, ids } = await buildReportsDataset(app, db, clock);
  const url = '/v1/reports/performance?from=2025-04-01&to=2026-03-31';

  const res = await app.inject({ method: 'GET', url, headers: crm.headers });
  t.equal(res.statusCode, 200, res.body.slice(0, 300));
  t.match(res.headers['content-type'], /^application\/json/);
  const report = res.json();

  // Received in the period: B, C, D, E, F (A was received on 31 March 2025; X is not ours).
  t.same(report.volumes, {
    received: 5,
    byChannel: [{ value: 'email', count: 2 }, { value: 'letter', count: 1 }, { value: 'phone', count: 1 }, { value: 'web_form', count: 1 }],
    byCategory: [{ value: 'repairs', count: 3 }, { value: 'anti-social behaviour', count: 1 }, { value: 'none recorded', count: 1 }],
    byServiceArea: [{ value: 'none recorded', count: 4 }, { value: 'maintenance', count: 1 }],
  });
  // B upheld, E not upheld, F one matter each way: partly upheld; B upheld at stage 2.
  t.same(report.outcomes, { stage1: { upheld: 1, partly_upheld: 1, not_upheld: 1 }, stage2: { upheld: 1, partly_upheld: 0, not_upheld: 0 } });
  // Stage 1 acknowledgements: B 1 May → 2 May (1), E Wed 2 Jul → Fri 4 Jul (2), F 31 Mar → 1 Apr (1).
  // Responses from receipt: B 1 → 28 May, skipping the 5 and 26 May bank holidays (17);
  // E 2 → 22 Jul (14); F 31 Mar → 9 Apr 2026, skipping Good Friday and Easter Monday (5).
  t.same(report.workingDays.stage1, {
    acknowledge: { count: 3, mean: 1.3, median: 1, p90: 2 },
    respond: { count: 3, mean: 12, median: 14, p90: 17 },
  });
  // Stage 2 from B's request on Mon 2 Jun: acknowledged Wed 4 Jun (2), answered Tue 1 Jul (21).
  t.same(report.workingDays.stage2, {
    acknowledge: { count: 1, mean: 2, median: 2, p90: 2 },
    respond: { count: 1, mean: 21, median: 21, p90: 21 },
  });
  t.same(report.extensions, { count: 1, stage1: 1, stage2: 0, withGoodReason: 0, byReason: [{ value: 'awaiting contractor report', count: 1 }], goodReasons: [] });
  t.same(report.declines, { count: 1, byGround: [{ value: 'legal_proceedings', count: 1 }] });
  t.equal(report.withdrawn, 1);
  t.same(report.escalation, { stage1Responses: 3, escalated: 1, refused: 0, ratePercentage: 33.3 });
  t.equal(report.remedies.totalPence, 10000);
  t.match(report.remedies.byType.find((r: { type: string }) => r.type === 'financial'), { count: 1, compensationPence: 10000, refundPence: 0, totalPence: 10000 });
  t.match(report.remedies.byType.find((r: { type: string }) => r.type === 'apology'), { count: 1, totalPence: 0 });
  const noOrders = { total: 0, compliedOnTime: 0, compliedLate: 0, outstanding: 0, overdue: 0 };
  t.same(report.ombudsman, {
    determinations: 1,
    byFinding: [{ value: 'service failure', count: 1 }],
    byServiceArea: [{ serviceArea: 'maintenance', determinations: 1, byFinding: [{ value: 'service failure', count: 1 }] }],
    orders: noOrders,
    recommendations: noOrders,
  });
  t.equal(report.monthly.length, 12, 'April 2025 to March 2026');
  const month = (m: string) => report.monthly.find((r: { month: string }) => r.month === m);
  t.same(month('2025-04'), { month: '2025-04', received: 0, declined: 0, withdrawn: 0, stage1Responses: 0, escalated: 0, byChannel: [] });
  t.same(month('2025-05'), { month: '2025-05', received: 1, declined: 0, withdrawn: 0, stage1Responses: 1, escalated: 1, byChannel: [{ value: 'email', count: 1 }] });
  t.same(month('2025-06'), { month: '2025-06', received: 2, declined: 1, withdrawn: 1, stage1Responses: 0, escalated: 0, byChannel: [{ value: 'letter', count: 1 }, { value: 'phone', count: 1 }] });
  t.same(month('2026-03'), { month: '2026-03', received: 1, declined: 0, withdrawn: 0, stage1Responses: 1, escalated: 0, byChannel: [{ value: 'web_form', count: 1 }] });

  const csv = await app.inject({ method: 'GET', url, headers: { ...crm.headers, accept: 'text/csv' } });
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /^text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  t.equal(lines[0], 'section,metric,value');
  for (const line of [
    'volumes,received,5',
    'volumes,byChannel.email,2',
    'volumes,byCategory.anti-social behaviour,1',
    'workingDays,stage1.respond.median,14',
    'escalation,ratePercentage,33.3',
    'remedies,byType.financial.totalPence,10000',
    'remedies,totalPence,10000',
    'monthly,2025-06.declined,1',
  ]) t.ok(lines.includes(line), line);

  // Two years are read in two parts: A (received 31 March 2025) joins B-F, each once.
  const twoYears = (await app.inject({ method: 'GET', url: '/v1/reports/performance?from=2024-04-01&to=2026-03-31', headers: crm.headers })).json();
  t.match(twoYears, { volumes: { received: 6, byChannel: [{ value: 'email', count: 3 }] }, escalation: { stage1Responses: 4 } });
  t.equal(twoYears.monthly.length, 24);

  const backwards = await app.inject({ method: 'GET', url: '/v1/reports/performance?from=2026-01-01&to=2025-01-01', headers: crm.headers });
  t.equal(backwards.statusCode, 422);
  t.equal(backwards.json().code, 'invalid_period');

  // Self-assessment for 2025/26 as of 20 April 2026, Code timescales.
  const sa = await app.inject({ method: 'GET', url: '/v1/reports/self-assessment?year=2025', headers: crm.headers });
  t.equal(sa.statusCode, 200, sa.body.slice(0, 300));
  const provisions = Object.fromEntries(sa.json().provisions.map((p: { id: string }) => [p.id, p]));
  // Acknowledgements due in the year: A (due 7 Apr 2025), B (9 May), E (9 Jul); C was withdrawn
  // before its due date, D declined, F's falls due on 9 April 2026.
  t.match(provisions.stage_1_acknowledged_in_time, { evidenced: 3, compliant: 3, ratePercentage: 100, failingCases: [] });
  // Responses due in the year: A (16 Apr) and B (inside its extension) in time; E late.
  t.match(provisions.stage_1_responded_in_time, { evidenced: 3, compliant: 2, ratePercentage: 66.7 });
  t.same(provisions.stage_1_responded_in_time.failingCases, [{ complaintId: ids.E, reference: 'CMP-2025-000005', reason: 'sent 2025-07-22, due 2025-07-18' }]);
  t.match(provisions.extension_rules_kept, { evidenced: 1, compliant: 1 });
  t.match(provisions.stage_2_acknowledged_in_time, { evidenced: 1, compliant: 1 });
  t.match(provisions.different_stage_2_handler, { evidenced: 1, compliant: 1 });
  t.match(provisions.stage_2_responded_in_time, { evidenced: 1, compliant: 1 });
  t.match(provisions.responses_complete, { evidenced: 3, compliant: 3 });
  t.match(provisions.declines_explained, { evidenced: 1, compliant: 1 });
  t.match(provisions.escalation_refusals_explained, { evidenced: 0, ratePercentage: null });
});

t.test('the performance report needs reports:read and is only ever one landlord', async (t) => {
  const { app, db } = await buildTestApp(t);
  const writer = await aKey(db, ['complaints:write']);
  const forbidden = await app.inject({ method: 'GET', url: '/v1/reports/performance?from=2025-04-01&to=2026-03-31', headers: writer.headers });
  t.equal(forbidden.statusCode, 403);
  const empty = await aKey(db, ['reports:read']);
  const res = await app.inject({ method: 'GET', url: '/v1/reports/performance?from=2025-04-01&to=2025-04-30', headers: empty.headers });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { volumes: { received: 0 }, workingDays: { stage1: { respond: { count: 0, mean: null } } }, escalation: { ratePercentage: null } });
});
