import type { Kysely } from 'kysely';

// The fingerprint of the calendar a landlord's stored deadlines were counted on: the sweep
// re-plans open complaints when the bank holidays or the closure days change (domain §4).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('deadlines_calendar', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').dropColumn('deadlines_calendar').execute();
}
