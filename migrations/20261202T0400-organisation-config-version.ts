import { sql, type Kysely } from 'kysely';

// A number that moves on with every change to what a complaint's deadlines are counted
// from: the organisation's row (division, closure days, ...) and its policy versions. The
// API keeps both in process and checks this number in the statement that uses them, so an
// instance never applies settings another instance has since changed (src/store/organisation-config.ts).
// Triggers rather than application code, so every writer, present or future, moves it on.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table organisations add column config_version bigint not null default 0`.execute(db);
  await sql`
    create function bump_organisation_config_version() returns trigger language plpgsql as $$
    begin
      -- A policy version's trigger moves it on itself; the sweep's note of the calendar it
      -- last counted on changes nothing a command reads.
      if new.config_version is distinct from old.config_version then
        return new;
      elsif (to_jsonb(new) - 'deadlines_calendar' - 'config_version') is distinct from (to_jsonb(old) - 'deadlines_calendar' - 'config_version') then
        new.config_version := old.config_version + 1;
      else
        new.config_version := old.config_version;
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger organisations_config_version before update on organisations
    for each row execute function bump_organisation_config_version()`.execute(db);
  await sql`
    create function bump_config_version_on_policy_change() returns trigger language plpgsql as $$
    begin
      update organisations set config_version = config_version + 1
      where id = case when tg_op = 'DELETE' then old.organisation_id else new.organisation_id end;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger policy_versions_config_version after insert or update or delete on policy_versions
    for each row execute function bump_config_version_on_policy_change()`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger policy_versions_config_version on policy_versions`.execute(db);
  await sql`drop function bump_config_version_on_policy_change()`.execute(db);
  await sql`drop trigger organisations_config_version on organisations`.execute(db);
  await sql`drop function bump_organisation_config_version()`.execute(db);
  await sql`alter table organisations drop column config_version`.execute(db);
}
