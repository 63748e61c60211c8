#!/usr/bin/env node
// Runs the tap suite and ends with a plain "N passed, N failed" line, so a run that
// executed no test is visible; exits non-zero on any failure or when nothing ran.
import { spawn } from 'node:child_process';

const tap = new URL('../node_modules/.bin/tap', import.meta.url).pathname;
const child = spawn(tap, process.argv.slice(2), { stdio: ['inherit', 'pipe', 'inherit'], env: process.env });
let tail = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-4000);
});
child.on('close', (code) => {
  // tap closes with a line such as "# { total: 12, pass: 10, fail: 1, skip: 1 }".
  const summary = /# \{ (total: [^}]*) \}/.exec(tail)?.[1] ?? '';
  const counts = Object.fromEntries(summary.split(', ').map((pair) => pair.split(': ')).map(([k, v]) => [k, Number(v)]));
  const passed = counts.pass ?? 0;
  const failed = counts.fail ?? 0;
  const skipped = (counts.skip ?? 0) + (counts.todo ?? 0);
  process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  process.exit(code !== 0 ? code || 1 : (counts.total ?? 0) === 0 ? 1 : 0);
});
