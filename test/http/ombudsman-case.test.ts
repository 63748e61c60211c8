import t from 'tap';
import { aKey, buildTestApp, movableClock } from '../helpers/test-app.ts';

// The Ombudsman's case as a tracked record, on the LHP preset (evidence within 15 working
// days, its ¶62) and the England and Wales calendar. Three complaints received in January
// 2026, each step at the time the clock is set to:
//   P (repairs)  determined Mon 2 Feb: repair delays → maladministration, complaint handling → service failure;
//                order o1 pay £300 due Mon 2 Mar (complied Thu 5 Mar: late), order o2 apologise due
//                Mon 16 Feb (complied Tue 10 Feb: on time), recommendation o3 review due Thu 30 Apr.
//   Q (lettings) evidence asked Thu 5 Feb (due 15 wd later: 6, 9-13, 16-20, 23-26 Feb → Thu 26 Feb),
//                given Mon 2 Mar (late); determined Fri 20 Feb: allocation → no maladministration;
//                order o1 re-inspect due Fri 6 Mar, never complied with.
//   R (repairs)  determined Mon 9 Feb in the older shape: findings ['severe maladministration'],
//                orders ['Pay £1000'] (an order with no due date, not complied with).
t.test("the Ombudsman's case: findings per issue, orders to compliance, breaches and reports", async (t) => {
  const clock = movableClock('2026-01-05T09:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const crm = await aKey(db, ['complaints:read', 'complaints:write', 'reports:read', 'admin']);
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: crm.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() };
  };
  const at = async (iso: string, url: string, payload: object) => {
    clock.set(iso);
    const res = await call('POST', url, payload);
    if (res.status !== 200 && res.status !== 201) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  t.equal((await call('PUT', '/v1/policy', { preset: 'seed-001-lhp' })).status, 201);
  const ids: Record<string, string> = {};
  for (const [name, day, serviceArea] of [['P', '2026-01-06', 'repairs'], ['Q', '2026-01-07', 'lettings'], ['R', '2026-01-08', 'repairs']] as const) {
    ids[name] = (await at(`${day}T10:00:00Z`, '/v1/complaints', { channel: 'email', receivedAt: `${day}T09:00:00Z`, complainant: { name }, description: name, serviceArea })).id;
  }
  const url = (name: string, path: string) => `/v1/complaints/${ids[name]}/${path}`;
  await at('2026-01-20T10:00:00Z', url('P', 'ombudsman'), { kind: 'referral', ombudsmanRef: '202612345' });
  const determined = await at('2026-02-02T10:00:00Z', url('P', 'ombudsman'), {
    kind: 'determination',
    issues: [
      { issue: 'repair delays', finding: 'maladministration' },
      { issue: 'complaint handling', finding: 'service_failure' },
    ],
    orders: [
      { type: 'order', description: 'Pay £300', dueDate: '2026-03-02' },
      { description: 'Apologise in writing', dueDate: '2026-02-16' },
      { type: 'recommendation', description: 'Review the repairs policy', dueDate: '2026-04-30' },
    ],
  });
  t.same(determined.ombudsman.determination.findings, ['maladministration', 'service_failure']);
  t.same(determined.ombudsman.determination.orders, ['Pay £300', 'Apologise in writing', 'Review the repairs policy']);
  t.match(determined.ombudsman.orders, [
    { id: 'o1', type: 'order', dueDate: '2026-03-02', completedAt: null, evidence: null },
    { id: 'o2', type: 'order', dueDate: '2026-02-16' },
    { id: 'o3', type: 'recommendation', dueDate: '2026-04-30' },
  ]);
  const orderClocks = determined.deadlines.filter((d: { kind: string }) => d.kind === 'ombudsman_order');
  t.same(orderClocks.map((d: { ref: string; dueDate: string }) => [d.ref, d.dueDate]), [['o1', '2026-03-02'], ['o2', '2026-02-16']], 'orders are deadlines; recommendations are not');

  const evidence = await at('2026-02-05T10:00:00Z', url('Q', 'ombudsman'), { kind: 'evidence_request', description: 'The allocation file' });
  t.match(evidence.deadlines.find((d: { kind: string }) => d.kind === 'ombudsman_evidence'), { dueDate: '2026-02-26', rule: 'ombudsmanEvidence' });
  await at('2026-02-09T10:00:00Z', url('R', 'ombudsman'), { kind: 'determination', findings: ['severe maladministration'], orders: ['Pay £1000'] });
  await at('2026-02-10T10:00:00Z', url('P', 'ombudsman/orders/o2/complete'), { evidence: 'Letter of apology sent 10 Feb' });
  await at('2026-02-20T10:00:00Z', url('Q', 'ombudsman'), {
    kind: 'determination',
    issues: [{ issue: 'allocation', finding: 'no_maladministration' }],
    orders: [{ description: 'Re-inspect the property', dueDate: '2026-03-06' }],
  });
  await at('2026-03-02T10:00:00Z', url('Q', 'ombudsman'), { kind: 'evidence_provided', requestId: 'e1' });
  const paid = await at('2026-03-05T10:00:00Z', url('P', 'ombudsman/orders/o1/complete'), { evidence: 'Payment reference 8812' });
  t.match(paid.ombudsman.orders[0], { completedAt: '2026-03-05T10:00:00.000Z', evidence: 'Payment reference 8812' });
  t.match(paid.deadlines.find((d: { ref: string; kind: string }) => d.kind === 'ombudsman_order' && d.ref === 'o1'), { status: 'met_late' });

  await t.test('refusals: a second determination, a completion without evidence, twice, or of no order', async (t) => {
    t.match(await call('POST', url('P', 'ombudsman'), { kind: 'determination', issues: [{ issue: 'x', finding: 'maladministration' }] }), { status: 409, body: { code: 'already_determined' } });
    t.match(await call('POST', url('P', 'ombudsman/orders/o3/complete'), { evidence: '  ' }), { status: 422, body: { code: 'order_incomplete' } });
    t.match(await call('POST', url('P', 'ombudsman/orders/o1/complete'), { evidence: 'again' }), { status: 409, body: { code: 'order_already_completed' } });
    t.match(await call('POST', url('P', 'ombudsman/orders/o9/complete'), { evidence: 'x' }), { status: 404, body: { code: 'order_not_found' } });
    t.equal((await call('POST', url('Q', 'ombudsman'), { kind: 'determination', issues: [{ issue: 'x', finding: 'quite bad' }] })).status, 400);
  });

  await t.test('an order past due appears in the breaches; late evidence with includeLate', async (t) => {
    clock.set('2026-03-10T09:00:00Z');
    const breaches = await call('GET', '/v1/sla/breaches?kind=ombudsman_order');
    // Q's o1 due Fri 6 Mar: Mon 9, Tue 10 Mar → 2 working days late.
    t.same(breaches.body.items.map((i: { complaintId: string; ref: string; workingDaysLate: number }) => [i.complaintId, i.ref, i.workingDaysLate]), [[ids.Q, 'o1', 2]]);
    const late = await call('GET', '/v1/sla/breaches?includeLate=true&kind=ombudsman_evidence');
    // Due Thu 26 Feb, given Mon 2 Mar: Fri 27 Feb, Mon 2 Mar → 2.
    t.match(late.body.items, [{ complaintId: ids.Q, ref: 'e1', status: 'met_late', workingDaysLate: 2 }]);
  });

  await t.test("the reports count what the Ombudsman found, by hand", async (t) => {
    const noneYet = { total: 0, compliedOnTime: 0, compliedLate: 0, outstanding: 0, overdue: 0 };
    const res = await call('GET', '/v1/reports/performance?from=2026-01-01&to=2026-03-31');
    t.equal(res.status, 200, JSON.stringify(res.body).slice(0, 400));
    const report = res.body;
    const expected = {
      determinations: 3,
      byFinding: [
        { value: 'maladministration', count: 1 },
        { value: 'no_maladministration', count: 1 },
        { value: 'service_failure', count: 1 },
        { value: 'severe maladministration', count: 1 },
      ],
      byServiceArea: [
        { serviceArea: 'repairs', determinations: 2, byFinding: [{ value: 'maladministration', count: 1 }, { value: 'service_failure', count: 1 }, { value: 'severe maladministration', count: 1 }] },
        { serviceArea: 'lettings', determinations: 1, byFinding: [{ value: 'no_maladministration', count: 1 }] },
      ],
      // Orders: P o2 on time, P o1 late, Q o1 outstanding and overdue (due 6 Mar), R's with no date outstanding.
      orders: { total: 4, compliedOnTime: 1, compliedLate: 1, outstanding: 2, overdue: 1 },
      recommendations: { ...noneYet, total: 1, outstanding: 1 },
    };
    t.same(report.ombudsman, expected);
    const assessment = (await call('GET', '/v1/reports/self-assessment?year=2025&asOf=2026-03-10')).body;
    t.same(assessment.ombudsman, expected, 'the same as of 10 March: Q o1 was already overdue');
    const provision = assessment.provisions.find((p: { id: string }) => p.id === 'ombudsman_orders_complied');
    t.match(provision, { evidenced: 2, compliant: 0, ratePercentage: 0 });
    t.same(provision.failingCases.map((c: { complaintId: string; reason: string }) => [c.complaintId, c.reason]).sort(), [
      [ids.P, 'order due 2026-03-02 complied with on 2026-03-05'],
      [ids.Q, 'order due 2026-03-06 not complied with'],
    ].sort());
    const before = (await call('GET', '/v1/reports/self-assessment?year=2025&asOf=2026-02-15')).body;
    // As of 15 Feb: P (2 Feb) and R (9 Feb) determined; P o2 complied 10 Feb; nothing yet overdue.
    t.same(before.ombudsman.orders, { total: 3, compliedOnTime: 1, compliedLate: 0, outstanding: 2, overdue: 0 });
    t.equal(before.ombudsman.determinations, 2);
  });
});
