import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import t from 'tap';
import { SecretBox } from '../../src/app/webhooks/secret-box.ts';
import { createSubscription } from '../../src/app/webhooks/subscriptions.ts';
import { deliverDueWebhooks } from '../../src/jobs/webhook-deliveries.ts';
import { createPostgresDb, type Db } from '../../src/store/database.ts';
import { insertPublicEvents } from '../../src/store/events.ts';
import { anOrganisation } from '../helpers/test-app.ts';
import { realServerUrl, testDatabase } from '../helpers/test-database.ts';
import { answer, startReceiver } from './receiver.ts';
import { loopbackRules } from './harness.ts';

// Several instances on one database, each with its own pool, as production runs them.
const skip = (await realServerUrl()) ? false : 'needs a real PostgreSQL server for several instances at once (TEST_DATABASE_URL or Docker); PGlite has one connection';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function someEvents(db: Db, organisationId: string, n: number): Promise<void> {
  const now = new Date();
  await db.transaction().execute((tx) =>
    insertPublicEvents(tx, Array.from({ length: n }, (_, i) => ({ id: randomUUID(), type: 'policy.changed' as const, organisationId, complaintId: null, occurredAt: now, createdAt: now, data: { i } }))),
  );
}

t.test('two instances deliver at once: every event once, no attempt twice', { skip }, async (t) => {
  const { db, url } = await testDatabase(t);
  if (!url) throw new Error('a real server database has a URL');
  const organisation = await anOrganisation(db);
  const box = SecretBox.ephemeral();
  const receiver = await startReceiver(t, (_r, res) => void setTimeout(() => res.writeHead(200).end('ok'), 15));
  await createSubscription({ db, clock: () => new Date(), box, rules: loopbackRules }, { organisationId: organisation.id, url: receiver.url, events: ['*'], description: '' });
  await someEvents(db, organisation.id, 120);

  const instances = [createPostgresDb(url, 4), createPostgresDb(url, 4)];
  t.teardown(() => Promise.all(instances.map((i) => i.destroy())));
  const attemptedBy = [0, 0];
  await Promise.all(
    instances.map(async (instance, n) => {
      for (let idle = 0; idle < 3; ) {
        const pass = await deliverDueWebhooks({ db: instance, box, clock: () => new Date(), rules: loopbackRules, batchSize: 10, random: Math.random });
        attemptedBy[n] = (attemptedBy[n] ?? 0) + pass.attempted;
        idle = pass.attempted === 0 && pass.fannedOut === 0 ? idle + 1 : 0;
        if (pass.attempted === 0) await sleep(20);
      }
    }),
  );
  const ids = receiver.received.map((r) => r.headers['webhook-id']);
  t.equal(ids.length, 120, 'each event sent once');
  t.equal(new Set(ids).size, 120, 'no webhook-id twice');
  t.ok((attemptedBy[0] ?? 0) > 0 && (attemptedBy[1] ?? 0) > 0, `both instances worked: ${attemptedBy.join(' + ')}`);
});

t.test('kill -9 in the middle of a delivery: the attempt is sent again once its lease runs out', { skip }, async (t) => {
  const { db, url } = await testDatabase(t);
  if (!url) throw new Error('a real server database has a URL');
  const organisation = await anOrganisation(db);
  const key = randomBytes(32).toString('base64');
  const box = SecretBox.fromEncodedKey(key);
  let gotFirst!: () => void;
  const firstArrived = new Promise<void>((resolve) => (gotFirst = resolve));
  const receiver = await startReceiver(t, () => gotFirst()); // never answers: the child is mid-delivery
  await createSubscription({ db, clock: () => new Date(), box, rules: loopbackRules }, { organisationId: organisation.id, url: receiver.url, events: ['*'], description: '' });
  await someEvents(db, organisation.id, 1);

  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./worker-child.ts', import.meta.url).pathname], {
    env: { ...process.env, CHILD_DATABASE_URL: url, CHILD_SECRET_KEY: key },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.teardown(() => void child.kill('SIGKILL'));
  await firstArrived;
  const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGKILL');
  t.equal(await exited, 'SIGKILL', 'the worker died mid-delivery');

  receiver.respondWith(answer(200));
  const now = () => new Date();
  t.match(await deliverDueWebhooks({ db, box, clock: now, rules: loopbackRules }), { attempted: 0 }, "while the dead worker's lease lasts, nobody sends it again");
  const later = () => new Date(Date.now() + 61_000);
  t.match(await deliverDueWebhooks({ db, box, clock: later, rules: loopbackRules }), { attempted: 1, delivered: 1 }, 'after the lease, another instance delivers it');
  t.equal(receiver.received.length, 2);
  t.equal(receiver.received[0]?.headers['webhook-id'], receiver.received[1]?.headers['webhook-id'], 'the same webhook-id: the receiver can dedupe');
});
