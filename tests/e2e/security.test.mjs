// Privacy and security in the built app (dist/), headless Chromium:
// untrusted names are shown as text everywhere (tables, SVG), nothing is
// stored in localStorage or IndexedDB, the service worker caches only the
// app's own files, and no request leaves for anything but those files.
//
//   trunk build --release && node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUT, appFiles, start } from './harness.mjs';

// Names that would run script if they were ever inserted as HTML or SVG markup.
const EVIL_ITEM = '<img src=x onerror=window.__xss=1>';
const EVIL_CONSTRUCT = '<svg onload=window.__xss=2>';

let srv;
let context;
let page;
let close;
const requests = [];
const window_alerts = [];

before(async () => {
  ({ srv, context, close } = await start('sec'));
  context.on('request', (r) => requests.push({ method: r.method(), url: r.url() }));
  page = context.pages()[0] || (await context.newPage());
  // an alert() would mean script ran
  page.on('dialog', async (d) => {
    window_alerts.push(d.message());
    await d.dismiss();
  });
});

after(async () => {
  await close?.();
});

/** A small study whose column and construct names are HTML. */
function evilStudy() {
  const rows = [];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 60; i++) {
    const a = rnd() * 4;
    const b = 0.6 * a + rnd() * 3;
    rows.push([a + rnd(), a + rnd(), a + rnd(), b + rnd(), b + rnd(), b + rnd()].map((v) => (1 + Math.round(v)).toString()).join(','));
  }
  const header = [`"${EVIL_ITEM}"`, 'a2', 'a3', 'b1', 'b2', 'b3'].join(',');
  const model = [
    `\`${EVIL_CONSTRUCT}\` =~ \`${EVIL_ITEM}\` + a2 + a3`,
    'B =~ b1 + b2 + b3',
    `B ~ \`${EVIL_CONSTRUCT}\``,
  ].join('\n');
  return { csv: [header, ...rows].join('\n') + '\n', model };
}

test('HTML in column and construct names is shown as text, in tables and SVG', { timeout: 180_000 }, async () => {
  const { csv, model } = evilStudy();
  await page.goto(srv.url);
  await page.setInputFiles('#file', { name: '<b>study</b>.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#preview');
  await page.fill('#model', model);
  await page.fill('#set-bootstrap', '200');
  await page.dispatchEvent('#set-bootstrap', 'change');
  await page.click('#run');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 120_000 });
  await page.waitForSelector('#path-diagram svg');
  // no script ran, no element was made from a name
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'script from a name ran');
  assert.deepEqual(window_alerts, []);
  assert.equal(await page.$$eval('img[src="x"], svg[onload], [onerror]', (e) => e.length), 0, 'markup from a name was inserted');
  // ... and the names are visible as text, in the tables and the path diagram
  const text = await page.textContent('#results');
  assert.ok(text.includes(EVIL_ITEM), 'item name shown as text in the tables');
  assert.ok(text.includes(EVIL_CONSTRUCT), 'construct name shown as text');
  const svgText = await page.textContent('#path-diagram svg');
  assert.ok(svgText.includes(EVIL_CONSTRUCT), 'construct name shown as text in the SVG');
  await page.screenshot({ path: join(OUT, 'untrusted-names.png'), fullPage: true });
});

test('nothing is stored but the app itself; no request but its own files', { timeout: 180_000 }, async () => {
  await page.goto(srv.url);
  await page.click('#example');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 120_000 });
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
    cookies: document.cookie,
    cached: await (async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
      }
      return urls;
    })(),
  }));
  assert.equal(stored.local, 0, 'localStorage');
  assert.equal(stored.session, 0, 'sessionStorage');
  assert.equal(stored.idb, 0, 'IndexedDB');
  assert.equal(stored.cookies, '', 'cookies');
  const own = appFiles();
  const origin = new URL(srv.url).origin;
  const foreign = stored.cached.filter((u) => new URL(u).origin !== origin || !own.has(new URL(u).pathname));
  assert.deepEqual(foreign, [], 'the service worker cached something other than the app files');
  assert.ok(!stored.cached.some((u) => u.endsWith('.csv') && !u.includes('/examples/')), 'user data in the cache');
  const bad = requests.filter(({ method, url }) => method !== 'GET' || new URL(url).origin !== origin || !own.has(new URL(url).pathname));
  assert.deepEqual(bad, [], 'requests other than same-origin GETs of the app files');
});
