import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A PostgreSQL server of a test's own, from the installed binaries, in a temp directory on
// a free port, so a test may kill it. PostgreSQL refuses to run as root: as root (CI), the
// server runs as the `postgres` user through runuser.

/** The directory holding initdb and postgres, or undefined when they are not installed. */
export function postgresBinDir(): string | undefined {
  const candidates = [
    ...(process.env.PATH ?? '').split(':'),
    ...(existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`) : []),
  ];
  return candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  /** A URL for the `postgres` database of this server. */
  readonly url: string;
  readonly port: number;
  /** Starts the server (again) on the same data directory and port; resolves once it answers. */
  start(): Promise<void>;
  /** SIGKILLs the postmaster, as a crash or a pulled plug would. */
  kill(): Promise<void>;
  /** Stops it for good and removes its files. */
  destroy(): Promise<void>;
}

export async function privatePostgres(binDir: string): Promise<PrivatePostgres> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'private-pg-'));
  const dataDir = join(dir, 'data');
  const run = (command: string, args: string[]) =>
    asRoot ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] } : { command, args };
  if (asRoot) {
    chmodSync(dir, 0o777);
  }
  const init = run(join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  execFileSync(init.command, init.args, { stdio: 'pipe' });
  const port = await freePort();
  let server: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const answers = async (): Promise<boolean> => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, connectionTimeoutMillis: 1000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  };

  const handle: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      // fsync off and a socket in the temp dir only: a test server, nothing to keep.
      const cmd = run(join(binDir, 'postgres'), ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'max_connections=60']);
      const child = spawn(cmd.command, cmd.args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      child.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
      server = child;
      exited = new Promise((resolve) => child.once('exit', () => resolve()));
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (await answers()) return;
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the private PostgreSQL did not start: ${log}`);
    },
    async kill() {
      // The postmaster's pid is the first line of postmaster.pid (runuser's own pid is not it).
      const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      await exited;
      // Its backends die with it (they notice the postmaster is gone); wait until the port is free.
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await answers())) await new Promise((r) => setTimeout(r, 50));
    },
    async destroy() {
      if (server && server.exitCode === null) {
        server.kill('SIGTERM');
        try {
          const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
          process.kill(pid, 'SIGQUIT');
        } catch {
          // already gone
        }
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
