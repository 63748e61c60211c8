import t from 'tap';
import { calendarCache } from '../../src/domain/calendar/index.ts';
import { receiveUpload } from '../../src/app/imports/receive-upload.ts';
import { processImports } from '../../src/jobs/imports.ts';
import { findComplaintIdByExternalRef } from '../../src/store/complaints.ts';
import { claimImport, findImport } from '../../src/store/imports.ts';
import { Readable } from 'node:stream';
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
