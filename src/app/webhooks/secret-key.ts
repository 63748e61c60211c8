import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { SecretBox } from './secret-box.ts';

/**
 * The key sealing webhook secrets: WEBHOOK_SECRET_KEY when set; on the embedded database a
 * generated key file; on a PostgreSQL server without the key, none (subscriptions are
 * refused with 409 webhooks_not_configured), since a key kept only in this process's memory
 * would lose every secret on restart.
 */
export function webhookSecretBox(config: Config): { box: SecretBox | undefined; source: string } {
  if (config.webhooks.secretKey) return { box: SecretBox.fromEncodedKey(config.webhooks.secretKey), source: 'WEBHOOK_SECRET_KEY' };
  if (config.database.kind === 'pglite') {
    const path = join(config.database.dataDir, 'webhook-secret.key');
    return { box: SecretBox.fromKeyFile(path), source: path };
  }
  return { box: undefined, source: 'none: set WEBHOOK_SECRET_KEY to enable webhooks' };
}
