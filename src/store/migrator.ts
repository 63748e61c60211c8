import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from '../../migrations/index.ts';
import type { Db } from './database.ts';

function migratorFor(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/**
 * Applies pending migrations. Kysely's own lock is taken only after it creates its
 * bookkeeping tables, which two instances starting together on an empty database can race
 * on; so the whole run holds a session advisory lock on one connection first.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext('complaints-api-migrations'))`.execute(connection);
    try {
      const { error, results } = await migratorFor(connection).migrateToLatest();
      if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    } finally {
      await sql`select pg_advisory_unlock(hashtext('complaints-api-migrations'))`.execute(connection);
    }
  });
}

/** Names of migrations that exist in code but have not been applied. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migratorFor(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
