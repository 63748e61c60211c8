import { sql } from 'kysely';
import t from 'tap';
import { financialYear, type ComplaintFacts } from '../../src/domain/reporting/index.ts';
import { factsForAnnualReport, factsForTsm, factsForYear, factsReceivedIn } from '../../src/store/report-queries.ts';
import { withReportTransaction } from '../../src/store/report-transaction.ts';
import { buildAnnualReportDataset } from '../http/annual-report-dataset.ts';
import { buildTestApp, movableClock } from '../helpers/test-app.ts';

// The annual report reads its four parts' complaints in one query (report-queries.ts): each
// part must hold exactly what its own report reads, field for field.
const byId = (facts: readonly ComplaintFacts[]) => [...facts].sort((a, b) => a.id.localeCompare(b.id));
// The performance and TSM reads leave out the fields their reports do not use; compare those they read.
const tsmFields = (f: ComplaintFacts) => ({ receivedOn: f.receivedOn, stage1: f.stage1.respondedOn, stage2: f.stage2?.startedOn ?? null, sent2: f.stage2?.respondedOn ?? null, extensions: f.stage1.extensions, refusal: f.escalationRefusal, decline: f.decline, withdrawnOn: f.withdrawnOn });
const performanceFields = (f: ComplaintFacts) => ({ ...tsmFields(f), channel: f.channel, category: f.category, serviceArea: f.serviceArea, outcome: f.stage1.outcome, remedies: f.remedies, determination: f.ombudsmanDetermination, orders: f.ombudsmanOrders });

t.test('the annual report’s one read gives each part exactly its own report’s complaints', async (t) => {
  const clock = movableClock('2025-03-01T09:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const { crm } = await buildAnnualReportDataset(app, db, clock);
  // One received before the previous year and still open, one in the previous year and closed in it, one after the year.
  const create = async (receivedAt: string) => {
    clock.set(receivedAt);
    const res = await app.inject({ method: 'POST', url: '/v1/complaints', headers: crm.headers, payload: { channel: 'email', complainant: { name: 'R' }, description: 'd', receivedAt } });
    t.equal(res.statusCode, 201, res.body);
    return res.json<{ id: string }>();
  };
  await create('2023-11-01T09:00:00Z');
  const closed = await create('2024-10-01T09:00:00Z');
  clock.set('2024-10-02T09:00:00Z');
  t.equal((await app.inject({ method: 'POST', url: `/v1/complaints/${closed.id}/withdraw`, headers: crm.headers, payload: { reason: 'sorted' } })).statusCode, 200);
  await create('2026-05-05T09:00:00Z');

  const fy = financialYear(2025);
  const previous = financialYear(2024);
  const organisationId = crm.organisationId;
  const { together, apart } = await withReportTransaction(db, 60_000, async (trx) => ({
    together: await factsForAnnualReport(trx, organisationId, fy, previous),
    apart: {
      receivedInYear: await factsReceivedIn(trx, organisationId, fy),
      tsm: await factsForTsm(trx, organisationId, fy, true),
      previousTsm: await factsForTsm(trx, organisationId, previous, true),
      selfAssessment: await factsForYear(trx, organisationId, fy),
    },
  }));
  t.same(byId(together.selfAssessment), byId(apart.selfAssessment), 'the self-assessment’s, every field');
  t.same(byId(together.tsm), byId(apart.tsm), 'this year’s TSM');
  t.same(byId(together.previousTsm), byId(apart.previousTsm), 'the previous year’s TSM');
  // The performance read has no ids: compared as sorted lists of what it reads.
  const asRead = (facts: readonly ComplaintFacts[]) => facts.map((f) => JSON.stringify(performanceFields(f))).sort();
  t.same(asRead(together.receivedInYear), asRead(apart.receivedInYear), 'the performance report’s');
  t.equal(together.receivedInYear.length, 6, 'B to G: received in 2025/26');
  t.ok(together.previousTsm.length >= 2 && together.selfAssessment.length > together.receivedInYear.length, 'the other parts hold complaints received before the year');
  t.notOk([...together.tsm, ...together.previousTsm, ...together.selfAssessment].some((f) => f.receivedOn > fy.to), 'nothing received after the year');
});

t.test('the few complaints the report counts apart are found by their partial indexes', async (t) => {
  const { db, kind } = await buildTestApp(t);
  if (kind !== 'postgres') {
    t.comment('skipped: needs a real PostgreSQL server (TEST_DATABASE_URL)');
    return;
  }
  const plan = async (query: string) => {
    await sql`set enable_seqscan = off`.execute(db);
    const { rows } = await sql.raw<{ 'QUERY PLAN': string }>(`explain ${query}`).execute(db);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  };
  const inYear = `c.organisation_id = gen_random_uuid() and c.received_at >= now() - interval '1 year' and c.received_at < now()`;
  t.match(await plan(`select count(*) from complaints c where ${inYear} and c.rpt_informal is not null`), /complaints_informal_records/, 'informal records');
  t.match(
    await plan(`select count(*) from complaints c where ${inYear} and (jsonb_typeof(c.state #> '{ombudsman,referral}') = 'object' or jsonb_typeof(c.state #> '{ombudsman,determination}') = 'object')`),
    /complaints_with_ombudsman_case/,
    'Ombudsman referrals and determinations',
  );
});
