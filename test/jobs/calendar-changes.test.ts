import t from 'tap';
import { loadBankHolidayFeed } from '../../src/config.ts';
import { buildUkCalendars, calendarCache } from '../../src/domain/calendar/index.ts';
import { runSweep } from '../../src/jobs/sweep.ts';
import { aKey, buildTestApp, movableClock, ukCalendars } from '../helpers/test-app.ts';

// The sweep notices a calendar that is not the one a landlord's deadlines were counted on,
// and re-plans its open complaints without anyone running deadlines:recompute.
// Code 2024 preset, England and Wales. Received Mon 14 Dec 2026, acknowledged Tue 15 Dec:
// respond within 16, 17, 18, 21, 22, 23, 24, [25, 26-27, 28], 29, 30, 31 Dec → Thu 31 Dec.
t.test('the sweep re-plans deadlines when closure days or bank holidays change', async (t) => {
  const clock = movableClock('2026-12-14T10:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const crm = await aKey(db, ['complaints:read', 'complaints:write', 'admin']);
  const send = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: crm.headers, ...(payload ? { payload } : {}) });
  const { id } = (await send('POST', '/v1/complaints', { channel: 'email', receivedAt: '2026-12-14T09:00:00Z', complainant: { name: 'Ada' }, description: 'Damp' })).json();
  clock.set('2026-12-15T10:00:00Z');
  await send('POST', `/v1/complaints/${id}/acknowledge`, { definition: 'Damp', outcomesSought: ['Fix'], handler: 'alice' });
  const responseDue = async () => (await send('GET', `/v1/complaints/${id}/deadlines`)).json().items.find((d: { kind: string }) => d.kind === 'stage_1_response').dueDate;
  const sweep = (calendarFor = calendarCache(ukCalendars)) => runSweep(db, { now: new Date('2026-12-16T07:00:00Z'), calendarFor });
  t.equal(await responseDue(), '2026-12-31');
  t.match(await sweep(), { deadlinesRecomputed: 0 }, 'the first sweep notes the calendar; nothing moves');

  const { name, division, homes, complaintsContact, ombudsman, intakeOrigins } = (await send('GET', '/v1/organisation')).json();
  const settings = { name, division, homes, complaintsContact, ombudsman, intakeOrigins };
  const closureDays = [{ date: '2026-12-29', reason: 'Christmas closure' }, { date: '2026-12-30', reason: 'Christmas closure' }, { date: '2026-12-31', reason: 'Christmas closure' }];
  t.equal((await send('PUT', '/v1/organisation', { ...settings, closureDays })).statusCode, 200);
  // With 29-31 Dec closed: 16-18, 21-24 (7), [25 Dec - 3 Jan], 4, 5, Wed 6 Jan (10).
  t.match(await sweep(), { deadlinesRecomputed: 1 }, 'the next sweep re-plans it');
  t.equal(await responseDue(), '2027-01-06');
  const events = (await send('GET', `/v1/complaints/${id}/events`)).json().items;
  t.match(events.at(-1), { type: 'complaint.deadlines_recomputed', data: { changes: [{ kind: 'stage_1_response', from: '2026-12-31', to: '2027-01-06' }] } });
  t.match(await sweep(), { deadlinesRecomputed: 0 }, 'once');

  // A bank holiday announced later, Mon 4 Jan 2027, in a newly deployed feed: the response moves to Thu 7 Jan.
  const feed = loadBankHolidayFeed();
  const extra = { ...feed, 'england-and-wales': { ...feed['england-and-wales'], events: [...feed['england-and-wales'].events, { title: 'Extra bank holiday', date: '2027-01-04', notes: '', bunting: true }] } };
  t.match(await sweep(calendarCache(buildUkCalendars(extra))), { deadlinesRecomputed: 1 });
  t.equal(await responseDue(), '2027-01-07');
});
