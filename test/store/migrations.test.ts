import t from 'tap';
import pg from 'pg';
import { createPostgresDb } from '../../src/store/database.ts';
import { migrateToLatest, pendingMigrations } from '../../src/store/migrator.ts';
import { migrations } from '../../migrations/index.ts';
import { dropDatabase, realServerUrl } from '../helpers/test-database.ts';

const serverUrl = await realServerUrl();
const skip = serverUrl ? false : 'needs a real PostgreSQL server (TEST_DATABASE_URL or Docker): PGlite has one connection';

t.test('two instances starting at once on one server migrate once, behind the lock', { skip }, async (t) => {
  if (!serverUrl) return;
  const name = `complaints_migrate_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const first = createPostgresDb(url.toString(), 2);
  const second = createPostgresDb(url.toString(), 2);
  t.teardown(async () => {
    await first.destroy();
    await second.destroy();
    await dropDatabase(admin, name);
    await admin.end();
  });

  const [a, b] = await Promise.all([migrateToLatest(first), migrateToLatest(second)]);
  t.same([...a, ...b].sort(), Object.keys(migrations).sort(), 'each migration applied exactly once between them');
  t.same(await pendingMigrations(first), []);
  t.same(await migrateToLatest(first), [], 'running again applies nothing');
});
