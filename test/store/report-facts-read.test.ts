import { sql } from 'kysely';
import t from 'tap';
import { complaintFromStored } from '../../src/domain/complaint/index.ts';
import { factsOf, financialYear } from '../../src/domain/reporting/index.ts';
import { factsForYear } from '../../src/store/report-queries.ts';
import { withReportTransaction } from '../../src/store/report-transaction.ts';
import { buildAnnualReportDataset } from '../http/annual-report-dataset.ts';
import { buildTestApp, movableClock } from '../helpers/test-app.ts';

// The reports read their facts from the report columns as lines of text (report-queries.ts),
// sharing repeated strings and empty lists between complaints. Each must still be exactly
// what the domain derives from the complaint itself (factsOf).
t.test('the facts read for the reports are the facts of each complaint', async (t) => {
  const clock = movableClock('2025-03-01T09:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const { crm } = await buildAnnualReportDataset(app, db, clock);
  const read = await withReportTransaction(db, 60_000, (trx) => factsForYear(trx, crm.organisationId, financialYear(2025)));
  const { rows } = await sql<{ state: unknown }>`select state from complaints where organisation_id = ${crm.organisationId} and rpt_informal is null`.execute(db);
  const derived = new Map(rows.map((r) => [complaintFromStored(r.state).id, factsOf(complaintFromStored(r.state))]));
  t.ok(read.length >= 6, `${read.length} complaints bear on the year`);
  t.ok(read.some((f) => f.remedies.length > 0) && read.some((f) => f.stage2 !== null) && read.some((f) => f.stage1.extensions.length > 0), 'with remedies, escalations and extensions among them');
  for (const f of read) t.same(f, derived.get(f.id), `${f.reference}: as factsOf derives it`);
  t.throws(() => (read.find((f) => f.remedies.length === 0)?.remedies as unknown[]).push(1), 'an empty list shared between complaints cannot be changed');
});
