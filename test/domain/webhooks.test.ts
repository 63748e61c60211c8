import t from 'tap';
import { Webhook } from 'standardwebhooks';
import { matchesAny, isEventPattern } from '../../src/domain/events/catalogue.ts';
import { refusedAddress, refusedUrl } from '../../src/domain/webhooks/destination.ts';
import { nextAttemptAt, retryDelayMs, RETRY_WINDOW_MS } from '../../src/domain/webhooks/retry-schedule.ts';
import { generateWebhookSecret, standardWebhookHeaders } from '../../src/domain/webhooks/signature.ts';
import { SecretBox } from '../../src/app/webhooks/secret-box.ts';

t.test('signatures verify with the reference library, one per secret', async (t) => {
  const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
  const body = JSON.stringify({ hello: 'world' });
  const headers = standardWebhookHeaders([a, b], 'msg_1', new Date(), body);
  t.ok(new Webhook(a).verify(body, headers));
  t.ok(new Webhook(b).verify(body, headers));
  t.throws(() => new Webhook(a).verify(body + ' ', headers), 'a changed body fails');
  t.throws(() => new Webhook(generateWebhookSecret()).verify(body, headers), 'another secret fails');
  const ref = new Webhook(a).sign('msg_1', new Date(Number(headers['webhook-timestamp']) * 1000), body);
  t.equal(headers['webhook-signature']?.split(' ')[0], ref, 'byte for byte what the reference library signs');
});

t.test('retry schedule: exponential with jitter, capped, for 3 days', async (t) => {
  t.equal(retryDelayMs(1, 0), 5000);
  t.equal(retryDelayMs(1, 0.999999), 10000);
  t.equal(retryDelayMs(4, 1), 80000);
  t.equal(retryDelayMs(40, 1), 4 * 3600_000, 'capped at 4 hours');
  const first = new Date('2026-12-01T00:00:00Z');
  let now = first;
  let attempts = 1;
  for (;;) {
    const next = nextAttemptAt(first, now, attempts, 0.5);
    if (!next) break;
    now = next;
    attempts++;
  }
  t.ok(now.getTime() - first.getTime() <= RETRY_WINDOW_MS && now.getTime() - first.getTime() > RETRY_WINDOW_MS - 4 * 3600_000, 'the last retry falls within 3 days');
  t.ok(attempts > 15 && attempts < 40, `${attempts} attempts in 3 days`);
});

t.test('destinations', async (t) => {
  const strict = { allowHttpLoopback: false, allowedCidrs: [] };
  const dev = { allowHttpLoopback: true, allowedCidrs: [] };
  t.equal(refusedUrl('https://crm.example.com/hook', strict), null);
  t.not(refusedUrl('http://crm.example.com/hook', dev), null, 'http only to loopback');
  t.equal(refusedUrl('http://localhost:3000/hook', dev), null);
  t.not(refusedUrl('http://localhost:3000/hook', strict), null);
  for (const address of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::ffff:10.0.0.1', 'fe80::1', 'fd00:ec2::254', 'fc00::1', '127.0.0.1', '::1']) {
    t.not(refusedAddress(address, 'https:', strict), null, `${address} refused`);
  }
  t.equal(refusedAddress('93.184.216.34', 'https:', strict), null);
  t.equal(refusedAddress('10.9.0.5', 'https:', { ...strict, allowedCidrs: ['10.9.0.0/16'] }), null, 'allow-listed');
  t.equal(refusedAddress('127.0.0.1', 'http:', dev), null);
  t.not(refusedAddress('93.184.216.34', 'http:', dev), null, 'a loopback name resolving elsewhere is refused over http');
});

t.test('event patterns', async (t) => {
  t.ok(matchesAny(['complaint.*'], 'complaint.logged'));
  t.notOk(matchesAny(['complaint.*'], 'deadline.breached'));
  t.ok(matchesAny(['*'], 'policy.changed'));
  t.ok(isEventPattern('deadline.*'));
  t.notOk(isEventPattern('nothing.*'));
  t.notOk(isEventPattern('complaint.nonsense'));
});

t.test('sealed secrets open only with their key and their subscription', async (t) => {
  const box = SecretBox.ephemeral();
  const sealed = box.seal('whsec_abc', 'sub-1');
  t.notOk(sealed.includes('abc'));
  t.equal(box.open(sealed, 'sub-1'), 'whsec_abc');
  t.throws(() => box.open(sealed, 'sub-2'), 'moved onto another subscription: refused');
  t.throws(() => SecretBox.ephemeral().open(sealed, 'sub-1'), 'another key: refused');
  t.equal(JSON.stringify({ box }), '{"box":"[SecretBox]"}');
});
