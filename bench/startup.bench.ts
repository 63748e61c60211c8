// How long `npm start` takes on a fresh machine to answer /readyz with 200 on a new,
// empty embedded database (initdb, migrations, demo organisation), and on a second start
// with the data directory kept. Run: npm run bench:startup
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const entry = new URL('../src/server.ts', import.meta.url).pathname;

async function timeToReady(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 120_000) throw new Error('not ready within 2 minutes');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'complaints-startup-'));
try {
  const fresh = await timeToReady(dataDir, 3917);
  const again = await timeToReady(dataDir, 3917);
  console.log(`startup to /readyz 200: fresh data directory ${(fresh / 1000).toFixed(2)} s; existing ${(again / 1000).toFixed(2)} s`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
