import type { Kysely } from 'kysely';

// Awaab's Law (issue 13). A deadline counted in hours is an instant: due_at beside due_date
// (which holds its London date, so every date query still orders and ranges it), and the
// instant it counts from. Date deadlines leave both null and are untouched. The landlord's
// setting that it is a social landlord in England: null means the default for its division.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('complaint_deadlines').addColumn('due_at', 'timestamptz').addColumn('counts_from_at', 'timestamptz').execute();
  await db.schema.alterTable('organisations').addColumn('awaabs_law', 'boolean').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').dropColumn('awaabs_law').execute();
  await db.schema.alterTable('complaint_deadlines').dropColumn('counts_from_at').dropColumn('due_at').execute();
}
