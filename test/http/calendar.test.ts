import t from 'tap';
import { findOrganisation, updateOrganisation } from '../../src/store/organisations.ts';
import { aKey, anOrganisation, buildTestApp } from '../helpers/test-app.ts';

t.test('calendar over HTTP, on the real shipped calendars', async (t) => {
  const { app, db } = await buildTestApp(t);
  const { headers } = await aKey(db, ['complaints:read']);
  const scottish = await anOrganisation(db, { name: 'Clyde Homes', division: 'scotland' });
  const scot = await aKey(db, ['complaints:read'], scottish.id);
  const get = (url: string, h = headers) => app.inject({ method: 'GET', url, headers: h });

  await t.test('holidays of a year per division, one-offs included', async (t) => {
    const ni = (await get('/v1/calendar/holidays?division=northern-ireland&year=2026')).json();
    const niDates = ni.holidays.map((h: { date: string }) => h.date);
    t.ok(niDates.includes('2026-03-17'), "St Patrick's Day");
    t.ok(niDates.includes('2026-07-13'), 'Battle of the Boyne, Sunday 12 July moved to Monday 13');
    t.equal(ni.provisional, false);

    const scotland = (await get('/v1/calendar/holidays?year=2026', scot.headers)).json();
    t.equal(scotland.division, 'scotland', "the organisation's division by default");
    const june15 = scotland.holidays.find((h: { date: string }) => h.date === '2026-06-15');
    t.ok(june15, "Scotland's one-off 15 June 2026");
    t.ok(scotland.holidays.some((h: { date: string }) => h.date === '2026-11-30'), "St Andrew's Day");

    const announced = (await get('/v1/calendar/holidays?division=england-and-wales&year=2028')).json();
    t.equal(announced.provisional, false, 'GOV.UK has announced 2028');
    t.same(
      announced.holidays.map((h: { date: string }) => h.date),
      ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
    );
    const later = (await get('/v1/calendar/holidays?division=england-and-wales&year=2029')).json();
    t.equal(later.provisional, true, 'a year past the announced data is provisional');
    t.equal(later.dataEndsOn, '2028-12-31');
    t.ok(later.holidays.every((h: { provisional: boolean }) => h.provisional));

    const wedding = (await get('/v1/calendar/holidays?division=scotland&year=2011')).json();
    t.equal(wedding.provisional, false);
    t.same(wedding.holidays.slice(0, 4), [
      { date: '2011-01-03', title: 'New Year’s Day', provisional: false },
      { date: '2011-01-04', title: '2nd January', provisional: false },
      { date: '2011-04-22', title: 'Good Friday', provisional: false },
      { date: '2011-04-29', title: 'Royal wedding', provisional: false },
    ]);
    t.equal((await get('/v1/calendar/holidays?division=northern-ireland&year=2010')).json().provisional, true, 'before the data');
  });

  await t.test('adding working days across Christmas and New Year 2026-27 differs by division', async (t) => {
    // Wed 23 Dec 2026 + 5, England and Wales: 24 (1); 25 Christmas; 26-27 weekend; 28 Boxing
    // Day substitute; 29 (2), 30 (3), 31 (4); 1 Jan New Year; 2-3 weekend; Mon 4 Jan (5).
    const ew = (await get('/v1/calendar/working-days/add?from=2026-12-23&days=5&division=england-and-wales')).json();
    t.equal(ew.result, '2027-01-04');
    t.equal(ew.provisional, false);
    // Scotland also has 2 January, a Saturday in 2027, so Monday 4 January is its substitute: Tue 5 Jan.
    const sc = (await get('/v1/calendar/working-days/add?from=2026-12-23&days=5&division=scotland')).json();
    t.equal(sc.result, '2027-01-05');
  });

  await t.test('explain lists each day counted or skipped and why', async (t) => {
    const res = (await get('/v1/calendar/working-days/add?from=2026-12-23&days=5&division=england-and-wales&explain=true')).json();
    t.same(res.steps.slice(0, 6), [
      { date: '2026-12-24', counted: true, workingDayNumber: 1 },
      { date: '2026-12-25', counted: false, reason: 'bank_holiday', holiday: 'Christmas Day' },
      { date: '2026-12-26', counted: false, reason: 'weekend' },
      { date: '2026-12-27', counted: false, reason: 'weekend' },
      { date: '2026-12-28', counted: false, reason: 'bank_holiday', holiday: 'Boxing Day' },
      { date: '2026-12-29', counted: true, workingDayNumber: 2 },
    ]);
    t.equal(res.steps.at(-1).date, '2027-01-04');
    t.equal(res.steps.length, 12);
  });

  await t.test('a start on a non-working day counts from the next working day (domain §4)', async (t) => {
    // Sat 26 Dec 2026: 27 Sunday, 28 Boxing Day substitute, so day 0 is Tue 29.
    const zero = (await get('/v1/calendar/working-days/add?from=2026-12-26&days=0')).json();
    t.match(zero, { from: '2026-12-26', startsOn: '2026-12-29', days: 0, result: '2026-12-29' });
    t.equal((await get('/v1/calendar/working-days/add?from=2026-12-26&days=1')).json().result, '2026-12-30');
    t.equal((await get('/v1/calendar/working-days/add?from=2026-12-23&days=0')).json().result, '2026-12-23', 'a working day is its own day 0');
    // The service's own deadline for a complaint received on Saturday 5 December 2026: acknowledge
    // within 5 working days of receipt, day 0 Monday 7, so Monday 14.
    t.equal((await get('/v1/calendar/working-days/add?from=2026-12-05&days=5')).json().result, '2026-12-14');
    t.equal((await get('/v1/calendar/working-days/between?from=2026-12-05&to=2026-12-14')).json().workingDays, 5);
    t.equal((await get('/v1/calendar/working-days/between?from=2026-12-05&to=2026-12-06')).json().workingDays, 0, 'Saturday to Sunday');
    t.equal((await get('/v1/calendar/working-days/add?from=2026-12-06&days=-1')).json().result, '2026-12-04', 'Sunday back one: Friday');
    const steps = (await get('/v1/calendar/working-days/add?from=2026-12-26&days=1&explain=true')).json().steps;
    t.same(steps.slice(2), [
      { date: '2026-12-29', counted: false, workingDayNumber: 0 },
      { date: '2026-12-30', counted: true, workingDayNumber: 1 },
    ]);
  });

  await t.test('n = 0, counting back, between inverts add, provisional spans', async (t) => {
    t.equal((await get('/v1/calendar/working-days/add?from=2024-02-29&days=0')).json().result, '2024-02-29', 'n = 0 is the start');
    // Mon 4 Jan 2027 - 5 back: 31, 30, 29 Dec; skip 28, 27, 26, 25; 24, 23 Dec.
    t.equal((await get('/v1/calendar/working-days/add?from=2027-01-04&days=-5')).json().result, '2026-12-23');
    const between = (await get('/v1/calendar/working-days/between?from=2026-12-23&to=2027-01-04')).json();
    t.equal(between.workingDays, 5);
    t.equal((await get('/v1/calendar/working-days/between?from=2027-01-04&to=2026-12-23')).json().workingDays, -5);
    t.equal((await get('/v1/calendar/working-days/add?from=2027-12-20&days=10')).json().provisional, false, 'into 2028, announced');
    t.equal((await get('/v1/calendar/working-days/add?from=2028-12-20&days=10')).json().provisional, true, 'runs into 2029');
    t.equal((await get('/v1/calendar/working-days/between?from=2028-12-20&to=2029-01-10')).json().provisional, true);
    t.equal((await get('/v1/calendar/working-days/add?from=2028-02-29&days=1')).json().result, '2028-03-01', 'leap day 2028');
  });

  await t.test('impossible dates, unknown divisions and absurd counts are 400 problems that name the field', async (t) => {
    const cases: [string, string][] = [
      ['/v1/calendar/working-days/add?from=2025-02-30&days=5', 'query.from'],
      ['/v1/calendar/working-days/add?from=2025-02-29&days=5', 'query.from'],
      ['/v1/calendar/working-days/add?from=2026-12-23&days=-2501', 'query.days'],
      ['/v1/calendar/working-days/add?from=2026-12-23&days=', 'query.days'],
      ['/v1/calendar/working-days/add?from=2026-12-23', 'query.days'],
      ['/v1/calendar/working-days/add?from=2026-12-23&days=1&days=2', 'query.days'],
      ['/v1/calendar/working-days/add?from=2026-12-23&days=5&division=', 'query.division'],
      ['/v1/calendar/working-days/between?from=2026-12-23', 'query.to'],
      ['/v1/calendar/working-days/between?from=2026-12-23&to=2026-12-24&division=Scotland', 'query.division'],
      ['/v1/calendar/holidays?year=2026&division=wales', 'query.division'],
      ['/v1/calendar/working-days/add?from=2025-13-01&days=5', 'query.from'],
      ['/v1/calendar/working-days/add?from=23/12/2026&days=5', 'query.from'],
      ['/v1/calendar/working-days/add?from=2026-12-23&days=100000', 'query.days'],
      ['/v1/calendar/working-days/add?from=2026-12-23&days=2.5', 'query.days'],
      ['/v1/calendar/working-days/add?from=2026-12-23&days=5&division=wales', 'query.division'],
      ['/v1/calendar/working-days/add?days=5', 'query.from'],
      ['/v1/calendar/working-days/between?from=2024-02-30&to=2024-03-01', 'query.from'],
      ['/v1/calendar/holidays?year=1850', 'query.year'],
      ['/v1/calendar/holidays', 'query.year'],
    ];
    for (const [url, field] of cases) {
      const res = await get(url);
      t.equal(res.statusCode, 400, url);
      t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      t.equal(res.json().code, 'validation_failed', url);
      t.ok(res.json().errors.some((e: { field: string }) => e.field.startsWith(field)), `${url} names ${field}`);
    }
    t.equal((await get('/v1/calendar/working-days/add?from=2024-02-29&days=1')).json().result, '2024-03-01', 'a real leap day is fine');
  });

  await t.test('dates beyond the supported range are refused, not guessed, naming the field', async (t) => {
    const cases: [string, string][] = [
      ['/v1/calendar/working-days/add?from=2100-12-20&days=2000', 'query.days'],
      ['/v1/calendar/working-days/add?from=2000-01-04&days=-5', 'query.days'],
      ['/v1/calendar/working-days/add?from=2100-12-20&days=2000&explain=true', 'query.days'],
      ['/v1/calendar/working-days/add?from=1999-12-31&days=1', 'query.from'],
      ['/v1/calendar/working-days/add?from=2101-01-03&days=0&explain=true', 'query.from'],
      ['/v1/calendar/working-days/between?from=2026-12-23&to=2101-01-01', 'query.to'],
      ['/v1/calendar/working-days/between?from=1999-06-01&to=2026-12-23', 'query.from'],
    ];
    for (const [url, field] of cases) {
      const res = await get(url);
      t.equal(res.statusCode, 400, url);
      t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      t.equal(res.json().code, 'out_of_range', url);
      t.same(res.json().errors.map((e: { field: string }) => e.field), [field], `${url} names ${field}`);
    }
  });

  await t.test("without ?division= the caller's own closure days count too", async (t) => {
    const organisation = await findOrganisation(db, scot.organisationId);
    const closures = [{ date: '2026-12-29', reason: 'Christmas closure' }, { date: '2026-12-30', reason: 'Christmas closure' }];
    await updateOrganisation(db, scot.organisationId, { ...organisation!, closureDays: closures }, undefined, new Date('2026-11-01T00:00:00Z'));
    // Scotland from Wed 23 Dec 2026 + 5: 24 (1); 25 Christmas; 26-27 weekend; 28 Boxing Day
    // substitute; 29, 30 closed; 31 (2); 1 Jan; 2-3 weekend; 4 Jan substitute for 2 January;
    // 5 (3), 6 (4), 7 Jan (5).
    const own = (await get('/v1/calendar/working-days/add?from=2026-12-23&days=5&explain=true', scot.headers)).json();
    t.equal(own.result, '2027-01-07');
    t.ok(own.steps.some((s: { date: string; reason?: string }) => s.date === '2026-12-29' && s.reason === 'closure_day'), 'named as a closure day');
    const plain = (await get('/v1/calendar/working-days/add?from=2026-12-23&days=5&division=scotland', scot.headers)).json();
    t.equal(plain.result, '2027-01-05', 'an explicit division is the bank holidays alone');
  });

  await t.test('scopes: an intake-only key cannot read the calendar', async (t) => {
    const intake = await aKey(db, ['intake:create']);
    t.equal((await get('/v1/calendar/holidays?year=2026', intake.headers)).statusCode, 403);
    t.equal((await app.inject({ method: 'GET', url: '/v1/calendar/holidays?year=2026' })).statusCode, 401);
  });
});
