import t from 'tap';
import { buildTestApp, movableClock } from '../helpers/test-app.ts';
import { buildAnnualReportDataset } from './annual-report-dataset.ts';

// GET /v1/reports/annual (issue 17): the same figures as the reports it is built from, as
// JSON and as a self-contained page; the landlord's self-assessment commentary.
t.test('the annual report', async (t) => {
  const clock = movableClock('2025-03-01T09:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const { crm, other } = await buildAnnualReportDataset(app, db, clock);
  const get = async (url: string, accept = 'application/json', headers: Record<string, string> = crm.headers) => {
    const res = await app.inject({ method: 'GET', url, headers: { ...headers, accept } });
    t.equal(res.statusCode, 200, res.statusCode === 200 ? url : `${url}: ${res.body.slice(0, 300)}`);
    return res;
  };
  const report = (await get('/v1/reports/annual?year=2025')).json();

  await t.test('every figure is the existing reports’ figure', async (t) => {
    const perf = (await get('/v1/reports/performance?from=2025-04-01&to=2026-03-31')).json();
    const tsm = (await get('/v1/reports/tsm?year=2025')).json();
    const previous = (await get('/v1/reports/tsm?year=2024')).json();
    const sa = (await get('/v1/reports/self-assessment?year=2025')).json();
    t.match(report.financialYear, { year: 2025, label: '2025/26' });
    t.equal(report.previousFinancialYear.label, '2024/25');
    t.equal(report.volumes.received, perf.volumes.received);
    t.equal(report.volumes.received, 6, 'B, C, D, E, F and G');
    t.same(report.volumes.byChannel, perf.volumes.byChannel);
    t.same(report.volumes.byMonth, perf.monthly.map((m: { month: string; received: number; byChannel: unknown }) => ({ month: m.month, received: m.received, byChannel: m.byChannel })));
    t.same(report.volumes.byMonth.find((m: { month: string }) => m.month === '2025-06').byChannel, [{ value: 'letter', count: 1 }, { value: 'phone', count: 1 }], 'June: C by phone, D by letter');
    t.same(report.outcomes, perf.outcomes);
    t.same(report.extensions, perf.extensions);
    t.same(report.declines, perf.declines);
    t.same(report.remedies, perf.remedies);
    t.same(report.informal, perf.informal, 'informal resolutions and support requests, as the performance report counts them');
    t.same(report.contactRestrictions, perf.contactRestrictions, 'contact restrictions, as the performance report counts them');
    t.same(report.contactRestrictions, { started: 1, residents: 1, ended: 0 }, "G's");
    t.same(report.ombudsman.compliance, { orders: perf.ombudsman.orders, recommendations: perf.ombudsman.recommendations });
    t.same(report.topCategories, perf.volumes.byCategory.slice(0, 10));
    t.same(report.topServiceAreas, perf.volumes.byServiceArea.slice(0, 10));
    t.equal(report.ombudsman.determinations, perf.ombudsman.determinations);
    t.same(report.ombudsman.byFinding, perf.ombudsman.byFinding);
    t.equal(report.ombudsman.referrals, 1, 'B was referred');
    for (const stage of ['stage1', 'stage2'] as const) {
      t.equal(report.timeliness[stage].current.percentage, tsm.ch02[stage].percentage, `CH02 ${stage}`);
      t.equal(report.timeliness[stage].current.responses, tsm.ch02[stage].responses);
      t.equal(report.timeliness[stage].previous.percentage, previous.ch02[stage].percentage, `CH02 ${stage} the year before`);
      t.equal(report.perThousandHomes[stage].current.per1000Homes, tsm.ch01[stage].per1000Homes, `CH01 ${stage}`);
      t.equal(report.perThousandHomes[stage].previous.received, previous.ch01[stage].received);
    }
    t.equal(report.perThousandHomes.homes.current, 2000);
    t.equal(report.perThousandHomes.homes.previous, null, 'no homes figure set for 2024/25');
    t.same(
      report.selfAssessment.provisions.map((p: { id: string; evidenced: number; compliant: number; ratePercentage: number | null }) => [p.id, p.evidenced, p.compliant, p.ratePercentage]),
      sa.provisions.map((p: { id: string; evidenced: number; compliant: number; ratePercentage: number | null }) => [p.id, p.evidenced, p.compliant, p.ratePercentage]),
    );
    t.same(report.learning.byServiceArea, [
      { serviceArea: 'repairs', type: 'policy_change', count: 1 },
      { serviceArea: 'repairs', type: 'training', count: 1 },
    ]);
    t.equal(report.learning.improvementRemedies, 2);
  });

  await t.test('the self-assessment in the Ombudsman’s form, with the commentary', async (t) => {
    const row = (id: string) => report.selfAssessment.provisions.find((p: { id: string }) => p.id === id);
    const late = row('stage_1_responded_in_time');
    t.equal(late.complies, 'no', "E's response was late");
    t.match(late.commentary, /short-staffed/);
    t.match(late.evidence, /did not/);
    t.equal(row('different_stage_2_handler').complies, 'yes');
    t.equal(row('escalation_refusals_explained').complies, null, 'no refusals this year: no evidence');
    t.equal(row('escalation_refusals_explained').commentary, null);
  });

  await t.test('PUT /v1/reports/self-assessment/commentary', async (t) => {
    const put = (payload: object, headers: Record<string, string> = crm.headers) => app.inject({ method: 'PUT', url: '/v1/reports/self-assessment/commentary', headers, payload });
    const set = await put({ year: 2025, provision: 'declines_explained', commentary: '  Every decline letter is checked by a team leader.  ' });
    t.equal(set.statusCode, 200, set.body);
    t.match(set.json(), { year: 2025, provision: 'declines_explained', commentary: 'Every decline letter is checked by a team leader.', updatedBy: crm.key.id });
    t.equal((await put({ year: 2025, provision: 'declines_explained', commentary: 'Every decline letter is checked by a team leader.' })).statusCode, 200, 'the same again: harmless');
    const again = (await get('/v1/reports/annual?year=2025')).json();
    t.equal(again.selfAssessment.provisions.find((p: { id: string }) => p.id === 'declines_explained').commentary, 'Every decline letter is checked by a team leader.');
    const removed = await put({ year: 2025, provision: 'declines_explained', commentary: '' });
    t.same(removed.json(), { year: 2025, provision: 'declines_explained', commentary: null, updatedAt: null, updatedBy: null });
    t.equal((await put({ year: 2025, provision: 'no_such_provision', commentary: 'x' })).statusCode, 400);
    t.equal((await put({ year: 2025, provision: 'declines_explained', commentary: 'x'.repeat(4001) })).statusCode, 400);
    t.equal((await put({ year: 2025, provision: 'declines_explained', commentary: 'x' }, other.headers)).statusCode, 403, 'needs the admin scope');
    const otherReport = (await get('/v1/reports/annual?year=2025', 'application/json', other.headers)).json();
    t.ok(otherReport.selfAssessment.provisions.every((p: { commentary: string | null }) => p.commentary === null), "another landlord never sees this one's commentary");
  });

  await t.test('the page: self-contained, accessible, escaped', async (t) => {
    const res = await get('/v1/reports/annual?year=2025', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    t.match(res.headers['content-type'], /^text\/html; charset=utf-8/);
    t.match(res.headers['content-security-policy'], /default-src 'none'/);
    t.equal(res.headers.vary, 'accept');
    const html = res.body;
    t.match(html, /^<!doctype html><html lang="en-GB">/);
    t.notMatch(html, /<script|<link|<img|<iframe|@import|url\(|src=/i, 'no script, link, image or imported resource');
    t.same(html.match(/https?:\/\/[^"\s<]*/g)?.filter((u) => u !== 'http://www.w3.org/2000/svg') ?? [], [], 'no address but the SVG namespace');
    const charts = html.match(/<svg [^>]*>/g) ?? [];
    t.equal(charts.length, 5, 'volumes, on time, outcomes, categories, service areas');
    for (const svg of charts) t.match(svg, /role="img" aria-labelledby="chart-[a-z-]+-title chart-[a-z-]+-desc"/);
    t.equal((html.match(/<figure>/g) ?? []).length, charts.length);
    t.equal((html.match(/<figure>.*?<\/figure>/g) ?? []).filter((f) => /<desc id=/.test(f) && /<table>/.test(f)).length, charts.length, 'each chart: a text alternative and its table');
    t.equal((html.match(/<h1>/g) ?? []).length, 1);
    t.match(html, /<th scope="col">Comply: yes or no<\/th>/);
    t.match(html, /@page\{size:A4/);
    t.match(html, /&#60;we&#62; have since added cover &#38; rota &#34;checks&#34;/, 'the commentary escaped');
    t.notMatch(html, /<we>/);
    t.match(html, /data-figure="volumes.received" data-unit="count">6</);
    t.match(html, /data-figure="remedies.totalPence" data-unit="pence">£100.00</);
  });

  await t.test('JSON by default and when asked first', async (t) => {
    t.match((await get('/v1/reports/annual?year=2025', '*/*')).headers['content-type'], /^application\/json/);
    t.match((await get('/v1/reports/annual?year=2025', 'application/json, text/html')).headers['content-type'], /^application\/json/);
    const bad = await app.inject({ method: 'GET', url: '/v1/reports/annual?year=1999', headers: crm.headers });
    t.equal(bad.statusCode, 400);
    t.equal((await app.inject({ method: 'GET', url: '/v1/reports/annual?year=2025' })).statusCode, 401);
  });
});
