import { createHash, randomBytes } from 'node:crypto';

// A key is `cmpk_` + 32 random bytes (base64url). Only its SHA-256 is stored: the secret
// has 256 bits of entropy, so a slow password hash would add nothing. The first 12
// characters are kept as a prefix so people can tell their keys apart in listings.
const KEY_PREFIX = 'cmpk_';
const KEY_PATTERN = /^cmpk_[A-Za-z0-9_-]{43}$/;

export interface NewApiKeySecret {
  secret: string;
  prefix: string;
  hash: string;
}

export function generateApiKeySecret(): NewApiKeySecret {
  const secret = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { secret, prefix: secret.slice(0, 12), hash: hashApiKeySecret(secret) };
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}
