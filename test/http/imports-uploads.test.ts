import t from 'tap';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { CsvRecords, endsInsideQuotes, MAX_CSV_RECORD_CHARS } from '../../src/app/imports/csv-records.ts';
import { receiveUpload } from '../../src/app/imports/receive-upload.ts';
import { calendarCache } from '../../src/domain/calendar/index.ts';
import { processImports } from '../../src/jobs/imports.ts';
import { findComplaintIdByExternalRef } from '../../src/store/complaints.ts';
import { withImportTables } from '../../src/store/import-tables.ts';
import { abandonStaleUploads, appendLines, createImport, findImport } from '../../src/store/imports.ts';
import { aKey, buildTestApp, fixedClock, ukCalendars } from '../helpers/test-app.ts';

// Bulk import uploads (issue 12): CSV records over several lines, and uploads that never
// arrive whole, cut off at once or left behind by an instance that died.
const at = (date: string, time = '10:00:00+01:00') => `${date}T${time}`;
const ack = (date: string, handler = 'alice') => ({ command: 'acknowledge', occurredAt: at(date), definition: 'The boiler', outcomesSought: ['Repair it'], handler });
const create = (ref: string, receivedOn: string) => ({ externalRef: ref, channel: 'email', receivedAt: at(receivedOn), complainant: { name: `Resident ${ref}` }, description: 'The boiler' });
const line = (ref: string, receivedOn = '2025-05-01') => JSON.stringify({ ...create(ref, receivedOn), history: [ack(receivedOn.replace(/01$/, '02'))] }) + '\n';

t.test('CSV: a quoted field may hold line breaks (RFC 4180); lines are numbered by the file line a record starts on', async (t) => {
  const { app, db } = await buildTestApp(t, { clock: fixedClock('2026-11-23T10:00:00Z') });
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const body = [
    'externalRef,channel,receivedAt,complainantName,description,outcomesSought,acknowledgedAt,handler',
    'ML-1,email,2025-09-01T10:00:00+01:00,"Smith,',
    'Jo","Damp in the bedroom.',
    '',
    'The ""mould"" is back, again",Treat it,2025-09-02T10:00:00+01:00,carol',
    'ML-2,carrier-pigeon,2025-09-01T10:00:00+01:00,Ann,Noise,Quiet',
    'ML-3,phone,2025-09-03T10:00:00+01:00,Bea,"Leak',
    'under the sink",Fix it,2025-09-04T10:00:00+01:00,dan',
  ].join('\r\n') + '\r\n';
  const res = await app.inject({ method: 'POST', url: '/v1/imports', headers: { ...crm.headers, 'content-type': 'text/csv' }, payload: body });
  t.equal(res.statusCode, 202, res.body);
  let run = res.json();
  for (let i = 0; i < 200 && run.status !== 'done'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    run = (await app.inject({ method: 'GET', url: `/v1/imports/${run.id}`, headers: crm.headers })).json();
  }
  t.match(run, { status: 'done', linesRead: 8, imported: 2, rejected: 1 });
  const one = (await app.inject({ method: 'GET', url: `/v1/complaints/${(await findComplaintIdByExternalRef(db, crm.organisationId, 'ML-1'))!}`, headers: crm.headers })).json();
  t.match(one, { complainant: { name: 'Smith,\nJo' }, description: 'Damp in the bedroom.\n\nThe "mould" is back, again', outcomesSought: ['Treat it'], handlers: { stage1: 'carol' } });
  const three = (await app.inject({ method: 'GET', url: `/v1/complaints/${(await findComplaintIdByExternalRef(db, crm.organisationId, 'ML-3'))!}`, headers: crm.headers })).json();
  t.match(three, { description: 'Leak\nunder the sink', channel: 'phone' });
  const rejections = (await app.inject({ method: 'GET', url: `/v1/imports/${run.id}/rejections`, headers: crm.headers })).json();
  t.match(rejections.items, [{ line: 6, externalRef: 'ML-2', problem: { status: 400 } }], 'the record after a four-line one is numbered by its own file line');
  t.equal(rejections.items.length, 1);
});

t.test('CSV records: where a quoted field ends, and an unterminated one cannot hold the whole file', async (t) => {
  t.equal(endsInsideQuotes('a,"b', false), true);
  t.equal(endsInsideQuotes('a,"b""', false), true, 'a doubled quote is a quote');
  t.equal(endsInsideQuotes('a,"b""c",d', false), false);
  t.equal(endsInsideQuotes('a,5" pipe,d', false), false, 'a quote inside an unquoted field opens nothing');
  t.equal(endsInsideQuotes('more",e', true), false);
  t.equal(endsInsideQuotes('still more', true), true);
  const records = new CsvRecords();
  t.equal(records.push(1, 'x,"never closed'), undefined);
  let cut: { lineNo: number; content: string } | undefined;
  for (let line = 2; !cut; line++) cut = records.push(line, 'y'.repeat(100_000));
  t.equal(cut.lineNo, 1);
  t.ok(cut.content.length > MAX_CSV_RECORD_CHARS && cut.content.length < MAX_CSV_RECORD_CHARS + 200_000, 'cut at the limit');
  t.same(records.push(20, 'z,1'), { lineNo: 20, content: 'z,1' }, 'the next line starts a new record');
  t.equal(records.end(), undefined);
});

t.test('a cut-off upload ends as failed at once, and nothing of it is imported', async (t) => {
  const { app, db } = await buildTestApp(t, { clock: fixedClock('2026-11-23T10:00:00Z') });
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const now = () => new Date('2026-11-23T10:00:00Z');
  const line = (i: number) => JSON.stringify({ ...create(`CUT-${i}`, '2025-05-01'), history: [ack('2025-05-02')] }) + '\n';
  const cutOff = (end: (body: Readable) => void) => {
    const body = new Readable({ read() {} });
    body.push(line(1) + line(2) + '{"externalRef": "CUT-3", "chan');
    setTimeout(() => end(body), 10);
    return body;
  };
  for (const [how, end] of [
    ['the connection reset', (b: Readable) => b.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))],
    ['the body closed early', (b: Readable) => b.destroy()],
  ] as const) {
    const result = await receiveUpload(db, { organisationId: crm.organisationId, format: 'ndjson', dryRun: false, actor: 'test', body: cutOff(end), now });
    t.equal(result.complete, false, how);
    t.match(await findImport(db, crm.organisationId, result.id), { status: 'failed', failureReason: /^upload_interrupted: /, finishedAt: now() }, how);
  }
  t.equal(await processImports(db, { clock: now, calendarFor: calendarCache(ukCalendars) }), 0, 'the job leaves failed uploads alone');
  t.notOk(await findComplaintIdByExternalRef(db, crm.organisationId, 'CUT-1'));

  // Through the route, on a real socket: the client sends half the file and hangs up.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/v1/imports', headers: { ...crm.headers, 'content-type': 'application/x-ndjson', 'content-length': '100000' } });
    request.on('error', () => resolve());
    request.write(line(4) + line(5) + '{"externalRef": "CUT-6"', () => setTimeout(() => request.destroy(), 100));
  });
  let failed: { status: string; failureReason: string | null } | undefined;
  for (let i = 0; i < 100 && failed?.status !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const row = await withImportTables(db).selectFrom('imports').select('id').where('organisation_id', '=', crm.organisationId).where('created_by', '=', crm.key.id).executeTakeFirst();
    failed = row ? await findImport(db, crm.organisationId, row.id) : undefined;
  }
  t.match(failed, { status: 'failed', failureReason: /^upload_interrupted/, imported: 0 }, 'the hung-up upload is failed');
  t.notOk(await findComplaintIdByExternalRef(db, crm.organisationId, 'CUT-4'));
});

t.test('an upload left receiving (its instance died) is failed by the job after the idle time, once, by any instance', async (t) => {
  const { db } = await buildTestApp(t, { clock: fixedClock('2026-11-23T10:00:00Z') });
  const crm = await aKey(db, ['complaints:write']);
  const started = new Date('2026-11-23T10:00:00Z');
  const stale = randomUUID();
  const fresh = randomUUID();
  await createImport(db, { id: stale, organisationId: crm.organisationId, format: 'ndjson', dryRun: false, actor: 'test', now: started });
  await appendLines(db, stale, [{ lineNo: 1, content: line('STALE-1') }], 1, started);
  await createImport(db, { id: fresh, organisationId: crm.organisationId, format: 'ndjson', dryRun: false, actor: 'test', now: started });
  await appendLines(db, fresh, [{ lineNo: 1, content: line('FRESH-1') }], 1, new Date(started.getTime() + 10 * 60_000));
  const options = { calendarFor: calendarCache(ukCalendars), uploadIdleMs: 15 * 60_000 };
  const early = new Date(started.getTime() + 14 * 60_000);
  await processImports(db, { ...options, clock: () => early });
  t.match(await findImport(db, crm.organisationId, stale), { status: 'receiving' }, 'not before the idle time');
  const later = new Date(started.getTime() + 16 * 60_000);
  const [a, b] = await Promise.all([abandonStaleUploads(db, later, options.uploadIdleMs), abandonStaleUploads(db, later, options.uploadIdleMs)]);
  t.equal(a + b, 1, 'two instances at once: failed once');
  t.match(await findImport(db, crm.organisationId, stale), { status: 'failed', failureReason: /^upload_abandoned: nothing arrived for 15 minute\(s\)/, finishedAt: later });
  t.match(await findImport(db, crm.organisationId, fresh), { status: 'receiving' }, 'an upload still storing lines is left alone');
  await processImports(db, { ...options, clock: () => new Date(started.getTime() + 26 * 60_000) });
  t.match(await findImport(db, crm.organisationId, fresh), { status: 'failed' }, 'the job itself gives it up too');
  t.notOk(await findComplaintIdByExternalRef(db, crm.organisationId, 'STALE-1'));
});
