import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import t from 'tap';
import { fanOut } from '../../src/store/webhook-deliveries.ts';
import { aKey, buildTestApp, movableClock } from '../helpers/test-app.ts';
import { buildReportsDataset } from '../http/reports-dataset.ts';

// A subject access request and an erasure through the API, end to end, on the landlord of
// the reports dataset (so the regulator's figures have something to count): the export
// finds every copy, holds refuse, the reports are the same before and after, and a
// pg_dump of the whole database afterwards holds none of the resident's data.

const JANE = {
  name: 'Jane Doughty',
  email: 'Jane.Doughty@example.org',
  phone: '07700 900123',
  address: '14 Weaver Street, Leeds LS6 2QT',
  tenancyRef: 'TEN-88231',
  residentRef: 'RES-4410',
  propertyRef: 'PROP-77120',
};
const REP = 'Robert Reprise';
const ACCOUNT = 'Black mould in the back bedroom since January and nobody came';
const CONTACT = 'Rang Jane about the mould survey; she asked for a morning visit';
const SECRETS = [JANE.name, JANE.email, JANE.phone, JANE.address, JANE.tenancyRef, JANE.residentRef, JANE.propertyRef, REP, ACCOUNT, CONTACT, 'asthma'];

const pgDump = ['/usr/lib/postgresql/15/bin/pg_dump', '/usr/bin/pg_dump'].find(existsSync);

t.test('search, export, holds, erasure; the figures stay and no copy is left', async (t) => {
  const clock = movableClock('2025-03-01T09:00:00Z');
  const { app, db, url } = await buildTestApp(t, { clock });
  const { crm } = await buildReportsDataset(app, db, clock);
  const privacy = await aKey(db, ['privacy:manage'], crm.organisationId);
  const reader = await aKey(db, ['complaints:read'], crm.organisationId);
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: object, headers: Record<string, string> = crm.headers, at?: string) => {
    if (at) clock.set(at);
    return app.inject({ method, url: path, headers, ...(payload ? { payload } : {}) });
  };
  const ok = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: object, at?: string, headers: Record<string, string> = crm.headers) => {
    const res = await call(method, path, payload, headers, at);
    if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  // A webhook subscription, so the complaint's events are copied into deliveries too.
  await ok('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['*'] });
  // J: Jane's complaint, through her representative, with a vulnerability; answered and closed in April 2025.
  const j = await ok('POST', '/v1/complaints', {
    channel: 'email', receivedAt: '2025-04-10T09:00:00Z', complainant: JANE, description: ACCOUNT, category: 'repairs', serviceArea: 'maintenance',
    representative: { name: REP, relationship: 'brother', consentDate: '2025-04-09' },
    vulnerability: { needs: ['asthma'], reasonableAdjustments: ['morning visits only'], disabilityDisclosed: true },
  }, '2025-04-10T09:00:00Z');
  await ok('POST', `/v1/complaints/${j.id}/acknowledge`, { definition: `Mould reported by ${JANE.name}`, outcomesSought: ['Treat the mould'], handler: 'alice' }, '2025-04-11T09:00:00Z');
  await ok('POST', `/v1/complaints/${j.id}/contacts`, { direction: 'outbound', channel: 'phone', summary: CONTACT }, '2025-04-12T09:00:00Z');
  await ok('POST', `/v1/complaints/${j.id}/respond`, {
    stage: 1, definition: 'The mould', decisions: [{ matterId: 'm1', outcome: 'upheld', reasons: `Survey at ${JANE.address} found mould` }],
    remedies: [{ type: 'repair_or_action', description: 'Mould wash and new extractor fan' }], outstandingActions: [], escalationExplained: true,
  }, '2025-04-20T09:00:00Z');
  await ok('POST', `/v1/complaints/${j.id}/close`, { reason: 'resolved_at_stage_1' }, '2025-04-21T09:00:00Z');
  await fanOut(db, new Date('2025-04-21T10:00:00Z'));

  // Within a year of the landlord's final word the resident may still go to the Ombudsman.
  const early = await call('POST', '/v1/data-subjects/erasures', { email: JANE.email }, privacy.headers, '2025-06-01T09:00:00Z');
  t.equal(early.statusCode, 409, early.body);
  t.match(early.json(), { code: 'legal_hold', errors: [{ field: `complaints.${j.reference}`, message: /^ombudsman_referral_window: .*2026-04-21/ }] });

  // K: Jane again, by phone with another spelling of her number, still open in November 2026.
  const k = await ok('POST', '/v1/complaints', { channel: 'phone', receivedAt: '2026-11-02T09:00:00Z', complainant: { name: JANE.name, phone: '+44 7700 900123' }, description: 'The fan is noisy' }, '2026-11-02T09:00:00Z');
  clock.set('2026-11-23T10:00:00Z');

  // I: her complaint of March 2025 from the CRM's history, imported; and a line about her the import refused. Both lines are kept.
  const at = (day: string) => `${day}T09:00:00Z`;
  const imported = (ref: string, history: object[]) => JSON.stringify({
    externalRef: ref, channel: 'letter', receivedAt: at('2025-03-03'), complainant: { name: JANE.name, phone: JANE.phone, address: JANE.address }, description: ACCOUNT, history,
  });
  const ackI = { command: 'acknowledge', occurredAt: at('2025-03-04'), definition: 'The mould', outcomesSought: ['Treat it'], handler: 'alice' };
  const answered = [
    ackI,
    { command: 'respond', occurredAt: at('2025-03-14'), stage: 1, definition: 'The mould', decisions: [{ matterId: 'm1', outcome: 'upheld', reasons: 'Mould found' }], remedies: [], outstandingActions: [], escalationExplained: true },
    { command: 'close', occurredAt: at('2025-03-17'), reason: 'resolved_at_stage_1' },
  ];
  const late = [ackI, { command: 'extend', occurredAt: at('2025-04-30'), reason: 'Survey', residentToldAt: at('2025-04-30'), ombudsmanDetailsGiven: true, newDueDate: '2025-05-14' }];
  const upload = await app.inject({ method: 'POST', url: '/v1/imports', headers: { ...crm.headers, 'content-type': 'application/x-ndjson' }, payload: `${imported('IMP-J1', answered)}\n${imported('IMP-J2', late)}\n` });
  t.equal(upload.statusCode, 202, upload.body);
  for (let i = 0; i < 200 && (await ok('GET', `/v1/imports/${upload.json().id}`)).status !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
  t.match(await ok('GET', `/v1/imports/${upload.json().id}`), { status: 'done', imported: 1, rejected: 1 });
  const i = (await ok('GET', '/v1/complaints?limit=500')).items.find((c: { externalRef: string | null }) => c.externalRef === 'IMP-J1');

  const search = await ok('POST', '/v1/data-subjects/search', { phone: '07700900123' }, undefined, privacy.headers);
  t.same(search.items.map((h: { reference: string; subject: string; matchedOn: string[] }) => [h.reference, h.subject, h.matchedOn]), [i.reference, j.reference, k.reference].map((r) => [r, 'complainant', ['phone']]));
  const asRep = await ok('POST', '/v1/data-subjects/search', { name: ' robert  REPRISE', postcode: 'ls62qt' }, undefined, privacy.headers);
  t.same(asRep.items.map((i: { reference: string; subject: string }) => [i.reference, i.subject]), [[j.reference, 'representative']], 'a representative, by name and postcode');
  t.equal((await call('POST', '/v1/data-subjects/search', { name: JANE.name }, privacy.headers)).statusCode, 400, 'a name alone identifies nobody');
  t.equal((await call('POST', '/v1/data-subjects/search', { email: JANE.email }, reader.headers)).statusCode, 403, 'complaints:read is not enough');
  t.equal((await call('POST', '/v1/data-subjects/search', { email: JANE.email }, crm.headers)).statusCode, 200, 'admin may');

  // Reading a vulnerable resident's complaint is recorded.
  await ok('GET', `/v1/complaints/${j.id}`, undefined, undefined, reader.headers);

  // The export, kept as a stored Idempotency-Key answer (one more copy the erasure must find).
  const exportRes = await call('POST', '/v1/data-subjects/exports', { email: 'jane.doughty@EXAMPLE.org' }, { ...privacy.headers, 'idempotency-key': 'sar-1' });
  t.equal(exportRes.statusCode, 201, exportRes.body.slice(0, 300));
  const doc = exportRes.json();
  t.equal(doc.requestedBy, privacy.key.id);
  t.equal(doc.exportedAt, '2026-11-23T10:00:00.000Z');
  t.same(doc.complaints.map((c: { reference: string }) => c.reference), [j.reference], 'K has no email: matched by email, only J');
  t.equal(doc.complaints[0].record.complainant.email, JANE.email);
  t.equal(doc.complaints[0].record.representative.name, '[redacted: another person]');
  t.match(doc.leftOut, [{ reference: j.reference, what: /representative/, reason: /another person/ }]);
  t.ok(doc.events.length >= 5 && doc.events.every((e: { complaintId: string }) => e.complaintId === j.id), 'every event of J');
  t.match(doc.contacts, [{ complaintId: j.id, summary: CONTACT }]);
  t.match(doc.remedies, [{ complaintId: j.id, type: 'repair_or_action' }]);
  t.ok(doc.webhookPayloads.length >= 5, `webhook payloads: ${doc.webhookPayloads.length}`);
  t.notOk(JSON.stringify(doc).includes(REP), "the representative's name appears nowhere in the resident's export");
  t.match(doc.csv.contacts, new RegExp(`^complaintId,[a-z,]+\\r\\n${j.id},.*${CONTACT}`), 'contacts as CSV');
  t.match(doc.csv.complaints, /Jane\.Doughty@example\.org/);

  const reports = async () => Promise.all(['/v1/reports/tsm?year=2025', '/v1/reports/performance?from=2025-04-01&to=2026-03-31', '/v1/reports/self-assessment?year=2025', '/v1/reports/tsm/cases?year=2025&measure=CH02&stage=1'].map(async (path) => (await ok('GET', path)) as unknown));
  const before = await reports();

  // Refused while K is open, and while an admin holds J; nothing changes.
  const refused = await call('POST', '/v1/data-subjects/erasures', { phone: JANE.phone }, privacy.headers);
  t.equal(refused.statusCode, 409);
  t.match(refused.json().errors, [{ field: `complaints.${k.reference}`, message: /^complaint_open/ }]);
  await ok('POST', `/v1/complaints/${k.id}/withdraw`, { reason: 'Fan fixed' });
  const held = await ok('PUT', `/v1/complaints/${j.id}/legal-hold`, { reason: 'Disrepair claim filed at court' }, undefined, privacy.headers);
  t.match(held.holds, [{ code: 'admin_hold' }]);
  t.equal((await call('POST', '/v1/data-subjects/erasures', { phone: JANE.phone }, privacy.headers)).json().errors[0].message, 'admin_hold: held by an administrator: Disrepair claim filed at court');
  t.same((await ok('DELETE', `/v1/complaints/${j.id}/legal-hold`, undefined, undefined, privacy.headers)).holds, []);

  const erasure = await call('POST', '/v1/data-subjects/erasures', { phone: JANE.phone }, { ...privacy.headers, 'idempotency-key': 'erase-1' });
  t.equal(erasure.statusCode, 201, erasure.body);
  const erased = erasure.json();
  t.same(erased.complaints.map((c: { reference: string; subject: string }) => [c.reference, c.subject]), [i.reference, j.reference, k.reference].map((r) => [r, 'complainant']));
  t.ok(erased.complaints[0].copies.import_lines >= 1, `the import lines rewritten: ${JSON.stringify(erased.complaints[0].copies)}`);
  const copies = (table: string) => erased.complaints.reduce((n: number, c: { copies: Record<string, number> }) => n + (c.copies[table] ?? 0), 0);
  t.ok(copies('idempotency_keys') >= 1 && copies('webhook_deliveries') >= 3 && copies('events') >= 3, `copies rewritten: ${JSON.stringify(erased.complaints.map((c: { copies: object }) => c.copies))}`);
  const replay = await call('POST', '/v1/data-subjects/erasures', { phone: JANE.phone }, { ...privacy.headers, 'idempotency-key': 'erase-1' });
  t.equal(replay.headers['idempotent-replayed'], 'true');
  t.same(replay.json(), erased, 'a retry replays the answer');
  t.equal((await call('POST', '/v1/data-subjects/erasures', { phone: JANE.phone }, privacy.headers)).json().code, 'no_personal_data_found', 'and a new request finds nothing left');

  const after = await ok('GET', `/v1/complaints/${j.id}`);
  t.match(after, { status: 'closed', category: 'repairs', serviceArea: 'maintenance', complainant: { name: '[erased]', email: '[erased]' }, description: '[erased]' });
  t.equal(after.responses.stage1.decisions[0].outcome, 'upheld', 'decisions kept');
  const history = await ok('GET', `/v1/complaints/${j.id}/events?limit=500`);
  const erasureEvent = history.items.at(-1);
  t.match(erasureEvent, { type: 'complaint.personal_data_erased', actor: privacy.key.id, data: { reason: 'erasure_request', subject: 'complainant', requestId: erased.id } });
  t.ok(erasureEvent.data.categories.includes('contact_details'));

  t.same(await reports(), before, 'TSM, cases, performance and self-assessment: the same before and after');

  const audit = await ok('GET', '/v1/audit?limit=2');
  t.equal(audit.items.length, 2);
  const all = [...audit.items];
  for (let cursor = audit.nextCursor; cursor; ) {
    const page = await ok('GET', `/v1/audit?limit=2&cursor=${encodeURIComponent(cursor)}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  }
  const actions = all.map((r: { action: string }) => r.action);
  for (const action of ['erasure', 'export', 'search', 'read_sensitive', 'legal_hold_set', 'legal_hold_released']) t.ok(actions.includes(action), `the access record has ${action}`);
  t.match(all.find((r: { action: string; actor: string }) => r.action === 'read_sensitive' && r.actor === reader.key.id), { complaintIds: [j.id], detail: { via: 'getComplaint' } });
  t.same((await ok('GET', `/v1/audit?action=export&complaintId=${j.id}`)).items.map((r: { actor: string }) => r.actor), [privacy.key.id]);
  t.equal((await call('GET', '/v1/audit?cursor=nonsense')).statusCode, 400);
  t.equal((await call('GET', '/v1/audit', undefined, privacy.headers)).statusCode, 403, 'the access record is for admins');
  t.notOk(JSON.stringify(all).toLowerCase().includes('doughty'), 'the access record holds none of her details');

  const skip = url && pgDump ? false : 'needs a real PostgreSQL server and pg_dump';
  await t.test('a pg_dump of the whole database holds none of her data', { skip }, async (t) => {
    const { stdout } = await promisify(execFile)(pgDump!, ['--no-owner', url!], { maxBuffer: 256 * 1024 * 1024 });
    t.ok(stdout.includes(j.reference), 'the dump has the complaint');
    const dump = stdout.toLowerCase();
    for (const secret of SECRETS) {
      const at = dump.indexOf(secret.toLowerCase());
      t.equal(at, -1, `"${secret}" is nowhere in the dump`, at < 0 ? {} : { diagnostic: true, near: dump.slice(Math.max(0, at - 200), at + 50) });
    }
    t.equal(dump.split('07700900123').length - 1, 0, 'nor the phone number in any spelling');
  });
});
