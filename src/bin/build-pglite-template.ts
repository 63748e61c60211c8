import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createPgliteDb } from '../store/database.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { migrationsStamp, PGLITE_TEMPLATE_DIR, stampTemplate, TEMPLATE_STAMP } from '../store/pglite-template.ts';

// Part of `npm run build`: an initialised, migrated, empty embedded data directory that a
// fresh start copies (see src/store/pglite-template.ts).
const dir = process.argv[2] ?? PGLITE_TEMPLATE_DIR;
const stamp = `${dir}/${TEMPLATE_STAMP}`;
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === migrationsStamp()) process.exit(0);
rmSync(dir, { recursive: true, force: true });
const db = await createPgliteDb(dir, { fromTemplate: false });
try {
  await migrateToLatest(db);
} finally {
  await db.destroy();
}
stampTemplate(dir);
