import t from 'tap';
import { runSweep } from '../../src/jobs/sweep.ts';
import { lumenLandlord } from '../jobs/sweep-fixtures.ts';

// The sweep's events reach the feed: a breach, a due-soon and an auto-close, each once
// however many sweeps run, in the transaction that recorded them.
t.test('deadline.breached, deadline.due_soon and complaint.auto_closed are in the feed, once', async (t) => {
  const l = await lumenLandlord(t);
  const responded = await l.log('2026-11-02');
  await l.acknowledge(responded, '2026-11-03');
  await l.respond(responded, '2026-11-04');
  const late = await l.log('2026-11-30');
  const soon = await l.log('2026-12-03');
  const thursday = new Date('2026-12-10T07:00:00Z');
  await runSweep(l.db, { now: thursday, calendarFor: l.calendarFor });
  await runSweep(l.db, { now: thursday, calendarFor: l.calendarFor });
  const feed = (await l.get('/v1/events?limit=500')) as { items: { type: string; sequence: number; data: { complaintId: string; reference: string; change: { kind?: string; dueDate?: string } } }[] };
  const of = (type: string) => feed.items.filter((e) => e.type === type);
  t.match(of('deadline.breached'), [{ data: { complaintId: late, change: { kind: 'stage_1_acknowledgement', dueDate: '2026-12-07' } } }]);
  t.ok(of('deadline.due_soon').some((e) => e.data.complaintId === soon), 'due soon');
  t.match(of('complaint.auto_closed'), [{ data: { complaintId: responded, change: { reason: 'auto_close' } } }], 'one auto-close, as its own type');
  t.equal(of('complaint.closed').length, 0, 'not also as a plain close');
  t.same(feed.items.map((e) => e.sequence), feed.items.map((_, i) => i + 1), 'numbered in order');
});
