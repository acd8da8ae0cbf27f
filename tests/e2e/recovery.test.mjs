// A worker that dies is caught (issue 6): the built app (dist/) in headless
// Chromium, with the test hook `?crash-test=panic` or `?crash-test=oom`,
// which makes worker 0 panic, or allocate until memory runs out, on the
// first press of Run (once per page load; the URL flag does nothing else).
// The error must show within seconds, the page must keep the data, the
// model text and the settings, and the next Run must give results.
//
//   trunk build --release && node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EXAMPLE_MODEL_LINES, OUT, start } from './harness.mjs';

// The user's own edits, which must survive the crash.
const MODEL = [
  '# edited before the crash',
  ...EXAMPLE_MODEL_LINES,
].join('\n');

let srv;
let context;
let close;

before(async () => {
  ({ srv, context, close } = await start('crash'));
});

after(async () => {
  await close?.();
});

const inputs = (page) =>
  page.evaluate(() => ({
    model: document.querySelector('#model').value,
    bootstrap: document.querySelector('#set-bootstrap').value,
    seed: document.querySelector('#set-seed').value,
    preview: !!document.querySelector('#preview'),
  }));

async function crashAndRecover(kind, limitMs) {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${srv.url}?crash-test=${kind}&workers=2`);
  // The example runs by itself on load: the hook waits for a press of Run.
  await page.click('#example');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 120_000 });
  await page.fill('#model', MODEL);
  for (const [field, value] of [['bootstrap', '300'], ['seed', '4242']]) {
    await page.fill(`#set-${field}`, value);
    await page.dispatchEvent(`#set-${field}`, 'change');
  }
  const before = await inputs(page);
  assert.deepEqual(before, { model: MODEL, bootstrap: '300', seed: '4242', preview: true });

  const t0 = Date.now();
  await page.click('#run');
  await page.waitForSelector('main[data-phase="failed"] #run-error', { timeout: limitMs });
  const ms = Date.now() - t0;
  const error = await page.textContent('#run-error');
  assert.match(error, /worker crashed/, error);
  assert.match(error, /restarted/, error);
  if (kind === 'panic') assert.match(error, /deliberate crash/, 'the panic message reaches the page');
  if (kind === 'oom') assert.match(error, /out of memory/, error);
  // Not blank, and nothing the user typed or loaded is lost.
  assert.ok((await page.textContent('main')).length > 500, 'the page went blank');
  assert.deepEqual(await inputs(page), before);
  assert.ok(!(await page.isDisabled('#run')), 'Run is available again');
  await page.screenshot({ path: join(OUT, `crash-${kind}.png`), fullPage: true });

  // Fresh workers: the same inputs now give results.
  await page.click('#run');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 120_000 });
  assert.match(await page.textContent('#status'), /^Done/);
  assert.equal(await page.$('#run-error'), null);
  assert.deepEqual(await inputs(page), before);
  assert.deepEqual(pageErrors, [], 'uncaught errors on the page');
  await page.close();
  return { ms, error };
}

test('a panic in a worker is reported at once; the workers restart and the inputs survive', { timeout: 300_000 }, async () => {
  const { ms, error } = await crashAndRecover('panic', 10_000);
  console.log(`panic reported after ${ms} ms: ${error}`);
});

test('an out-of-memory in a worker is reported; the workers restart and the inputs survive', { timeout: 300_000 }, async () => {
  const { ms, error } = await crashAndRecover('oom', 30_000);
  console.log(`out of memory reported after ${ms} ms: ${error}`);
});
