// Browser half of the speed benchmark: the built app (dist/) in headless
// Chromium with 1 and 2 Web Workers, 5000-resample bootstraps of the
// reference cases and of a generated large study.
//
//   node bench/browser.mjs [--quick] > target/bench/browser.jsonl
//
// Per (case, workers): a fresh page at ?workers=N, the case's CSV uploaded
// and its model typed in, blindfolding off (only the bootstrap is timed; the
// "PLSpredict 10×10" case: no bootstrap, PLSpredict 10 folds × 10
// repetitions), one
// warm-up run (spawns the workers, compiles the wasm), then timed runs:
// from the click on Run to main[data-phase="done"], measured inside the page
// (performance.now()). Median [min, max] of 5 runs (large case: 3, or env
// BENCH_LARGE_RUNS). For the large case also: time to the point result
// (phase leaves "preparing"), the longest gap of a 10 ms setInterval probe
// over the whole run and while bootstrapping only (the whole run includes
// rendering the results), the longest "longtask" on the main thread, and the
// main thread's peak JS heap (performance.memory), and the size of the
// page's and each worker's wasm memory after the runs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = process.env.PLSWEB_DIST || join(ROOT, 'dist');
const REF = process.env.PLSWEB_REF || join(ROOT, 'tests', 'reference');
const OUT = join(ROOT, 'target', 'bench');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const QUICK = process.argv.includes('--quick');
const B = 5000;
const RUNS = 5;
const LARGE_ROWS = QUICK ? 1000 : 10_000;
const LARGE_B = QUICK ? 200 : B;
const LARGE_RUNS = Number(process.env.BENCH_LARGE_RUNS || (QUICK ? 5 : 3));

/** lavaan-style text from a reference model.json. */
function modelText(m) {
  const lines = m.constructs.map((c) => `${c.name} ${c.mode === 'B' ? '<~' : '=~'} ${c.indicators.join(' + ')}`);
  const rhs = new Map();
  for (const p of m.paths) rhs.set(p.to, [...(rhs.get(p.to) || []), p.from]);
  for (const i of m.interactions || []) rhs.set(i.dv, [...(rhs.get(i.dv) || []), `${i.iv}:${i.moderator}`]);
  for (const [to, from] of rhs) lines.push(`${to} ~ ${from.join(' + ')}`);
  return lines.join('\n');
}

/** Deterministic PRNG (mulberry32) and Box–Muller normals. */
function normals(seed) {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(Math.max(u(), 1e-12))) * Math.cos(2 * Math.PI * u());
}

/** The generated large study of examples/bench.rs `large()` (same structure,
 *  own PRNG): 10 constructs × 5 items, chain C0→…→C9, C0:C1 on C2. */
function large(n) {
  const k = 10;
  const normal = normals(5);
  const names = [];
  for (let c = 0; c < k; c++) for (let i = 1; i <= 5; i++) names.push(`C${c}_${i}`);
  const rows = [names.join(',')];
  const eta = new Array(k);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) eta[c] = c === 0 ? normal() : 0.5 * eta[c - 1] + 0.8 * normal();
    const row = [];
    for (let c = 0; c < k; c++) for (let i = 0; i < 5; i++) row.push((0.8 * eta[c] + 0.6 * normal()).toFixed(5));
    rows.push(row.join(','));
  }
  const model = [];
  for (let c = 0; c < k; c++) model.push(`C${c} =~ C${c}_1 + C${c}_2 + C${c}_3 + C${c}_4 + C${c}_5`);
  for (let c = 1; c < k; c++) model.push(`C${c} ~ C${c - 1}${c === 2 ? ' + C0:C1' : ''}`);
  const file = join(OUT, 'large.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  return { file, model: model.join('\n') };
}

const median = (v) => { const s = [...v].sort((a, b) => a - b); return [s[s.length >> 1], s[0], s[s.length - 1]]; };

async function setNumber(page, id, value) {
  await page.fill(id, String(value));
  await page.dispatchEvent(id, 'change');
}

/** One run, timed inside the page: click → done; with the responsiveness probe. */
function timedRun(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const main = document.querySelector('main');
    const probe = { maxGap: 0, bootGap: 0, byPhase: {}, longest: 0, heap: 0 };
    const heap = () => { if (performance.memory) probe.heap = Math.max(probe.heap, performance.memory.usedJSHeapSize); };
    let last = performance.now();
    let lastPhase = main.dataset.phase;
    const iv = setInterval(() => {
      const now = performance.now();
      const ph = main.dataset.phase;
      probe.maxGap = Math.max(probe.maxGap, now - last);
      // gaps wholly inside the bootstrap (not the final render of the results)
      if (ph === 'bootstrapping' && lastPhase === 'bootstrapping') probe.bootGap = Math.max(probe.bootGap, now - last);
      const k = lastPhase === ph ? ph : `${lastPhase}→${ph}`;
      probe.byPhase[k] = Math.max(probe.byPhase[k] || 0, Math.round(now - last));
      last = now;
      lastPhase = ph;
      heap();
    }, 10);
    let po = null;
    try {
      po = new PerformanceObserver((l) => { for (const e of l.getEntries()) probe.longest = Math.max(probe.longest, e.duration); });
      po.observe({ type: 'longtask' });
    } catch { /* longtask not supported */ }
    let point = null;
    let left = false;
    const t0 = performance.now();
    const finish = (err) => {
      mo.disconnect(); clearInterval(iv); po?.disconnect(); heap();
      const now = performance.now();
      probe.maxGap = Math.max(probe.maxGap, now - last);
      if (err) reject(new Error(err)); else resolve({ ms: now - t0, point_ms: point, ...probe });
    };
    const mo = new MutationObserver(() => {
      const ph = main.dataset.phase;
      if (ph !== 'done') left = true;
      if (point === null && left && ph !== 'preparing' && ph !== 'loading') point = performance.now() - t0;
      if (ph === 'failed' || ph === 'cancelled') finish(`run ended in phase ${ph}: ${document.querySelector('#status')?.textContent}`);
      else if (left && ph === 'done') finish();
    });
    mo.observe(main, { attributes: true, attributeFilter: ['data-phase'] });
    document.querySelector('#run').click();
  }));
}

async function benchCase(context, url, c, workers) {
  const load = loadavg().map((x) => +x.toFixed(2));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}?workers=${workers}`);
  await page.setInputFiles('#file', c.file);
  await page.waitForSelector('#preview', { timeout: 120_000 });
  await page.fill('#model', c.model);
  await setNumber(page, '#set-blindfold', 0);
  await setNumber(page, '#set-seed', 1);
  if (c.predict) {
    await setNumber(page, '#set-predict_folds', c.predict[0]);
    await setNumber(page, '#set-predict_repetitions', c.predict[1]);
  }
  // Warm-up: spawns the workers and compiles the wasm in them.
  await setNumber(page, '#set-bootstrap', c.warmup);
  await timedRun(page);
  await setNumber(page, '#set-bootstrap', c.b);
  const runs = [];
  for (let i = 0; i < c.runs; i++) runs.push(await timedRun(page));
  const shown = await page.textContent('#workers');
  // linear memory of the page's and each worker's wasm instance (it only
  // grows, so this is each one's peak over all runs)
  const mb = async (target) => {
    const bytes = await target.evaluate(() => (self.plswebMemoryBytes ? self.plswebMemoryBytes() : null)).catch(() => null);
    return bytes === null ? null : +(bytes / 2 ** 20).toFixed(1);
  };
  const wasmMemory = { page: await mb(page), workers: await Promise.all(page.workers().map(mb)) };
  await page.close();
  if (errors.length) throw new Error(`${c.name}: ${errors.join('; ')}`);
  const s = (k) => median(runs.map((r) => +(r[k] / 1000).toFixed(4)));
  return {
    case: c.name, resamples: c.b, workers, workers_shown: shown.trim(), runs: runs.length,
    seconds: s('ms'), point_seconds: s('point_ms'),
    max_main_thread_gap_ms: Math.round(Math.max(...runs.map((r) => r.maxGap))),
    max_gap_during_bootstrap_ms: Math.round(Math.max(...runs.map((r) => r.bootGap))),
    // longest probe gap by the phase at its start→end (which part of the run blocks the page)
    max_gap_by_phase_ms: runs.reduce((m, r) => { for (const [k, v] of Object.entries(r.byPhase)) m[k] = Math.max(m[k] || 0, v); return m; }, {}),
    longest_task_ms: Math.round(Math.max(...runs.map((r) => r.longest))),
    peak_js_heap_mb: +(Math.max(...runs.map((r) => r.heap)) / 2 ** 20).toFixed(1) || null,
    wasm_memory_mb: wasmMemory,
    loadavg_before: load,
  };
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `trunk build --release` first');
  mkdirSync(OUT, { recursive: true });
  const cases = ['synthetic_crm_sc_bp', 'mobi_moderation_two_stage', 'ecsi_basic'].map((name) => ({
    name,
    file: join(REF, name, 'data.csv'),
    model: modelText(JSON.parse(readFileSync(join(REF, name, 'model.json'), 'utf8'))),
    b: B, warmup: B, runs: RUNS,
  }));
  // PLSpredict alone (no bootstrap): 10 folds × 10 repetitions of ECSI,
  // the repetitions dealt out to the workers
  const ecsi = cases.find((c) => c.name === 'ecsi_basic');
  cases.push({ ...ecsi, name: 'ecsi_basic PLSpredict 10×10', b: 0, warmup: 0, predict: [10, 10] });
  // what PLSpredict 10×10 is measured against: a 100-resample bootstrap
  cases.push({ ...ecsi, name: 'ecsi_basic 100 resamples', b: 100, warmup: 100 });
  const lg = large(LARGE_ROWS);
  cases.push({ name: `generated ${LARGE_ROWS} × 50, 10 constructs`, ...lg, b: LARGE_B, warmup: 200, runs: LARGE_RUNS });

  const srv = await serve({ root: DIST });
  const userDataDir = mkdtempSync(join(tmpdir(), 'plsweb-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic', '--enable-precise-memory-info',
    ],
  });
  try {
    const only = process.env.BENCH_ONLY; // run only the cases whose name contains this
    for (const c of cases.filter((c) => !only || c.name.includes(only))) {
      for (const w of [1, 2]) {
        const r = await benchCase(context, srv.url, c, w);
        r.loadavg_after = loadavg().map((x) => +x.toFixed(2));
        process.stdout.write(JSON.stringify(r) + '\n');
      }
    }
  } finally {
    await context.close();
    await srv.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
