import t from 'tap';
import { aKey, anOrganisation, buildTestApp } from '../helpers/test-app.ts';

const settings = {
  name: 'Riverside Homes',
  division: 'england-and-wales',
  homes: [
    { financialYear: 2025, homes: 12450 },
    { financialYear: 2026, homes: 12510 },
  ],
  closureDays: [{ date: '2026-12-29', reason: 'Christmas closure' }],
  complaintsContact: { email: 'complaints@riverside.example', phone: '0161 000 0000', address: null, website: 'https://riverside.example/complaints' },
  ombudsman: { name: 'Housing Ombudsman Service', phone: '0300 111 3000', email: 'info@housing-ombudsman.org.uk', website: 'https://www.housing-ombudsman.org.uk' },
  intakeOrigins: ['https://www.riverside.example'],
};

t.test('organisation settings: read, replace with If-Match, validate', async (t) => {
  const { app, db } = await buildTestApp(t);
  const admin = await aKey(db, ['admin', 'complaints:read']);
  const headers = admin.headers;

  const initial = await app.inject({ method: 'GET', url: '/v1/organisation', headers });
  t.equal(initial.statusCode, 200);
  t.equal(initial.headers.etag, '"1"');
  t.equal(initial.json().ombudsman.name, 'Housing Ombudsman Service', 'the division’s ombudsman by default');
  t.same(initial.json().homes, []);

  const put = await app.inject({ method: 'PUT', url: '/v1/organisation', headers: { ...headers, 'if-match': '"1"' }, payload: settings });
  t.equal(put.statusCode, 200);
  t.equal(put.headers.etag, '"2"');
  t.match(put.json(), { ...settings, version: 2 });

  const stale = await app.inject({ method: 'PUT', url: '/v1/organisation', headers: { ...headers, 'if-match': '"1"' }, payload: { ...settings, name: 'Lost update' } });
  t.equal(stale.statusCode, 412);
  t.equal(stale.json().code, 'stale_version');
  t.equal((await app.inject({ method: 'GET', url: '/v1/organisation', headers })).json().name, 'Riverside Homes', 'the stale write changed nothing');

  const cases: [object, string, string][] = [
    [{ ...settings, intakeOrigins: ['https://www.riverside.example/form'] }, 'invalid_organisation', 'body.intakeOrigins.0'],
    [{ ...settings, homes: [{ financialYear: 2025, homes: 1 }, { financialYear: 2025, homes: 2 }] }, 'invalid_organisation', 'body.homes'],
    [{ ...settings, closureDays: [{ date: '2026-02-30', reason: 'x' }] }, 'validation_failed', 'body.closureDays.0.date'],
    [{ ...settings, division: 'wales' }, 'validation_failed', 'body.division'],
    [{ ...settings, homes: [{ financialYear: 2025, homes: -5 }] }, 'validation_failed', 'body.homes.0.homes'],
  ];
  for (const [body, code, field] of cases) {
    const res = await app.inject({ method: 'PUT', url: '/v1/organisation', headers, payload: body });
    t.equal(res.statusCode, 400, field);
    t.equal(res.json().code, code, field);
    t.ok(res.json().errors.some((e: { field: string }) => e.field.startsWith(field)), `names ${field}`);
  }
  const badIfMatch = await app.inject({ method: 'PUT', url: '/v1/organisation', headers: { ...headers, 'if-match': 'yesterday' }, payload: settings });
  t.equal(badIfMatch.statusCode, 400);
  t.equal(badIfMatch.json().code, 'invalid_if_match');

  const reader = await aKey(db, ['complaints:read'], admin.organisationId);
  t.equal((await app.inject({ method: 'PUT', url: '/v1/organisation', headers: reader.headers, payload: settings })).statusCode, 403);
  t.equal((await app.inject({ method: 'GET', url: '/v1/organisation', headers: reader.headers })).statusCode, 200);

  const other = await anOrganisation(db, { name: 'Other Homes' });
  const theirs = await aKey(db, ['admin', 'complaints:read'], other.id);
  const theirView = (await app.inject({ method: 'GET', url: '/v1/organisation', headers: theirs.headers })).json();
  t.equal(theirView.name, 'Other Homes', 'each key sees only its own organisation');
  t.same(theirView.homes, []);
});
