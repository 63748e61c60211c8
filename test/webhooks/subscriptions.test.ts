import t from 'tap';
import { Webhook } from 'standardwebhooks';
import { answer, startReceiver } from './receiver.ts';
import { aComplaint, webhookApp } from './harness.ts';

t.test('subscribe, receive signed deliveries, verify them with the reference library', async (t) => {
  const h = await webhookApp(t);
  const receiver = await startReceiver(t);

  const created = await h.inject('POST', '/v1/webhooks', { url: receiver.url, events: ['complaint.*'], description: 'CRM' });
  t.equal(created.statusCode, 201, created.body);
  const hook = created.json();
  t.match(hook.secret, /^whsec_[A-Za-z0-9+/=]+$/);
  t.equal(created.headers.location, `/v1/webhooks/${hook.id}`);
  const read = (await h.inject('GET', `/v1/webhooks/${hook.id}`)).json();
  t.notOk('secret' in read, 'the secret is shown once');
  t.equal((await h.inject('GET', '/v1/webhooks')).json().items.length, 1);
  t.notOk(h.logs.join('').includes(hook.secret.slice(6)), 'the secret is never logged');

  const complaint = await h.inject('POST', '/v1/complaints', aComplaint('CRM-1'));
  t.equal(complaint.statusCode, 201);
  const pass = await h.worker();
  t.match(pass, { fannedOut: 1, attempted: 1, delivered: 1 });
  t.equal(receiver.received.length, 1);
  const [first] = receiver.received;
  if (!first) throw new Error('nothing received');
  const verified = new Webhook(hook.secret).verify(first.body, first.headers) as { id: string; type: string; sequence: number; data: { complaintId: string } };
  t.match(verified, { type: 'complaint.logged', data: { complaintId: complaint.json().id } });
  const feed = (await h.inject('GET', '/v1/events')).json();
  t.equal(first.headers['webhook-id'], feed.items[0].id, 'webhook-id is the event id');
  t.same(JSON.parse(first.body), feed.items[0], 'the body is the feed event');
  t.throws(() => new Webhook('whsec_' + Buffer.from('another secret of 24 byte').toString('base64')).verify(first.body, first.headers), 'another secret does not verify');

  await t.test('rotation: for 24 hours both secrets sign, then only the new one', async (t) => {
    const rotated = await h.inject('POST', `/v1/webhooks/${hook.id}/rotate-secret`);
    t.equal(rotated.statusCode, 200);
    const next = rotated.json();
    t.not(next.secret, hook.secret);
    t.ok(Date.parse(next.previousSecretExpiresAt) - Date.now() > 23.9 * 3600_000);
    await h.inject('POST', '/v1/complaints', aComplaint('CRM-2'));
    await h.worker();
    const r = receiver.received.at(-1);
    if (!r) throw new Error('nothing received');
    t.equal(r.headers['webhook-signature']?.split(' ').length, 2, 'two signatures');
    t.ok(new Webhook(hook.secret).verify(r.body, r.headers), 'the old secret verifies');
    t.ok(new Webhook(next.secret).verify(r.body, r.headers), 'the new secret verifies');
    h.clock.advance(24 * 3600_000 + 1000);
    await h.inject('POST', '/v1/complaints', aComplaint('CRM-3'));
    await h.worker();
    const later = receiver.received.at(-1);
    t.equal(later?.headers['webhook-signature']?.split(' ').length, 1, 'after 24 hours, one signature: the new secret');
  });

  await t.test('a test event goes to this subscription alone and is in no feed', async (t) => {
    const before = receiver.received.length;
    const sent = await h.inject('POST', `/v1/webhooks/${hook.id}/test`);
    t.equal(sent.statusCode, 202);
    await h.worker();
    t.equal(receiver.received.length, before + 1);
    t.match(JSON.parse(receiver.received.at(-1)?.body ?? '{}'), { type: 'webhook.test', id: sent.json().eventId });
    const types = (await h.inject('GET', '/v1/events')).json().items.map((e: { type: string }) => e.type);
    t.notOk(types.includes('webhook.test'));
  });

  await t.test('deliveries list each attempt; redeliver sends the same webhook-id again', async (t) => {
    receiver.respondWith(answer(200, 'x'.repeat(100_000)));
    await h.inject('POST', '/v1/complaints', aComplaint('CRM-4'));
    await h.worker();
    const list = (await h.inject('GET', `/v1/webhooks/${hook.id}/deliveries?limit=2`)).json();
    t.equal(list.items.length, 2);
    const latest = list.items[0];
    t.match(latest, { status: 'delivered', eventType: 'complaint.logged', attempts: [{ number: 1, outcome: 'succeeded', responseStatus: 200 }] });
    t.equal(latest.attempts[0].responseBody.length, 1024, 'the first 1 KB of a 100 KB answer');
    t.type(latest.attempts[0].latencyMs, 'number');
    t.type(list.nextCursor, 'string');
    const again = await h.inject('POST', `/v1/webhooks/${hook.id}/deliveries/${latest.id}/redeliver`);
    t.equal(again.statusCode, 202);
    await h.worker();
    t.equal(receiver.received.at(-1)?.headers['webhook-id'], latest.eventId, 'same webhook-id');
    const missing = await h.inject('POST', `/v1/webhooks/${hook.id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`);
    t.equal(missing.statusCode, 404);
  });

  await t.test('filters: a subscription gets only the types it asked for', async (t) => {
    const other = await startReceiver(t);
    const acks = (await h.inject('POST', '/v1/webhooks', { url: other.url, events: ['complaint.acknowledged'] })).json();
    const c = (await h.inject('POST', '/v1/complaints', aComplaint('CRM-5'))).json();
    await h.inject('POST', `/v1/complaints/${c.id}/acknowledge`, { definition: 'Damp', outcomesSought: ['Treat'], handler: 'carol' });
    await h.worker();
    t.same(other.received.map((r) => (JSON.parse(r.body) as { type: string }).type), ['complaint.acknowledged']);
    t.equal((await h.inject('DELETE', `/v1/webhooks/${acks.id}`)).statusCode, 200);
    t.equal((await h.inject('GET', `/v1/webhooks/${acks.id}`)).statusCode, 404);
  });
});

t.test('only safe destinations: https, http to loopback only when allowed, no private or metadata address', async (t) => {
  const h = await webhookApp(t, { rules: { allowHttpLoopback: false, allowedCidrs: ['10.9.0.0/16'] } });
  const create = (url: string) => h.inject('POST', '/v1/webhooks', { url, events: ['*'] });
  for (const url of ['http://127.0.0.1:9/x', 'http://example.com/x', 'https://10.0.0.1/x', 'https://169.254.169.254/latest', 'https://[::1]/x', 'https://[fd00:ec2::254]/', 'ftp://example.com/', 'https://user:pw@example.com/']) {
    const r = await create(url);
    t.equal(r.statusCode, 422, `${url} refused`);
    t.equal(r.json().code, 'invalid_webhook');
  }
  t.equal((await create('https://10.9.1.2/hook')).statusCode, 201, 'an allow-listed private range is let through');
  t.equal((await create('https://crm.example.com/hook')).statusCode, 201);
  t.equal((await h.inject('POST', '/v1/webhooks', { url: 'https://crm.example.com/', events: ['complaint.nonsense'] })).statusCode, 422);

  // The name was public when saved; at delivery it resolves to the metadata address (DNS rebinding).
  await h.inject('POST', '/v1/complaints', aComplaint('CRM-9'));
  const pass = await h.worker({ resolve: async () => [{ address: '169.254.169.254', family: 4 }] });
  t.equal(pass.delivered, 0);
  const hooks = (await h.inject('GET', '/v1/webhooks')).json().items as { id: string; url: string }[];
  const named = hooks.find((x) => x.url.startsWith('https://crm'));
  const deliveries = (await h.inject('GET', `/v1/webhooks/${named?.id}/deliveries`)).json();
  t.match(deliveries.items[0].attempts[0].error, /refused: crm\.example\.com resolves to 169\.254\.169\.254 is a private/);
});
