// End-to-end: the built app (dist/) in headless Chromium.
//
//   trunk build --release && node --test tests/e2e/
//
// Serves dist/ on 127.0.0.1, runs the placeholder job, checks the result the
// native test also checks (src/worker/job.rs), cancels a long job, and fails
// on any request that is not a same-origin GET of one of the app's files or
// on any Content-Security-Policy violation. Then closes the server and checks
// that the app still opens and runs from the service worker's cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');
const OUT = join(ROOT, 'target', 'e2e');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** Sum of the 4000 default draws; the same constant as job.rs's native test. */
const EXPECTED = '671109909658420';

let srv;
let context;
let page;
let userDataDir;
const requests = [];
const problems = [];

before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), 'dist/ is missing: run `trunk build --release` first');
  mkdirSync(OUT, { recursive: true });
  srv = await serve({ root: DIST });
  userDataDir = mkdtempSync(join(tmpdir(), 'plsweb-e2e-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 900, height: 480 },
    args: [
      '--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic',
    ],
  });
  // Every request the browser makes, from the page, its workers or the service worker.
  context.on('request', (r) => requests.push({ method: r.method(), url: r.url() }));
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
});

after(async () => {
  // Kept for inspection: what the browser asked for, and what the server saw.
  if (srv) writeFileSync(join(OUT, 'requests.json'), JSON.stringify({ browser: requests, server: srv.log }, null, 1));
  await context?.close();
  await srv?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** The app's own files: what dist/ holds, plus the folder itself. */
function appFiles() {
  const names = new Set(['/']);
  const walk = (d, prefix) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else names.add(`/${prefix}${e.name}`);
    }
  };
  walk(DIST, '');
  return names;
}

function assertOnlyOwnFiles() {
  const own = appFiles();
  const origin = new URL(srv.url).origin;
  const bad = requests.filter(({ method, url }) => {
    const u = new URL(url);
    return method !== 'GET' || u.origin !== origin || !own.has(u.pathname);
  });
  assert.deepEqual(bad, [], 'requests other than same-origin GETs of the app files');
  const badServer = srv.log.filter(({ method, url }) => method !== 'GET' || !own.has(new URL(url, origin).pathname));
  assert.deepEqual(badServer, [], 'the server saw requests other than GETs of the app files');
}

async function runJob(draws) {
  await page.fill('#draws', String(draws));
  await page.click('#run');
  await page.waitForSelector('main[data-phase="done"]', { timeout: 120_000 });
  return (await page.textContent('#result-value')).trim();
}

test('runs the job in workers, cancels, and talks to nobody', { timeout: 180_000 }, async () => {
  await page.goto(srv.url);
  await page.waitForSelector('#run:not([disabled])');
  const workers = await page.textContent('#workers');
  assert.match(workers, /^[1-8] /, `worker count shown: ${workers}`);

  assert.equal(await runJob(4000), EXPECTED);
  assert.equal(await page.getAttribute('#progress', 'value'), '1000');
  assert.match(await page.textContent('#status'), /4000\/4000/);
  await page.screenshot({ path: join(OUT, 'screenshot.png'), fullPage: true });

  // A long job, cancelled once it has made progress: it stops between chunks.
  await page.fill('#draws', '1000000');
  await page.click('#run');
  await page.waitForFunction(() => Number(document.querySelector('#progress').value) > 0, null, { timeout: 60_000 });
  await page.click('#cancel');
  await page.waitForSelector('main[data-phase="cancelled"]', { timeout: 60_000 });
  const status = await page.textContent('#status');
  const [done, total] = status.match(/(\d+)\/(\d+)/).slice(1).map(Number);
  assert.equal(total, 1000000);
  assert.ok(done > 0 && done < total, `cancelled part-way: ${status}`);
  assert.equal(await page.$('#result-value'), null, 'no result after cancel');
  await page.screenshot({ path: join(OUT, 'cancelled.png'), fullPage: true });

  // Runs again after a cancel.
  assert.equal(await runJob(4000), EXPECTED);

  // The service worker is installed and active (needed by the next test).
  const sw = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
  assert.equal(sw, 'activated');

  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations');
  assert.deepEqual(problems, []);
  assertOnlyOwnFiles();
});

test('opens and runs offline from the service worker cache', { timeout: 120_000 }, async () => {
  await srv.close();
  const seen = srv.log.length;
  await page.reload();
  await page.waitForSelector('#run:not([disabled])', { timeout: 30_000 });
  assert.equal(await runJob(4000), EXPECTED);
  assert.equal(srv.log.length, seen, 'the closed server got no requests');
  await page.screenshot({ path: join(OUT, 'offline.png'), fullPage: true });
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations');
  assert.deepEqual(problems, []);
  assertOnlyOwnFiles();
});
