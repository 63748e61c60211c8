import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// Webhook secrets must be usable to sign, so they cannot be hashed like API keys: they are
// stored encrypted with AES-256-GCM under a key that is not in the database
// (WEBHOOK_SECRET_KEY), so a copy of the database alone does not sign for us. The
// subscription id is the additional authenticated data: a ciphertext moved onto another
// subscription's row fails to decrypt instead of signing for it.

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** From WEBHOOK_SECRET_KEY: 32 bytes, base64 or hex. */
  static fromEncodedKey(encoded: string): SecretBox {
    const key = /^[0-9a-f]{64}$/i.test(encoded) ? Buffer.from(encoded, 'hex') : Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error('WEBHOOK_SECRET_KEY must be 32 bytes, base64 or hex');
    return new SecretBox(key);
  }

  /**
   * For the embedded database (development, demos): a key generated on first start and kept
   * in a file (mode 600) in its data directory. Deriving one from something on disk would be
   * no stronger and could not be moved to a secret store later; this file's content can be
   * (as WEBHOOK_SECRET_KEY). A production database on a server needs WEBHOOK_SECRET_KEY.
   */
  static fromKeyFile(path: string): SecretBox {
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    }
    chmodSync(path, 0o600);
    return SecretBox.fromEncodedKey(readFileSync(path, 'utf8').trim());
  }

  /** Tests and single-process tools only: a key that lives as long as the process. */
  static ephemeral(): SecretBox {
    return new SecretBox(randomBytes(32));
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join('.');
  }

  open(box: string, context: string): string {
    const [version, iv, tag, sealed] = box.split('.');
    if (version !== 'v1' || !iv || !tag || sealed === undefined) throw new Error('not a sealed webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Never printed: a logger or an error that serialises this object shows nothing. */
  toJSON(): string {
    return '[SecretBox]';
  }
}
