import t from 'tap';
import { answer, startReceiver } from './receiver.ts';
import { aComplaint, webhookApp } from './harness.ts';

type Delivery = { status: string; attempts: { responseStatus: number | null; error: string | null; outcome: string }[]; nextAttemptAt: string | null; eventId: string };

t.test('retries after failures and a hang, with the same webhook-id, until delivered', async (t) => {
  const h = await webhookApp(t);
  const receiver = await startReceiver(t, answer(500, 'down for maintenance'));
  const hook = (await h.inject('POST', '/v1/webhooks', { url: receiver.url, events: ['complaint.logged'] })).json();
  const deliveries = async () => (await h.inject('GET', `/v1/webhooks/${hook.id}/deliveries`)).json().items as Delivery[];
  await h.inject('POST', '/v1/complaints', aComplaint('CRM-1'));

  t.match(await h.worker(), { attempted: 1, failed: 1 });
  let [d] = await deliveries();
  t.match(d, { status: 'pending', attempts: [{ responseStatus: 500, outcome: 'failed' }] });
  const wait1 = Date.parse(d?.nextAttemptAt ?? '') - h.clock().getTime();
  t.ok(wait1 > 5000 && wait1 <= 10000, `first retry in 5-10 s (${wait1} ms)`);
  t.match(await h.worker(), { attempted: 0 }, 'not due yet');

  h.clock.advance(10_001);
  receiver.respondWith(() => undefined); // hangs: never answers
  const hung = await h.worker({ timeoutMs: 300 });
  t.match(hung, { attempted: 1, failed: 1 });
  [d] = await deliveries();
  t.match(d?.attempts[1], { responseStatus: null, error: 'timed out after 300 ms' });
  const wait2 = Date.parse(d?.nextAttemptAt ?? '') - h.clock().getTime();
  t.ok(wait2 > 10_000 && wait2 <= 20_000, `backoff doubles (${wait2} ms)`);

  h.clock.advance(20_001);
  receiver.respondWith(answer(204, ''));
  t.match(await h.worker(), { attempted: 1, delivered: 1 });
  [d] = await deliveries();
  t.equal(d?.status, 'delivered');
  t.equal(d?.attempts.length, 3);
  t.equal(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size, 1, 'one webhook-id on every attempt');
  t.equal(new Set(receiver.received.map((r) => r.headers['webhook-timestamp'])).size, 3, 'each attempt signed afresh');
  t.equal((await h.inject('GET', `/v1/webhooks/${hook.id}`)).json().failingSince, null, 'a success ends the failing streak');
});

t.test('410 Gone disables the subscription at once, and an event says so', async (t) => {
  const h = await webhookApp(t);
  const receiver = await startReceiver(t, answer(410, 'gone'));
  const watcher = await startReceiver(t);
  const hook = (await h.inject('POST', '/v1/webhooks', { url: receiver.url, events: ['complaint.*'] })).json();
  await h.inject('POST', '/v1/webhooks', { url: watcher.url, events: ['webhook.disabled'] });
  await h.inject('POST', '/v1/complaints', aComplaint('CRM-1'));
  await h.worker();
  const after = (await h.inject('GET', `/v1/webhooks/${hook.id}`)).json();
  t.match(after, { enabled: false, disabledReason: 'the endpoint answered 410 Gone' });
  const [d] = (await h.inject('GET', `/v1/webhooks/${hook.id}/deliveries`)).json().items as Delivery[];
  t.equal(d?.status, 'failed');
  const feed = (await h.inject('GET', '/v1/events?types=webhook.disabled')).json();
  t.match(feed.items, [{ type: 'webhook.disabled', data: { webhookId: hook.id, reason: 'the endpoint answered 410 Gone' } }]);
  await h.worker();
  t.match(JSON.parse(watcher.received[0]?.body ?? '{}'), { type: 'webhook.disabled' }, 'another subscription hears of it');
  await h.inject('POST', '/v1/complaints', aComplaint('CRM-2'));
  await h.worker();
  t.equal(receiver.received.length, 1, 'nothing more is sent to a disabled subscription');
  const enabled = await h.inject('PATCH', `/v1/webhooks/${hook.id}`, { enabled: true });
  t.match(enabled.json(), { enabled: true, disabledReason: null });
  receiver.respondWith(answer(200));
  await h.worker();
  t.equal(receiver.received.length, 2, 're-enabled, it resumes where it stopped');
});

t.test('failing for 3 days: retries stop, the subscription is disabled, webhook.disabled is recorded', async (t) => {
  const h = await webhookApp(t);
  const receiver = await startReceiver(t, answer(503));
  const hook = (await h.inject('POST', '/v1/webhooks', { url: receiver.url, events: ['complaint.*'] })).json();
  await h.inject('POST', '/v1/complaints', aComplaint('CRM-1'));
  const start = h.clock().getTime();
  let passes = 0;
  while ((await h.inject('GET', `/v1/webhooks/${hook.id}`)).json().enabled && passes < 100) {
    await h.worker();
    h.clock.advance(4 * 3600_000 + 1);
    passes++;
  }
  const after = (await h.inject('GET', `/v1/webhooks/${hook.id}`)).json();
  t.match(after, { enabled: false, disabledReason: 'every delivery failed for 3 days' });
  const days = (Date.parse(after.disabledAt) - start) / 86400_000;
  t.ok(days >= 3 && days < 3.5, `disabled after ${days.toFixed(2)} days`);
  const [d] = (await h.inject('GET', `/v1/webhooks/${hook.id}/deliveries`)).json().items as Delivery[];
  t.ok((d?.attempts.length ?? 0) >= 15, `${d?.attempts.length} attempts`);
  t.equal((await h.inject('GET', '/v1/events?types=webhook.disabled')).json().items.length, 1, 'one webhook.disabled event');
});
