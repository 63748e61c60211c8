import type { Db } from './database.ts';
import { withEventTables } from './event-tables.ts';

// A success ends the failing streak in recordSuccess (webhook-deliveries.ts).

/** Records a failure; returns since when the subscription has been failing. */
export async function markFailed(tx: Db, subscriptionId: string, now: Date): Promise<Date | undefined> {
  const row = await withEventTables(tx)
    .updateTable('webhook_subscriptions')
    .set((eb) => ({ failing_since: eb.fn.coalesce('failing_since', eb.val(now)) }))
    .where('id', '=', subscriptionId)
    .returning('failing_since')
    .executeTakeFirst();
  return row?.failing_since ?? undefined;
}

/** Disables an enabled subscription; false when it already was (so one event says so, once). */
export async function disableSubscription(tx: Db, subscriptionId: string, reason: string, now: Date): Promise<{ organisationId: string; url: string } | undefined> {
  const row = await withEventTables(tx)
    .updateTable('webhook_subscriptions')
    .set({ enabled: false, disabled_reason: reason, disabled_at: now, updated_at: now })
    .where('id', '=', subscriptionId)
    .where('enabled', '=', true)
    .returning(['organisation_id', 'url'])
    .executeTakeFirst();
  return row ? { organisationId: row.organisation_id, url: row.url } : undefined;
}
