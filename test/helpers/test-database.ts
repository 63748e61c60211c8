import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createPgliteDb, createPostgresDb, type Db } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrator.ts';

// Each test file gets its own clean, migrated database, chosen as the architecture says:
// TEST_DATABASE_URL (a real server), else a PostgreSQL container when a Docker engine
// answers, else an in-memory PGlite. On a server, databases are cloned from a template
// migrated once per set of migrations, so test files can run in parallel.

interface Teardown {
  teardown(fn: () => unknown): void;
}

export type TestDbKind = 'postgres' | 'pglite';

const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsDir).sort()) hash.update(file).update(readFileSync(migrationsDir + file));
  return hash.digest('hex').slice(0, 16);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function ensureTemplate(admin: pg.Client, serverUrl: string): Promise<string> {
  const template = `complaints_tpl_${migrationsHash()}`;
  await admin.query("select pg_advisory_lock(hashtext('complaints-test-template'))");
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (found.rowCount === 0) {
      const building = `${template}_building_${randomBytes(4).toString('hex')}`;
      await admin.query(`create database "${building}"`);
      const db = createPostgresDb(withDatabase(serverUrl, building), 1);
      await migrateToLatest(db);
      await db.destroy();
      // Renamed only once complete, so a crashed build never leaves a half-migrated template.
      await admin.query(`alter database "${building}" rename to "${template}"`);
    }
  } finally {
    await admin.query("select pg_advisory_unlock(hashtext('complaints-test-template'))");
  }
  return template;
}

async function cloneFromTemplate(t: Teardown, serverUrl: string): Promise<{ db: Db; url: string }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const template = await ensureTemplate(admin, serverUrl);
  const name = `complaints_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`create database "${name}" template "${template}"`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const db = createPostgresDb(url, 5);
  t.teardown(async () => {
    await db.destroy();
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await dropDatabase(cleanup, name);
    await cleanup.end();
  });
  return { db, url };
}

/**
 * Drops a test database once its pools have really gone. pg's `pool.end()` resolves before
 * its sockets close, and `with (force)` would kill a backend still saying goodbye: its
 * client then throws "terminating connection due to administrator command" with no one
 * listening. So wait (up to 5 s) for the database's backends to leave, then drop.
 */
export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const open = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if ((open.rows[0] as { n: number }).n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await admin.query(`drop database if exists "${name}" with (force)`);
}

/** Whether a Docker engine answers its ping on the local socket within a second. */
function dockerAnswers(): Promise<boolean> {
  const socketPath = '/var/run/docker.sock';
  if (!process.env.DOCKER_HOST && !existsSync(socketPath)) return Promise.resolve(false);
  if (process.env.DOCKER_HOST) return Promise.resolve(true);
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

let containerUrl: Promise<string> | undefined;
async function containerServerUrl(): Promise<string> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  // Reused across test files of a run, so one container serves them all.
  containerUrl ??= new PostgreSqlContainer('postgres:16-alpine').withReuse().start().then((c) => withDatabase(c.getConnectionUri(), 'postgres'));
  return containerUrl;
}

/** A real server's URL when tests can have one (TEST_DATABASE_URL or Docker), else undefined. */
export async function realServerUrl(): Promise<string | undefined> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  if (await dockerAnswers()) {
    try {
      return await containerServerUrl();
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface TestDatabase {
  db: Db;
  kind: TestDbKind;
  /** The clone's own URL on a real server, for tests that open more connections. */
  url?: string;
}

/** A fresh, migrated database for one test file, dropped when the test ends. */
export async function testDatabase(t: Teardown): Promise<TestDatabase> {
  const serverUrl = await realServerUrl();
  if (serverUrl) {
    const { db, url } = await cloneFromTemplate(t, serverUrl);
    return { db, kind: 'postgres', url };
  }
  const db = await createPgliteDb(undefined);
  await migrateToLatest(db);
  t.teardown(() => db.destroy());
  return { db, kind: 'pglite' };
}
