import { Writable } from 'node:stream';
import { buildApp } from '../../src/app.ts';
import { SecretBox } from '../../src/app/webhooks/secret-box.ts';
import type { Clock } from '../../src/domain/clock.ts';
import type { DestinationRules } from '../../src/domain/webhooks/destination.ts';
import { deliverDueWebhooks, type WebhookWorkerOptions } from '../../src/jobs/webhook-deliveries.ts';
import { createLogger } from '../../src/logger.ts';
import { aKey, policyPresets, ukCalendars } from '../helpers/test-app.ts';
import { testDatabase } from '../helpers/test-database.ts';

export const loopbackRules: DestinationRules = { allowHttpLoopback: true, allowedCidrs: [] };

/** A clock that starts at the real now (receivers reject signatures 5 minutes off) and moves when told. */
export function steppingClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return Object.assign(() => new Date(Date.now() + offset), { advance: (ms: number) => void (offset += ms) });
}

export const aComplaint = (externalRef: string) => ({
  channel: 'phone',
  receivedAt: '2026-11-20T09:30:00Z',
  complainant: { name: 'Ben Tenant', phone: '07700 900000' },
  description: 'Damp in the bedroom was not treated',
  outcomesSought: ['Treat the damp'],
  externalRef,
});

export async function webhookApp(t: Parameters<typeof testDatabase>[0], options: { rules?: DestinationRules } = {}) {
  const database = await testDatabase(t);
  const clock = steppingClock();
  const box = SecretBox.ephemeral();
  const logs: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _e, done) => (logs.push(chunk.toString()), done()) });
  const app = await buildApp({
    db: database.db, clock, calendars: ukCalendars, presets: policyPresets, logger: createLogger('info', sink),
    webhooks: { box, rules: options.rules ?? loopbackRules },
  });
  t.teardown(() => app.close());
  const admin = await aKey(database.db, ['admin', 'complaints:read', 'complaints:write']);
  const worker = (extra: Partial<WebhookWorkerOptions> = {}) =>
    deliverDueWebhooks({ db: database.db, box, clock, rules: options.rules ?? loopbackRules, timeoutMs: 2000, random: () => 0.5, ...extra });
  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: admin.headers, ...(payload ? { payload } : {}) });
  return { ...database, app, box, clock, admin, worker, inject, logs };
}
