import t from 'tap';
import { calendarCache } from '../../src/domain/calendar/index.ts';
import { receiveUpload } from '../../src/app/imports/receive-upload.ts';
import { processImports } from '../../src/jobs/imports.ts';
import { findComplaintIdByExternalRef } from '../../src/store/complaints.ts';
import { abandonStaleUploads, appendLines, claimImport, createImport, findImport } from '../../src/store/imports.ts';
import { withImportTables } from '../../src/store/import-tables.ts';
import { CsvRecords, endsInsideQuotes, MAX_CSV_RECORD_CHARS } from '../../src/app/imports/csv-records.ts';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { aKey, buildTestApp, fixedClock, ukCalendars } from '../helpers/test-app.ts';

// Bulk import (issue 12, item 3) on the Code 2024 preset and the England and Wales calendar.
const at = (date: string, time = '10:00:00+01:00') => `${date}T${time}`;
const ack = (date: string, handler = 'alice') => ({ command: 'acknowledge', occurredAt: at(date), definition: 'The boiler', outcomesSought: ['Repair it'], handler });
const answer = (date: string, stage: 1 | 2) => ({
  command: 'respond',
  occurredAt: at(date),
  stage,
  definition: 'The boiler',
  decisions: [{ matterId: 'm1', outcome: 'upheld', reasons: 'Missed visits' }],
  remedies: [],
  outstandingActions: [],
  escalationExplained: true,
});
const create = (ref: string, receivedOn: string, extra: object = {}) => ({
  externalRef: ref, channel: 'email', receivedAt: at(receivedOn), complainant: { name: `Resident ${ref}` }, description: 'The boiler', ...extra,
});
const A = {
  ...create('OLD-A', '2025-06-02'),
  history: [
    ack('2025-06-04'),
    answer('2025-06-17', 1),
    { command: 'escalate', occurredAt: at('2025-06-20') },
    { ...ack('2025-06-24', 'bob'), command: 'acknowledge-stage-2' },
    answer('2025-07-21', 2),
    { command: 'close', occurredAt: at('2025-07-22'), reason: 'stage_2_response' },
  ],
};
// The extension is decided after the due date (17 Jun): the whole complaint is refused.
const C = {
  ...create('OLD-C', '2025-06-02'),
  history: [ack('2025-06-03'), { command: 'extend', occurredAt: at('2025-06-30'), reason: 'Survey', residentToldAt: at('2025-06-30'), ombudsmanDetailsGiven: true, newDueDate: '2025-07-14' }],
};
const B = { ...create('OLD-B', '2026-10-01'), history: [ack('2026-10-02')] };
const line = (ref: string, receivedOn = '2025-05-01') => JSON.stringify({ ...create(ref, receivedOn), history: [ack(receivedOn.replace(/01$/, '02'))] }) + '\n';
const file = [JSON.stringify(A), '', JSON.stringify(C), '{"externalRef": "OLD-D", oops', JSON.stringify(B)].join('\n') + '\n';

t.test('POST /v1/imports: dry run, import, progress, rejections, idempotent re-run, conflicts, CSV', async (t) => {
  const { app, db } = await buildTestApp(t, { clock: fixedClock('2026-11-23T10:00:00Z') });
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const upload = async (body: string, type = 'application/x-ndjson', query = '') => {
    const res = await app.inject({ method: 'POST', url: `/v1/imports${query}`, headers: { ...crm.headers, 'content-type': type }, payload: body });
    t.equal(res.statusCode, 202, res.body);
    for (let i = 0; i < 200; i++) {
      const progress = await app.inject({ method: 'GET', url: `/v1/imports/${res.json().id}`, headers: crm.headers });
      if (progress.json().status === 'done') return progress.json();
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the import never finished');
  };

  const dry = await upload(file, 'application/x-ndjson', '?dryRun=true');
  t.match(dry, { dryRun: true, status: 'done', linesRead: 5, imported: 2, unchanged: 0, rejected: 2 });
  t.notOk(await findComplaintIdByExternalRef(db, crm.organisationId, 'OLD-A'), 'a dry run writes nothing');

  const run = await upload(file);
  t.match(run, { dryRun: false, format: 'ndjson', linesRead: 5, imported: 2, unchanged: 0, rejected: 2 });
  const idA = (await findComplaintIdByExternalRef(db, crm.organisationId, 'OLD-A'))!;
  const a = (await app.inject({ method: 'GET', url: `/v1/complaints/${idA}`, headers: crm.headers })).json();
  t.match(a, { status: 'closed', reference: 'CMP-2025-000001', loggedAt: '2025-06-02T09:00:00.000Z' });
  const due = Object.fromEntries(a.deadlines.map((d: { kind: string; dueDate: string; status: string }) => [d.kind, [d.dueDate, d.status]]));
  t.same(due.stage_1_acknowledgement, ['2025-06-09', 'met']);
  t.same(due.stage_1_response, ['2025-06-18', 'met']);
  t.same(due.stage_2_acknowledgement, ['2025-06-27', 'met']);
  t.same(due.stage_2_response, ['2025-07-22', 'met']);
  const events = (await app.inject({ method: 'GET', url: `/v1/complaints/${idA}/events`, headers: crm.headers })).json().items;
  t.equal(events.length, 7, 'the same events as the live commands');
  t.ok(events.every((e: { actor: string; recordedAt: string }) => e.actor === `import:${run.id}` && e.recordedAt === '2026-11-23T10:00:00.000Z'), 'marked as imported, by its actor');
  t.same(events.map((e: { occurredAt: string }) => e.occurredAt.slice(0, 10)), ['2025-06-02', '2025-06-04', '2025-06-17', '2025-06-20', '2025-06-24', '2025-07-21', '2025-07-22']);
  t.notOk(await findComplaintIdByExternalRef(db, crm.organisationId, 'OLD-C'), 'all or nothing: the refused complaint is not there at all');
  t.ok(await findComplaintIdByExternalRef(db, crm.organisationId, 'OLD-B'));

  const rejections = (await app.inject({ method: 'GET', url: `/v1/imports/${run.id}/rejections`, headers: crm.headers })).json();
  t.match(rejections, {
    items: [
      { line: 3, externalRef: 'OLD-C', problem: { status: 409, code: 'extension_after_due_date', type: 'urn:complaints-api:problem:extension_after_due_date', detail: /^history\[1\] \(extend\): / } },
      { line: 4, externalRef: null, problem: { status: 400, code: 'validation_failed', errors: [{ field: 'line', message: 'is not valid JSON' }] } },
    ],
    nextCursor: null,
  });
  const csv = await app.inject({ method: 'GET', url: `/v1/imports/${run.id}/rejections`, headers: { ...crm.headers, accept: 'text/csv' } });
  t.match(csv.headers['content-type'], /^text\/csv/);
  t.match(csv.body, /^line,externalRef,code,status,detail,errors\r\n3,OLD-C,extension_after_due_date,409,/);
  t.match(csv.body, /\r\n4,,validation_failed,400,line is not valid JSON,line: is not valid JSON\r\n$/);

  const again = await upload(file);
  t.match(again, { imported: 0, unchanged: 2, rejected: 2 }, 're-importing the same file changes nothing');
  t.equal((await app.inject({ method: 'GET', url: `/v1/complaints/${idA}`, headers: crm.headers })).json().version, a.version);

  const differs = await upload(JSON.stringify({ ...A, description: 'Something else' }) + '\n');
  t.match(differs, { imported: 0, unchanged: 0, rejected: 1 });
  const conflict = (await app.inject({ method: 'GET', url: `/v1/imports/${differs.id}/rejections`, headers: crm.headers })).json().items[0];
  t.match(conflict, { line: 1, externalRef: 'OLD-A', problem: { code: 'import_line_differs', status: 409 } });

  const live = await app.inject({ method: 'POST', url: '/v1/complaints', headers: crm.headers, payload: create('LIVE-1', '2026-11-02') });
  t.equal(live.statusCode, 201);
  const overLive = await upload(JSON.stringify(create('LIVE-1', '2026-11-02')) + '\n');
  t.match(overLive, { rejected: 1 });

  const header = 'externalRef,channel,receivedAt,complainantName,description,outcomesSought,acknowledgedAt,handler,definition,respondedAt,decision,reasons,closedAt';
  const row = 'CSV-1,phone,2025-09-01T10:00:00+01:00,"Smith, Jo",Damp in the bedroom,Treat the damp;Repaint,2025-09-02T10:00:00+01:00,carol,"The damp, and the ""repair""",2025-09-10T10:00:00+01:00,partly_upheld,Part fixed,2025-09-11T10:00:00+01:00';
  const fromCsv = await upload(`${header}\r\n${row}\r\n`, 'text/csv');
  t.match(fromCsv, { format: 'csv', linesRead: 2, imported: 1, rejected: 0 });
  const csvComplaint = (await app.inject({ method: 'GET', url: `/v1/complaints/${(await findComplaintIdByExternalRef(db, crm.organisationId, 'CSV-1'))!}`, headers: crm.headers })).json();
  t.match(csvComplaint, { status: 'closed', channel: 'phone', complainant: { name: 'Smith, Jo' }, definition: 'The damp, and the "repair"', outcomesSought: ['Treat the damp', 'Repaint'] });

  const wrongType = await app.inject({ method: 'POST', url: '/v1/imports', headers: { ...crm.headers, 'content-type': 'application/xml' }, payload: '<x/>' });
  t.equal(wrongType.statusCode, 415);
  const reader = await aKey(db, ['complaints:read'], crm.organisationId);
  const noScope = await app.inject({ method: 'POST', url: '/v1/imports', headers: { ...reader.headers, 'content-type': 'application/x-ndjson' }, payload: file });
  t.equal(noScope.statusCode, 403);
  const other = await aKey(db, ['complaints:read']);
  t.equal((await app.inject({ method: 'GET', url: `/v1/imports/${run.id}`, headers: other.headers })).statusCode, 404, "another landlord's import is not found");
});

t.test('a crashed worker: its lease runs out and another finishes the import, each line once', async (t) => {
  const { db } = await buildTestApp(t, { clock: fixedClock('2026-11-23T10:00:00Z') });
  const crm = await aKey(db, ['complaints:write']);
  const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ ...create(`BULK-${i}`, '2025-05-01'), history: [ack('2025-05-02')] })).join('\n');
  const now = new Date('2026-11-23T10:00:00Z');
  const { id } = await receiveUpload(db, { organisationId: crm.organisationId, format: 'ndjson', dryRun: false, actor: 'test', body: Readable.from([lines]), now: () => now });
  // A worker takes it and dies before doing anything: nobody else may take it while its lease lasts.
  t.ok(await db.transaction().execute((tx) => claimImport(tx, now, 60_000)));
  const options = { calendarFor: calendarCache(ukCalendars), batchSize: 7 };
  t.equal(await processImports(db, { ...options, clock: () => now }), 0, 'held by the lease');
  const later = new Date(now.getTime() + 61_000);
  const finished = await Promise.all([processImports(db, { ...options, clock: () => later }), processImports(db, { ...options, clock: () => later })]);
  t.equal(finished[0] + finished[1], 1, 'one of two instances took it over');
  t.match(await findImport(db, crm.organisationId, id), { status: 'done', imported: 30, unchanged: 0, rejected: 0 });
  const { count } = (await db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('count')).where('organisation_id', '=', crm.organisationId).executeTakeFirstOrThrow());
  t.equal(Number(count), 30);
});

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

t.test('two workers on one import, with live creates meanwhile: each line once, the feed numbered in commit order with no gaps', async (t) => {
  const { app, db, kind } = await buildTestApp(t, { clock: fixedClock('2026-11-23T10:00:00Z') });
  const crm = await aKey(db, ['complaints:read', 'complaints:write']);
  const now = new Date('2026-11-23T10:00:00Z');
  // Receipts over two years, so batches allocate references of both.
  const lines = Array.from({ length: 80 }, (_, i) => line(`PAR-${i}`, i % 2 === 0 ? '2025-05-01' : '2024-05-01')).join('');
  const { id } = await receiveUpload(db, { organisationId: crm.organisationId, format: 'ndjson', dryRun: false, actor: 'test', body: Readable.from([lines]), now: () => now });
  const workers = kind === 'postgres' ? 2 : 1;
  const live = Array.from({ length: 6 }, (_, i) =>
    app.inject({ method: 'POST', url: '/v1/complaints', headers: crm.headers, payload: create(`LIVE-PAR-${i}`, '2025-05-01') }),
  );
  const [finished] = await Promise.all([processImports(db, { clock: () => now, calendarFor: calendarCache(ukCalendars), batchSize: 9, workers }), ...live]);
  t.equal(finished, 1);
  t.match(await findImport(db, crm.organisationId, id), { status: 'done', imported: 80, unchanged: 0, rejected: 0 });
  for (const res of await Promise.all(live)) t.equal(res.statusCode, 201);
  const refs = await db.selectFrom('complaints').select('reference').where('organisation_id', '=', crm.organisationId).execute();
  t.equal(new Set(refs.map((r) => r.reference)).size, 86, 'every reference once');
  const { rows } = await sql<{ sequence: number | null; complaint_id: string; version: number }>`
    select sequence, complaint_id, (data->>'version')::int as version from events where organisation_id = ${crm.organisationId} order by sequence`.execute(db);
  t.equal(rows.length, 80 * 2 + 6, "every complaint's events, once");
  t.same(rows.map((r) => Number(r.sequence)), rows.map((_, i) => i + 1), 'numbered 1..n, no gaps, none missing');
  const last = new Map<string, number>();
  const inOrder = rows.every((r) => {
    const ok = (last.get(r.complaint_id) ?? 0) < r.version;
    last.set(r.complaint_id, r.version);
    return ok;
  });
  t.ok(inOrder, "each complaint's events in the order they happened");
  const head = await sql<{ last_sequence: number }>`select last_sequence from event_sequences where organisation_id = ${crm.organisationId}`.execute(db);
  t.equal(Number(head.rows[0]!.last_sequence), rows.length, 'the counter is where the feed ends');
  const feed = await app.inject({ method: 'GET', url: '/v1/events?limit=500', headers: crm.headers });
  t.equal(feed.statusCode, 200, feed.body);
  t.equal(feed.json().items.length, rows.length, 'the feed serves them all');
});
