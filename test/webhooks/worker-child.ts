import { SecretBox } from '../../src/app/webhooks/secret-box.ts';
import { startWebhookWorker } from '../../src/jobs/webhook-deliveries.ts';
import { createPostgresDb } from '../../src/store/database.ts';

// A delivery worker in its own process, for the kill -9 test: it runs until killed.
const [url, key] = [process.env.CHILD_DATABASE_URL ?? '', process.env.CHILD_SECRET_KEY ?? ''];
const db = createPostgresDb(url, 2);
startWebhookWorker({
  db, box: SecretBox.fromEncodedKey(key), clock: () => new Date(), rules: { allowHttpLoopback: true, allowedCidrs: [] },
  intervalMs: 50, retentionDays: 90, timeoutMs: 10_000, leaseMs: 60_000,
});
process.stdout.write('worker started\n');
