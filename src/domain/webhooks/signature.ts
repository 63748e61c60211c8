import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Standard Webhooks 1.0 (https://www.standardwebhooks.com): the signed content is
// "<webhook-id>.<webhook-timestamp>.<body>", signed with HMAC-SHA256 under the secret's
// bytes (the base64 after `whsec_`), sent as `v1,<base64>`; several signatures are
// space-separated, which is how a rotated secret keeps verifying beside the new one.

const PREFIX = 'whsec_';

/** 24 random bytes, as Svix and the reference libraries generate them. */
export const generateWebhookSecret = (): string => PREFIX + randomBytes(24).toString('base64');

export function secretBytes(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error('a webhook secret starts with whsec_');
  return Buffer.from(secret.slice(PREFIX.length), 'base64');
}

export function signature(secret: string, id: string, timestampSeconds: number, body: string): string {
  return 'v1,' + createHmac('sha256', secretBytes(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
}

/** The three headers of one delivery attempt; `secrets` newest first. */
export function standardWebhookHeaders(secrets: readonly string[], id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => signature(s, id, timestamp, body)).join(' '),
  };
}

/** A receiver's check, for our own tests and docs; the reference library does the same. */
export function verifies(secret: string, headers: Record<string, string>, body: string): boolean {
  const expected = Buffer.from(signature(secret, headers['webhook-id'] ?? '', Number(headers['webhook-timestamp']), body));
  return (headers['webhook-signature'] ?? '').split(' ').some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
