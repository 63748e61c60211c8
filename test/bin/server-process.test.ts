import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';

// Starts the real server process as `npm start` does: `npm run build` (tsc to dist/), then
// node on the compiled JavaScript, with no tsx loader, on a fresh embedded database.
const root = new URL('../../', import.meta.url).pathname;
const serverEntry = new URL('../../dist/src/server.js', import.meta.url).pathname;

t.before(() => {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
});

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [serverEntry], {
    env: { ...process.env, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = pattern.exec(stdout);
      if (match) return match;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${pattern} within ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`);
  };
  return { child, exited, waitFor, output: () => ({ stdout, stderr }) };
}

t.test('a fresh embedded start migrates, prints a demo admin key, answers /readyz and shuts down on SIGTERM', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'complaints-data-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const started = Date.now();
  const server = startServer({ DATA_DIR: dataDir });
  t.teardown(() => server.child.kill('SIGKILL'));

  const address = await server.waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
  const base = address[1];
  const firstLine = JSON.parse(server.output().stdout.split('\n')[0] ?? '{}') as { msg?: string };
  t.match(firstLine.msg, /embedded PGlite database in .*complaints-data-/, 'the first log line names the embedded database');

  const ready = await fetch(`${base}/readyz`);
  t.equal(ready.status, 200);
  // How fast it gets there is measured by bench/startup.bench.ts, not asserted here.
  t.comment(`ready after ${Date.now() - started} ms`);

  const key = /^\s+(cmpk_[A-Za-z0-9_-]{43})$/m.exec(server.output().stdout)?.[1];
  t.ok(key, 'a one-time admin key is printed');
  const keys = await fetch(`${base}/v1/api-keys`, { headers: { authorization: `Bearer ${key}` } });
  t.equal(keys.status, 200, 'the printed key works');
  t.equal(((await keys.json()) as { items: unknown[] }).items.length, 1);

  server.child.kill('SIGTERM');
  t.equal(await server.exited, 0, 'exits 0 after a graceful shutdown');
  t.match(server.output().stdout, /shut down cleanly/);

  const again = startServer({ DATA_DIR: dataDir });
  t.teardown(() => again.child.kill('SIGKILL'));
  await again.waitFor(/Server listening at/, 60_000);
  t.notMatch(again.output().stdout, /cmpk_/, 'a second start keeps its data and prints no new key');
  again.child.kill('SIGTERM');
  t.equal(await again.exited, 0);
});

t.test('a bad setting stops start-up with one line naming it', async (t) => {
  const server = startServer({ PORT: 'abc' });
  t.equal(await server.exited, 1);
  t.match(server.output().stderr.trim(), /^Invalid configuration: PORT="abc" is not allowed[^\n]*$/);
});
