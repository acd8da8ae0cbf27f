// End-to-end: the built app (dist/) in headless Chromium.
//
//   trunk build --release && node --test tests/e2e/
//
// Serves dist/ on 127.0.0.1 and drives the real app: the bundled example,
// an uploaded CSV compared number by number with the command line
// (`plsweb analyze … --format json`), a broken CSV, and the network: any
// request that is not a same-origin GET of one of the app's files, or any
// Content-Security-Policy violation, fails the test. Then closes the server
// and checks that the app still opens and runs from the service worker cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_MODEL_LINES, OUT, ROOT, appFiles, start, watchedPage } from './harness.mjs';
const DATA = process.env.PLSWEB_DATA || join(ROOT, 'tests', 'reference', 'synthetic_crm_sc_bp', 'data.csv');
const CSV = existsSync(DATA) ? DATA : join(ROOT, 'www', 'examples', 'crm_sc_bp.csv');
const CLI = join(ROOT, 'target', 'release', 'plsweb');
const MODEL = EXAMPLE_MODEL_LINES.join('\n');

let srv;
let context;
let page;
let close;
const requests = [];
const problems = [];
const timings = {};

before(async () => {
  ({ srv, context, close } = await start('e2e'));
  // Every request the browser makes, from the page, its workers or the service worker.
  context.on('request', (r) => requests.push({ method: r.method(), url: r.url() }));
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page = await watchedPage(context, problems);
});

after(async () => {
  if (srv) writeFileSync(join(OUT, 'requests.json'), JSON.stringify({ browser: requests, server: srv.log }, null, 1));
  writeFileSync(join(OUT, 'timings.json'), JSON.stringify(timings, null, 1));
  await close?.();
});

function assertOnlyOwnFiles() {
  const own = appFiles();
  const origin = new URL(srv.url).origin;
  const bad = requests.filter(({ method, url }) => {
    // blob: URLs of this page (figures drawn to PNG) never leave the browser.
    if (method === 'GET' && url.startsWith(`blob:${origin}/`)) return false;
    const u = new URL(url);
    return method !== 'GET' || u.origin !== origin || !own.has(u.pathname);
  });
  assert.deepEqual(bad, [], 'requests other than same-origin GETs of the app files');
  const badServer = srv.log.filter(({ method, url }) => method !== 'GET' || !own.has(new URL(url, origin).pathname));
  assert.deepEqual(badServer, [], 'the server saw requests other than GETs of the app files');
}

async function assertClean() {
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations');
  assert.deepEqual(problems, []);
  assertOnlyOwnFiles();
}

/** The path table as { "CRM → BP": { O, STDEV, t, p } } (displayed text). */
async function pathTable() {
  return page.$$eval('section[data-table="paths"] tr[data-path]', (rows) => Object.fromEntries(rows.map((r) => [
    r.dataset.path,
    Object.fromEntries([...r.querySelectorAll('[data-col]')].map((c) => [c.dataset.col, c.firstChild.textContent.trim()])),
  ])));
}

/** The same numbers from the command line, formatted as the page does. */
function cliPaths() {
  if (!existsSync(CLI)) execFileSync('cargo', ['build', '--release', '--bin', 'plsweb'], { cwd: ROOT, stdio: 'inherit' });
  const modelFile = join(OUT, 'model.txt');
  writeFileSync(modelFile, MODEL + '\n');
  const json = execFileSync(CLI, ['analyze', CSV, '--model', modelFile, '--bootstrap', '1000', '--seed', '1', '--format', 'json'], { maxBuffer: 1 << 26 });
  const r = JSON.parse(json);
  const f3 = (x) => (x == null ? '—' : x.toFixed(3));
  const fp = (p) => (p == null ? '—' : p < 0.001 ? '< .001' : p.toFixed(3).replace(/^0\./, '.'));
  return Object.fromEntries(r.path_coefficients.map((p) => [`${p.from} → ${p.to}`, { O: f3(p.estimate), STDEV: f3(p.se), t: f3(p.t), p: fp(p.p) }]));
}

test('the example runs from the button and from ?example=crm', { timeout: 180_000 }, async () => {
  const t0 = Date.now();
  await page.goto(srv.url);
  await page.click('#example');
  await page.waitForSelector('section[data-table="paths"]', { timeout: 60_000 });
  timings.open_to_point_result_ms = Date.now() - t0;
  await page.waitForSelector('main[data-phase="done"]', { timeout: 120_000 });
  timings.open_to_example_done_ms = Date.now() - t0;
  assert.equal(await page.inputValue('#model'), MODEL + '\n');
  assert.match(await page.textContent('#status'), /^Done/);
  assert.ok((await page.$$('#preview tbody tr')).length >= 10, 'preview rows');
  assert.equal(await page.getAttribute('#results', 'data-complete'), 'true');
  assert.ok(await page.$('#path-diagram svg'), 'path diagram');
  assert.ok(await page.$('.slope-plot svg'), 'slope plot');
  // Flags carry a text marker, not only a colour.
  const flagged = await page.$$eval('td.good .mark, td.bad .mark', (m) => m.length);
  assert.ok(flagged > 0);
  await page.screenshot({ path: join(OUT, 'results.png'), fullPage: true });

  // The form measures a construct in Mode B and back, by rewriting the text.
  await page.selectOption('#mode-SC', 'B');
  assert.match(await page.inputValue('#model'), /^SC <~ SC1/m);
  assert.equal(await page.inputValue('#mode-SC'), 'B');
  await page.selectOption('#mode-SC', 'A');
  const back = await page.inputValue('#model');
  assert.match(back, /^SC =~ SC1 \+ SC2 \+ SC3 \+ SC4 \+ SC5 \+ SC6$/m);
  assert.doesNotMatch(back, /<~/);
  assert.match(back, /^BP ~ CRM \+ SC \+ CRM[*:]SC$/m);

  await page.goto(srv.url + '?example=crm');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 120_000 });
  await page.goto(srv.url + '#example=crm');
  await page.reload();
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 120_000 });
  await assertClean();
});

test('an uploaded CSV gives the numbers of the command line', { timeout: 600_000 }, async () => {
  const expected = cliPaths();
  await page.goto(srv.url);
  await page.setInputFiles('#file', CSV);
  await page.waitForSelector('#preview');
  await page.fill('#model', MODEL);
  await page.fill('#set-bootstrap', '1000');
  await page.dispatchEvent('#set-bootstrap', 'change');
  await page.fill('#set-seed', '1');
  await page.dispatchEvent('#set-seed', 'change');
  const t0 = Date.now();
  await page.click('#run');
  await page.waitForSelector('main[data-phase="done"]', { timeout: 300_000 });
  timings.upload_1000_resamples_ms = Date.now() - t0;
  const shown = await pathTable();
  const pick = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { O: v.O, STDEV: v.STDEV, t: v.t, p: v.p }]));
  assert.deepEqual(pick(shown), expected);
  assert.equal(Object.keys(shown).length, 3);
  await assertClean();
});

test('PLSpredict on two workers gives the numbers of the command line', { timeout: 600_000 }, async () => {
  if (!existsSync(CLI)) execFileSync('cargo', ['build', '--release', '--bin', 'plsweb'], { cwd: ROOT, stdio: 'inherit' });
  const modelFile = join(OUT, 'model.txt');
  writeFileSync(modelFile, MODEL + '\n');
  const r = JSON.parse(execFileSync(CLI, ['analyze', CSV, '--model', modelFile, '--bootstrap', '0', '--predict', '5', '--predict-repetitions', '4', '--format', 'json'], { maxBuffer: 1 << 26 }));
  const f3 = (x) => (x == null ? '—' : x.toFixed(3));
  const expected = Object.fromEntries(Object.entries(r.predict.indicators).map(([item, f]) => [item, [f3(f.q2_predict), f3(f.rmse), f3(f.lm_rmse), f3(f.ia_rmse)]]));
  await page.goto(srv.url + '?workers=2&lang=en');
  await page.setInputFiles('#file', CSV);
  await page.waitForSelector('#preview');
  await page.fill('#model', MODEL);
  for (const [id, v] of [['#set-bootstrap', '200'], ['#set-seed', '1'], ['#set-predict_folds', '5'], ['#set-predict_repetitions', '4']]) {
    await page.fill(id, v);
    await page.dispatchEvent(id, 'change');
  }
  // the progress bar follows the repetitions as the workers finish them
  const watch = page.evaluate(() => new Promise((resolve) => {
    const seen = new Set();
    const mo = new MutationObserver(() => {
      const bar = document.querySelector('#progress');
      if (bar?.dataset.stage === 'predicting') seen.add(bar.getAttribute('value'));
      if (document.querySelector('main').dataset.phase === 'done') { mo.disconnect(); resolve([...seen]); }
    });
    mo.observe(document.body, { subtree: true, attributes: true, childList: true });
  }));
  await page.click('#run');
  await page.waitForSelector('main[data-phase="done"]', { timeout: 300_000 });
  const stages = await watch;
  assert.ok(stages.length >= 1, `PLSpredict progress shown: ${stages.join()}`);
  const shown = await page.$$eval('section[data-table="predict_indicators"] tr[data-row]', (rows) => Object.fromEntries(rows.map((tr) => {
    const cells = [...tr.querySelectorAll('[data-col]')].map((c) => c.firstChild.textContent.trim());
    return [cells[0], [cells[1], cells[2], cells[3], cells[6]]];
  })));
  assert.deepEqual(shown, expected);
  assert.equal(Object.keys(shown).length, 5, 'the five BP indicators');
  await assertClean();
});

test('a broken CSV names the row and keeps the model', { timeout: 60_000 }, async () => {
  await page.goto(srv.url);
  await page.fill('#model', MODEL);
  await page.setInputFiles('#file', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c\n1,2,3\n4,5\n6,7,8\n') });
  await page.waitForSelector('#data-error');
  assert.match(await page.textContent('#data-error'), /[Rr]ow 3/);
  assert.equal(await page.inputValue('#model'), MODEL);
  assert.equal(await page.$('#preview'), null);
  await page.screenshot({ path: join(OUT, 'broken.png'), fullPage: true });
  // Bahasa Indonesia: the same place, in the other language.
  await page.click('#lang');
  assert.match(await page.textContent('#data-error'), /[Bb]aris (data )?3/);
  assert.match(await page.textContent('.tagline'), /Data Anda tidak pernah/);
  await page.click('#lang');
  await assertClean();
});

test('cancel stops the bootstrap and keeps the point result', { timeout: 120_000 }, async () => {
  await page.goto(srv.url);
  await page.setInputFiles('#file', CSV);
  await page.waitForSelector('#preview');
  await page.fill('#model', MODEL);
  await page.fill('#set-bootstrap', '100000');
  await page.dispatchEvent('#set-bootstrap', 'change');
  await page.click('#run');
  await page.waitForFunction(() => Number(document.querySelector('#progress').value) > 0, null, { timeout: 60_000 });
  await page.click('#cancel');
  await page.waitForSelector('main[data-phase="cancelled"]', { timeout: 60_000 });
  assert.ok(await page.$('section[data-table="paths"]'), 'point result still shown');
  assert.equal(await page.getAttribute('#results', 'data-complete'), 'false');
  await assertClean();
});

/** A table as displayed: header texts and the cell texts of every row. */
async function displayedTable(id) {
  return page.$eval(`section[data-table="${id}"] table`, (t) => ({
    columns: [...t.querySelectorAll('thead th')].map((c) => c.textContent.trim()),
    rows: [...t.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.firstChild ? c.firstChild.textContent.trim() : '')),
  }));
}

/** Parse RFC 4180 CSV (quotes, doubled quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') { if (ch === '\r' && text[i + 1] === '\n') i++; row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

async function downloaded(click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = join(OUT, dl.suggestedFilename());
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), file };
}

test('exports: CSV equals the table, JSON loads back, figures as SVG and PNG, the methods paragraph', { timeout: 180_000 }, async () => {
  await page.goto(srv.url + '?example=crm');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 120_000 });
  // CSV of every table: same header, same rows; numbers as shown, at full precision.
  for (const id of ['paths', 'reliability', 'outer_model']) {
    const table = await displayedTable(id);
    // An interval "[a, b]" is two numeric columns in the file.
    const isCi = table.columns.map((_, j) => table.rows.some((r) => /^\[.*\]$/.test(r[j])));
    const shown = {
      columns: table.columns.flatMap((c, j) => (isCi[j] ? [`${c} lower`, `${c} upper`] : [c])),
      rows: table.rows.map((r) => r.flatMap((s, j) => (isCi[j] ? (s === '—' ? ['—', '—'] : s.slice(1, -1).split(', ')) : [s]))),
    };
    const { file } = await downloaded(() => page.click(`section[data-table="${id}"] button.csv`));
    const csv = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')).filter((r) => r.length > 1 || r[0] !== '');
    assert.deepEqual(csv[0], shown.columns, `${id}: header`);
    assert.equal(csv.length - 1, shown.rows.length, `${id}: rows`);
    csv.slice(1).forEach((r, i) => r.forEach((v, j) => {
      const s = shown.rows[i][j];
      const x = Number(v);
      if (v !== '' && Number.isFinite(x) && /^-?\d+\.\d{3}$/.test(s)) assert.equal(x.toFixed(3), s, `${id} row ${i} col ${j}`);
      else if (/^\.\d{3}$/.test(s)) assert.equal(x.toFixed(3).replace(/^0\./, '.'), s, `${id} row ${i} col ${j}`);
      else if (s === '< .001') assert.ok(x < 0.001, `${id} row ${i} col ${j}`);
      else if (s === '—') assert.ok(v === '' || v === '—', `${id} row ${i} col ${j}: ${v}`);
      else assert.equal(v, s.replace(/ [✓✗]$/, ''), `${id} row ${i} col ${j}`);
    }));
  }
  const methods = await page.textContent('#methods-text');
  assert.match(methods, /PLS-SEM was estimated with the path weighting scheme/);
  assert.match(methods, /bootstrapping with \d+ subsamples \(seed 1;/);
  assert.match(await page.textContent('#citation'), /plsweb version \d/);

  // Figures.
  const svgDl = await downloaded(() => page.click('#path-diagram button.download-svg'));
  assert.match(readFileSync(svgDl.file, 'utf8'), /^<svg xmlns/);
  const pngDl = await downloaded(() => page.click('#path-diagram button.download-png'));
  const png = readFileSync(pngDl.file);
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'PNG signature');
  assert.ok(png.length > 5000, 'PNG has content');
  const slopePng = await downloaded(() => page.click('.slope-plot button.download-png'));
  assert.ok(readFileSync(slopePng.file).length > 5000);
  await page.screenshot({ path: join(OUT, 'path-diagram.png'), clip: await page.$eval('#path-diagram', (e) => { const b = e.getBoundingClientRect(); return { x: b.x, y: b.y + window.scrollY, width: b.width, height: b.height }; }), fullPage: true });
  await page.screenshot({ path: join(OUT, 'slope-plot.png'), clip: await page.$eval('.slope-plot', (e) => { const b = e.getBoundingClientRect(); return { x: b.x, y: b.y + window.scrollY, width: b.width, height: b.height }; }), fullPage: true });

  // JSON: download, open a fresh page, load it back: the same tables.
  const before = {};
  for (const id of ['paths', 'reliability', 'r_squared', 'fit']) before[id] = await displayedTable(id);
  const methodsBefore = methods;
  const json = await downloaded(() => page.click('#download-json'));
  const parsed = JSON.parse(readFileSync(json.file, 'utf8'));
  assert.equal(parsed.program, 'plsweb');
  assert.equal(parsed.settings.seed, 1);
  // Every table in one workbook: a sheet per table on the page, estimates
  // at full precision (the entries are stored, so the XML reads as text).
  const xlsx = await downloaded(() => page.click('#download-xlsx'));
  assert.equal(xlsx.name, 'plsweb_results.xlsx');
  const book = readFileSync(xlsx.file);
  assert.deepEqual([...book.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'zip signature');
  const text = book.toString('latin1');
  // the "About" sheet first, then a sheet per table
  assert.equal((text.match(/<sheet name=/g) || []).length, 1 + await page.$$eval('section.table', (t) => t.length));
  assert.match(text, /<sheets><sheet name="About" sheetId="1"/);
  assert.ok(text.includes(`<v>${parsed.path_coefficients[0].estimate}</v>`), 'the first path estimate, unrounded');
  await page.goto(srv.url);
  await page.setInputFiles('#load-json', json.file);
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 30_000 });
  for (const id of Object.keys(before)) assert.deepEqual(await displayedTable(id), before[id], `${id} after loading the JSON`);
  // a loaded result is what it says: not out of date
  assert.equal(await page.getAttribute('#results', 'data-stale'), 'false');
  assert.equal(await page.isDisabled('#download-json'), false);
  assert.equal(await page.textContent('#methods-text'), methodsBefore);
  assert.equal(await page.inputValue('#model'), parsed.model_syntax);
  // Print view: controls hidden, the report kept.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#run'), false);
  assert.equal(await page.isVisible('#download-json'), false);
  assert.equal(await page.isVisible('#methods'), true);
  assert.equal(await page.isVisible('#path-diagram svg'), true);
  await page.screenshot({ path: join(OUT, 'print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await assertClean();
});

/** English table titles that must not remain on the Indonesian page. */
const ENGLISH_TITLES = [
  'Outer loadings, weights and indicator VIF', 'Construct reliability and validity', 'Fornell-Larcker criterion',
  'Heterotrait-monotrait ratio (HTMT)', 'Cross loadings', 'Path coefficients (bootstrap)',
  'Explained variance and predictive relevance', 'Collinearity of predictors (inner VIF)', 'Model fit',
  'Simple slopes of', 'Path diagram', 'Methods', 'Download JSON', 'Print / Save as PDF', '4. Results',
];

/** English column headers that must not remain on the Indonesian page. */
const ENGLISH_HEADERS = [
  'Construct', 'Indicator', 'Loading', 'Weight', 'Path', 'STDEV', 'Verdict', 'Adjusted R²', 'Index', 'Value',
  'Moderator level', 'Slope', "Cronbach's α", 'Effect', 'Estimate',
];

test('bootstrap histogram of a path on demand, CI marked, downloadable', { timeout: 180_000 }, async () => {
  await page.goto(srv.url + '?example=crm&lang=en');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 120_000 });
  const buttons = await page.$$('section[data-table="paths"] button.histogram');
  assert.equal(buttons.length, await page.$$eval('section[data-table="paths"] tr[data-path]', (r) => r.length), 'one button per path');
  await buttons[0].click();
  await page.waitForSelector('#histogram svg');
  assert.equal(await page.$$eval('#histogram svg rect.bar', (b) => b.length), 30);
  assert.equal(await page.$$eval('#histogram svg line.estimate', (b) => b.length), 1);
  assert.equal(await page.$$eval('#histogram svg line.ci-bound', (b) => b.length), 2);
  assert.match(await page.textContent('#histogram svg'), /95% CI \[/);
  const dl = await downloaded(() => page.click('#histogram button.download-svg'));
  assert.match(dl.name, /^plsweb_histogram_.*\.svg$/);
  assert.match(readFileSync(dl.file, 'utf8'), /^<svg xmlns/);
  await page.screenshot({ path: join(OUT, 'histogram.png'), clip: await page.$eval('#histogram', (e) => { const b = e.getBoundingClientRect(); return { x: b.x, y: b.y + window.scrollY, width: b.width, height: b.height }; }), fullPage: true });
  // The same button hides it again.
  await buttons[0].click();
  assert.equal(await page.$('#histogram'), null);
  await assertClean();
});

test('Bahasa Indonesia on the results page; ?embed=1 hides the chrome', { timeout: 180_000 }, async () => {
  await page.goto(srv.url + '?example=crm&lang=en');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 120_000 });
  await page.screenshot({ path: join(OUT, 'results-en.png'), fullPage: true });
  await page.click('#lang');
  assert.equal(await page.getAttribute('main', 'lang'), 'id');
  const text = await page.textContent('#results');
  for (const title of ENGLISH_TITLES) assert.ok(!text.includes(title), `English on the Indonesian page: ${title}`);
  const headers = await page.$$eval('#results thead th', (ths) => ths.map((th) => th.textContent.trim()));
  for (const h of ENGLISH_HEADERS) assert.ok(!headers.includes(h), `English column header on the Indonesian page: ${h}`);
  assert.ok(headers.includes('Jalur') && headers.includes('Keputusan'), headers.join(' | '));
  const verdicts = await page.$$eval('section[data-table="paths"] td[data-col="Verdict"]', (tds) => tds.map((td) => td.firstChild.textContent.trim()));
  assert.ok(verdicts.some((v) => /^(tidak )?signifikan$/.test(v)), verdicts.join(' | '));
  assert.ok(!verdicts.some((v) => /significant/.test(v)), verdicts.join(' | '));
  const estimate = await page.textContent('section[data-table="paths"] td[data-col="O"]');
  assert.match(estimate.trim(), /^-?\d+,\d{3}$/, 'decimal comma on screen');
  const { file: csvId } = await downloaded(() => page.click('section[data-table="paths"] button.csv'));
  // for Indonesian Excel: `;` between fields, decimal commas, full precision
  const csvRow = readFileSync(csvId, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[1].split(';');
  assert.ok(Number.isFinite(Number(csvRow[1].replace(',', '.'))) && csvRow[1].includes(',') && csvRow[1].length > 6, `CSV for Indonesian Excel: ${csvRow[1]}`);
  // The histogram follows the language too.
  await page.click('section[data-table="paths"] button.histogram');
  await page.waitForSelector('#histogram svg');
  assert.match(await page.textContent('#histogram svg title'), /^Distribusi bootstrap /);
  await page.click('#histogram button.close-histogram');
  assert.equal(await page.$('#histogram'), null);
  assert.match(await page.textContent('#methods-text'), /PLS-SEM diestimasi dengan skema pembobotan/);
  assert.match(await page.textContent('#offline-note'), /tanpa internet/);
  await page.screenshot({ path: join(OUT, 'results-id.png'), fullPage: true });
  await page.click('#lang');

  await page.goto(srv.url + '?embed=1&example=crm');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 120_000 });
  assert.equal(await page.$('main > header'), null, 'no header when embedded');
  assert.equal(await page.$('main > footer'), null, 'no footer when embedded');
  assert.ok(await page.isVisible('#lang'), 'the language switch stays');
  await page.goto(srv.url);
  await page.waitForSelector('main > header h1', { state: 'visible', timeout: 30_000 });
  assert.match(await page.textContent('#offline-note'), /works offline/);
  await assertClean();
});

test('opens and runs the example offline from the service worker cache', { timeout: 120_000 }, async () => {
  await page.goto(srv.url);
  const sw = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
  assert.equal(sw, 'activated');
  await srv.close();
  const seen = srv.log.length;
  await page.reload();
  await page.click('#example');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: 120_000 });
  assert.equal(srv.log.length, seen, 'the closed server got no requests');
  await assertClean();
});
