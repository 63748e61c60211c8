import { sql, type Kysely } from 'kysely';

// Issue 12: faster imports, and uploads that end.
//
// 1. The feed's numbering trigger leaves alone an event inserted with its sequence
// already. Only insertNumberedPublicEvents (src/store/events.ts) does that: an import
// batch numbers its events (a few thousand) in the statement that inserts them, taking
// the numbers from the landlord's counter row in that same statement, so the row is
// locked from there to the end of COMMIT exactly as the trigger would lock it, and the
// feed's guarantee holds (numbers follow commit order, no gaps). The trigger costs an
// upsert of the counter row and an update of the event per event at COMMIT (1.4 s of
// 6.9 s for an import of 5,000 complaints, 27,500 events). Every other writer is
// unchanged: its events come without a sequence and are numbered at COMMIT as before.
//
// 2. An import whose upload was cut off (the client went, or the instance died) ends as
// `failed` with the reason, instead of staying `receiving` for ever.

const FUNCTION = (skipNumbered: boolean) => sql`
  create or replace function assign_event_sequence() returns trigger language plpgsql as $$
  declare assigned bigint;
  begin
    ${skipNumbered ? sql.raw('if new.sequence is not null then return null; end if;') : sql.raw('')}
    insert into event_sequences as s (organisation_id, last_sequence) values (new.organisation_id, 1)
    on conflict (organisation_id) do update set last_sequence = s.last_sequence + 1
    returning s.last_sequence into assigned;
    update events set sequence = assigned where id = new.id;
    return null;
  end $$`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await FUNCTION(true).execute(db);
  await db.schema.alterTable('imports').addColumn('failure_reason', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').dropColumn('failure_reason').execute();
  await FUNCTION(false).execute(db);
}
