// A survey file as it comes (issues 11 and 12), in the built app (dist/) in
// headless Chromium:
//
//   trunk build --release && node --test tests/e2e/
//
// - text columns (a firm's name, a gender) are kept as text and shown in the
//   preview; a model that uses one as an indicator is told where its text is;
// - the gender column groups the rows of a multigroup analysis (PLS-MGA,
//   permutation test, MICOM) chosen on the page, with an
//   importance-performance map, in English and Indonesian;
// - mediation: specific indirect effects, mediators marked, floodlight;
// - "Plan sample size": a power analysis in the workers, its tables, curves
//   and sentence, and Cancel.
// Screenshots go to target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUT, start, watchedPage } from './harness.mjs';

const RUN_MS = 240_000;

/** 120 firms: a name, a gender, and two three-item scales (1–7). */
function surveyFile() {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = [];
  for (let i = 0; i < 120; i++) {
    const a = rnd() * 4;
    const b = 0.6 * a + rnd() * 2;
    const items = [a + rnd(), a + rnd(), a + rnd(), b + rnd(), b + rnd(), b + rnd()].map((v) => Math.min(7, 1 + Math.round(v)).toString());
    rows.push([`"PT Firma ${i + 1}, Tbk"`, i % 3 === 0 ? 'F' : 'M', ...items].join(','));
  }
  return { name: 'firms.csv', mimeType: 'text/csv', buffer: Buffer.from(['firm,gender,Q1,Q2,Q3,R1,R2,R3', ...rows].join('\n') + '\n') };
}

let srv;
let context;
let page;
let close;
const problems = [];

before(async () => {
  ({ srv, context, close } = await start('study'));
  page = await watchedPage(context, problems);
});

after(async () => {
  await close?.();
});

// fill() types into the field as a user does (input events)
const fill = (selector, value) => page.fill(selector, value);

test('text columns are kept; a gender column groups a multigroup analysis with MICOM and an IPMA', { timeout: 600_000 }, async () => {
  await page.goto(srv.url + '?lang=en');
  await page.setInputFiles('#file', surveyFile());
  await page.waitForSelector('#preview th.text-column');
  const textHeads = await page.$$eval('#preview th.text-column', (ths) => ths.map((th) => th.dataset.column));
  assert.deepEqual(textHeads, ['firm', 'gender']);
  assert.match(await page.textContent('#text-columns'), /firm \(> 20 values\); gender \(2 values: F, M\)/);
  assert.match(await page.textContent('#preview tbody tr:nth-child(5)'), /PT Firma 1, Tbk/);
  await page.waitForFunction(() => document.querySelector('#model').value.startsWith('Q =~'));
  // a path, so that R has a predecessor (the proposal has none)
  await page.fill('#model', 'Q =~ Q1 + Q2 + Q3\nR =~ R1 + R2 + R3\nR ~ Q\n');
  const options = await page.$$eval('#set-groups option', (os) => os.map((o) => o.value));
  assert.deepEqual(options.slice(0, 3), ['', 'firm', 'gender']);
  assert.ok(!options.includes('Q1'), 'a column the model uses cannot group');
  await page.selectOption('#set-groups', 'gender');
  await fill('#set-permutations', '100');
  await page.check('#set-micom');
  await page.check('#set-mga_measures');
  await page.selectOption('#set-ipma', 'R');
  await fill('#set-ipma_scale', '1,7');
  await fill('#set-bootstrap', '200');
  await page.click('#run');
  await page.waitForSelector('main[data-phase="done"] section[data-table="group_differences"]', { timeout: RUN_MS });
  const mga = await page.textContent('section[data-table="group_differences"]');
  assert.match(mga, /Q → R/);
  assert.match(mga, /F/);
  assert.ok(await page.isVisible('section[data-table="micom"]'));
  assert.match(await page.textContent('section[data-table="group_measures"]'), /loading Q1 \(Q\)/);
  assert.match(await page.textContent('section[data-table="group_measures"]'), /R² R/);
  assert.ok(await page.isVisible('section[data-table="ipma"]'));
  assert.ok(await page.isVisible('.ipma-map svg'));
  const toc = await page.textContent('#toc');
  assert.match(toc, /Multigroup analysis/);
  assert.match(toc, /Importance-performance map/);
  await page.$eval('section[data-table="group_differences"]', (e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(OUT, 'groups_en.png') });
  await page.click('#lang');
  await page.waitForSelector('main[lang="id"]');
  assert.match(await page.textContent('#toc'), /Analisis multigrup/);
  await page.$eval('#study', (e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(OUT, 'groups_study_id.png') });
  await page.$eval('section[data-table="group_differences"]', (e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(OUT, 'groups_id.png') });
  await page.click('#lang');
  await page.waitForSelector('main[lang="en"]');

  // a text column used as an indicator: the error names its first text cell
  await page.fill('#model', 'Q =~ Q1 + Q2 + firm\nR =~ R1 + R2 + R3\nR ~ Q\n');
  await page.selectOption('#set-groups', '');
  await page.click('#run');
  await page.waitForSelector('main[data-phase="failed"]', { timeout: RUN_MS });
  const error = await page.textContent('#run-error');
  assert.match(error, /firm/);
  assert.match(error, /[Rr]ow 2, column firm/);
  // a misspelt indicator: the reason is beside Run too, not only at the
  // model box (which may be out of view)
  await page.fill('#model', 'Q =~ Q1 + Q2 + Q9x\nR =~ R1 + R2 + R3\nR ~ Q\n');
  await page.click('#run');
  await page.waitForSelector('main[data-phase="failed"] #run-error', { timeout: RUN_MS });
  assert.match(await page.textContent('#run-error'), /Q9x/);
  assert.deepEqual(problems, []);
});

test('mediation: specific indirect effects, the mediator marked in the diagram, a floodlight plot', { timeout: 300_000 }, async () => {
  await page.goto(srv.url + '?example=crm&lang=en');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: RUN_MS });
  assert.equal(await page.$$eval('#path-diagram svg [data-role="mediator"]', (es) => es.length), 0);
  const model = await page.inputValue('#model');
  await page.fill('#model', model.trimEnd() + '\nSC ~ CRM\n');
  await page.check('#set-mediation');
  await fill('#set-bootstrap', '500');
  await page.click('#run');
  await page.waitForSelector('main[data-phase="done"] section[data-table="specific_indirect_effects"]', { timeout: RUN_MS });
  const routes = await page.textContent('section[data-table="specific_indirect_effects"]');
  assert.match(routes, /CRM → SC → BP/);
  assert.equal(await page.$$eval('#path-diagram svg [data-role="mediator"]', (es) => es.length), 1);
  assert.match(await page.textContent('#path-diagram svg'), /orange outline: mediator/);
  assert.ok(await page.isVisible('.floodlight-plot svg'));
  assert.ok(await page.isVisible('section[data-table="floodlight"]'));
  await page.$eval('section[data-table="specific_indirect_effects"]', (e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(OUT, 'mediation_en.png') });
  await page.click('#lang');
  await page.waitForSelector('main[lang="id"]');
  assert.match(await page.textContent('section[data-table="specific_indirect_effects"]'), /Efek tidak langsung spesifik/);
  await page.$eval('#path-diagram', (e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(OUT, 'mediation_diagram_id.png') });
  await page.click('#lang');
  assert.deepEqual(problems, []);
});

test('plan sample size: a power analysis in the workers, its tables and curves; Cancel stops it at once', { timeout: 300_000 }, async () => {
  await page.goto(srv.url + '?example=crm&lang=en');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: RUN_MS });
  await fill('#power-n', '40, 100, 200');
  await fill('#power-replications', '40');
  await fill('#power-resamples', '50');
  await page.click('#plan');
  await page.waitForSelector('#power-result section[data-table="power"]', { timeout: RUN_MS });
  const power = await page.textContent('#power-result section[data-table="power"]');
  assert.match(power, /CRM\*SC → BP/);
  assert.ok(await page.isVisible('#power-result section[data-table="kock_hadaya"]'));
  assert.ok(await page.isVisible('#power-result .power-plot svg'));
  assert.match(await page.textContent('#power-sentence'), /Monte-Carlo/);
  assert.equal(await page.isDisabled('#run'), false);
  await page.$eval('#power', (e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(OUT, 'power_en.png') });
  await page.click('#lang');
  await page.waitForSelector('main[lang="id"]');
  assert.match(await page.textContent('#power'), /Rencanakan ukuran sampel/);
  await page.$eval('#power-result', (e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(OUT, 'power_id.png') });
  await page.click('#lang');
  await page.waitForSelector('main[lang="en"]');
  // a long one, cancelled: the page is free again at once
  await fill('#power-replications', '500');
  await fill('#power-resamples', '500');
  await page.click('#plan');
  await page.waitForSelector('#power-progress');
  const t0 = Date.now();
  await page.click('#cancel-plan');
  await page.waitForSelector('#plan:not([disabled])');
  assert.ok(Date.now() - t0 < 1000, `Cancel took ${Date.now() - t0} ms`);
  assert.equal(await page.$('#power-progress'), null);
  // and the next analysis runs on fresh workers
  await page.click('#run');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: RUN_MS });
  assert.deepEqual(problems, []);
});

test('the model form deletes a path and moves an indicator; the text follows', { timeout: 180_000 }, async () => {
  await page.goto(srv.url + '?example=crm&lang=en');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: RUN_MS });
  await page.selectOption('#remove-path-select', { label: 'CRM*SC → BP' });
  await page.click('#remove-path');
  assert.match(await page.inputValue('#model'), /^BP ~ CRM \+ SC$/m);
  await page.selectOption('#move-item-select', 'CRM7');
  await page.selectOption('#move-item-to', 'SC');
  await page.click('#move-item');
  const model = await page.inputValue('#model');
  assert.match(model, /^CRM =~ CRM1 \+ CRM2 \+ CRM3 \+ CRM4 \+ CRM5 \+ CRM6$/m);
  assert.match(model, /^SC =~ SC1 \+ SC2 \+ SC3 \+ SC4 \+ SC5 \+ SC6 \+ CRM7$/m);
  // the results are now out of date, and a run gives the edited model's
  await page.waitForSelector('#results[data-stale="true"]');
  await page.click('#run');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: RUN_MS });
  assert.doesNotMatch(await page.textContent('section[data-table="paths"]'), /CRM\*SC/);
  assert.deepEqual(problems, []);
});
