import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import t from 'tap';
import { buildTestApp, movableClock } from '../helpers/test-app.ts';
import { buildAnnualReportDataset } from './annual-report-dataset.ts';

// The annual report page in a real browser (issue 17): Debian's chromium driven by
// playwright-core. Every chart drew, nothing went to the console, and every figure shown
// equals the JSON report's. Screenshots go to a temporary directory, or with
// UPDATE_SCREENSHOTS=1 to docs/screenshots/ (the README shows them).
// Skipped, saying why, where no browser can be had (CHROMIUM_PATH overrides the path).

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Json = Record<string, unknown> | unknown[] | string | number | boolean | null;
const at = (json: Json, path: string): Json => path.split('.').reduce<Json>((v, key) => (v as Record<string, Json>)[key] as Json, json);

/** A shown figure back to the JSON's number: "1,234" → 1234, "95.0%" → 95, "£100.00" → 10000 pence, "—" → null. */
function shownValue(text: string, unit: string): number | null {
  if (text === '—') return null;
  const n = Number(text.replace(/[£,%]/g, ''));
  return unit === 'pence' ? Math.round(n * 100) : n;
}


/** The browser, or why there is none (the test is then skipped, saying so). */
async function launch(profile: string): Promise<{ context: BrowserContext } | { skip: string }> {
  if (!existsSync(CHROMIUM)) return { skip: `no browser: ${CHROMIUM} is absent (apt-get install chromium, or set CHROMIUM_PATH)` };
  try {
    const { chromium } = await import('playwright-core');
    return { context: await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1100, height: 900 } }) };
  } catch (err) {
    return { skip: `no browser: ${CHROMIUM} would not start (${(err as Error).message.split('\n')[0]})` };
  }
}

const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
const browser = await launch(profile);
t.teardown(async () => {
  if ('context' in browser) await browser.context.close();
  rmSync(profile, { recursive: true, force: true });
});

t.test('the annual report page in headless Chromium', { skip: 'skip' in browser ? browser.skip : false }, async (t) => {
  if (!('context' in browser)) return;
  const { context } = browser;

  const clock = movableClock('2025-03-01T09:00:00Z');
  const { app, db } = await buildTestApp(t, { clock });
  const { crm } = await buildAnnualReportDataset(app, db, clock);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const url = `${base}/v1/reports/annual?year=2025`;
  const json = (await (await fetch(url, { headers: { ...crm.headers, accept: 'application/json' } })).json()) as Json;

  const page = await context.newPage();
  await page.setExtraHTTPHeaders(crm.headers);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));

  const res = await page.goto(url, { waitUntil: 'load' });
  t.equal(res?.status(), 200);
  t.match(res?.headers()['content-type'], /^text\/html/);
  t.same(requests, [url], 'the page loads nothing else');

  const charts = await page.$$eval('svg.chart', (svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      const bars = [...svg.querySelectorAll('rect.bar')].map((r) => (r as SVGGraphicsElement).getBBox());
      const labelled = (svg.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '');
      const table = svg.closest('figure')?.querySelector('table');
      return { id: svg.dataset.chart, width: box.width, height: box.height, bars: bars.filter((b) => b.width > 0 && b.height > 0).length, labelled, tableRows: table?.querySelectorAll('tbody tr').length ?? 0 };
    }),
  );
  t.equal(charts.length, 5);
  for (const c of charts) {
    t.ok(c.width > 200 && c.height > 50, `${c.id} drew (${Math.round(c.width)}×${Math.round(c.height)})`);
    t.ok(c.bars > 0, `${c.id} has ${c.bars} bars`);
    t.ok(c.labelled.every((text) => text.length > 10), `${c.id} has a title and a text alternative`);
    t.ok(c.tableRows > 0, `${c.id} has the table of its numbers`);
  }

  const shown = await page.$$eval('[data-figure]', (els) => els.map((e) => ({ path: (e as HTMLElement).dataset.figure ?? '', unit: (e as HTMLElement).dataset.unit ?? '', text: (e.textContent ?? '').trim() })));
  t.ok(shown.length > 80, `${shown.length} figures shown`);
  const wrong = shown.filter((s) => shownValue(s.text, s.unit) !== at(json, s.path));
  t.same(wrong, [], 'every figure shown equals the JSON report');
  t.same(await page.$$eval('h1', (h) => h.length), 1);
  t.ok((await page.$$eval('h2', (h) => h.length)) >= 11, 'a heading per section');

  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(import.meta.dirname, '../../docs/screenshots') : mkdtempSync(join(tmpdir(), 'annual-report-'));
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'annual-report.png'), fullPage: true, clip: { x: 0, y: 0, width: 1100, height: 1500 } });
  const selfAssessment = await page.$('#self-assessment');
  await selfAssessment!.screenshot({ path: join(dir, 'annual-report-self-assessment.png') });
  await page.emulateMedia({ media: 'print' });
  t.equal(await page.$eval('nav', (n) => getComputedStyle(n).display), 'none', 'print: no contents list');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  t.ok(pdf.length > 10_000, `prints to an A4 PDF (${pdf.length} bytes)`);
  t.comment(`screenshots in ${dir}`);
  t.same(problems, [], 'no console errors, page errors or failed requests');
});
