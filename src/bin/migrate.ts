import { loadConfig } from '../config.ts';
import { createDb } from '../store/database.ts';
import { migrateToLatest } from '../store/migrator.ts';

// `npm run migrate`: applies pending migrations to the configured database and exits.
const config = loadConfig(process.env);
const db = await createDb(config.database);
try {
  const applied = await migrateToLatest(db);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database schema is current\n');
} finally {
  await db.destroy();
}
