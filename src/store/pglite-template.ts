import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrations } from '../../migrations/index.ts';

// A fresh embedded database starts from a copy of a data directory initialised and
// migrated at build time (`npm run build`, src/bin/build-pglite-template.ts), instead of
// running PGlite's initdb and every migration at the first start: faster to /readyz, and
// the initdb WebAssembly instance and its memory are never created in the server process.
// The template says which migrations it holds; a stale one is not used (the start then
// runs initdb, as without a template, and migrates).

/** dist/pglite-template beside the compiled code; absent when running the sources through tsx. */
export const PGLITE_TEMPLATE_DIR = fileURLToPath(new URL('../../pglite-template/', import.meta.url));
export const TEMPLATE_STAMP = '.complaints-migrations';
const STAMP = TEMPLATE_STAMP;

export const migrationsStamp = () => Object.keys(migrations).join('\n');

export function stampTemplate(dir: string): void {
  writeFileSync(`${dir}/${STAMP}`, migrationsStamp());
}

/** Copies the template into an empty `dataDir`; true when it did. */
export function seedFromTemplate(dataDir: string, templateDir: string = PGLITE_TEMPLATE_DIR): boolean {
  if (existsSync(`${dataDir}/PG_VERSION`) || (existsSync(dataDir) && readdirSync(dataDir).length > 0)) return false;
  if (!existsSync(`${templateDir}/PG_VERSION`) || !existsSync(`${templateDir}/${STAMP}`)) return false;
  if (readFileSync(`${templateDir}/${STAMP}`, 'utf8') !== migrationsStamp()) return false;
  cpSync(templateDir, dataDir, { recursive: true, filter: (source) => !source.endsWith(STAMP) });
  return true;
}
