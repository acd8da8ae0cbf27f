// The power analysis in the built app (dist/) in headless Chromium: the
// example's model, "Plan sample size" at n = 40, 60, 100, 150, 200, 300 with
// R replications and B resamples per replication (default 500 × 500, the
// speed target: 1.5 million fits), with 1 and 2 Web Workers. Timed inside
// the page from the click to the result (performance.now()); one JSON line
// per worker count.
//
//   node bench/power_browser.mjs [R B]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = process.env.PLSWEB_DIST || join(ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const [R, B] = [Number(process.argv[2] || 500), Number(process.argv[3] || 500)];
const SIZES = [40, 60, 100, 150, 200, 300];

const srv = await serve({ root: DIST });
const dir = mkdtempSync(join(tmpdir(), 'plsweb-power-bench-'));
const context = await chromium.launchPersistentContext(dir, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  for (const workers of [1, 2]) {
    const page = await context.newPage();
    await page.goto(`${srv.url}?example=crm&workers=${workers}`);
    await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 300_000 });
    await page.fill('#power-n', SIZES.join(', '));
    await page.fill('#power-replications', String(R));
    await page.fill('#power-resamples', String(B));
    const load0 = loadavg()[0];
    const ms = await page.evaluate(() => new Promise((resolve) => {
      const t0 = performance.now();
      const probe = setInterval(() => {
        if (document.querySelector('#power-result section[data-table="power"]')) {
          clearInterval(probe);
          resolve(performance.now() - t0);
        }
      }, 20);
      document.querySelector('#plan').click();
    }));
    const fits = SIZES.length * R * (B + 1);
    console.log(JSON.stringify({ bench: 'power', workers, replications: R, resamples: B, sizes: SIZES, seconds: +(ms / 1000).toFixed(2), fits_per_second: Math.round(fits / (ms / 1000)), load: [+load0.toFixed(2), +loadavg()[0].toFixed(2)] }));
    await page.close();
  }
} finally {
  await context.close();
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
}
