// The model canvas (issue 12), in the built app (dist/) in headless
// Chromium:
//
//   trunk build --release && node --test tests/e2e/
//
// - a construct dragged on the canvas stays where it was put, and the
//   results' path diagram keeps the arrangement (the results stay current);
// - a path drawn from one construct to another, removed again, a moderator
//   added to a selected path, an indicator and an unused column dragged
//   onto a construct: each edits the model text, which the canvas follows;
// - the same with the keyboard: arrow keys move, Enter … Enter draws a
//   path, Delete removes the path in focus;
// - "Automatic layout" puts everything back; Indonesian labels.
// Screenshots go to target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUT, start, watchedPage } from './harness.mjs';

const RUN_MS = 240_000;

let srv;
let context;
let page;
let close;
const problems = [];

before(async () => {
  ({ srv, context, close } = await start('canvas'));
  page = await watchedPage(context, problems);
});

after(async () => {
  await close?.();
});

const construct = (name) => `#model-canvas g.canvas-construct[data-construct="${name}"]`;
const model = () => page.inputValue('#model');

/** The centre of a construct's ellipse on the screen. */
async function centre(name) {
  await page.$eval('#model-canvas', (e) => e.scrollIntoView({ block: 'center' }));
  const b = await page.locator(`${construct(name)} ellipse`).boundingBox();
  assert.ok(b, `no ellipse for ${name}`);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Press at `from`, move in steps, release at `to`. */
async function drag(from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** Click a path where nothing else covers it (a construct moved onto a
 *  path hides that stretch). */
async function clickPath(from, to) {
  await page.$eval('#model-canvas', (e) => e.scrollIntoView({ block: 'center' }));
  const at = await page.$eval(`#model-canvas g.canvas-path[data-from="${from}"][data-to="${to}"]`, (g) => {
    const p = g.querySelector('path.hit');
    for (let k = 2; k <= 8; k++) {
      const q = p.getPointAtLength(p.getTotalLength() * k / 10).matrixTransform(p.getScreenCTM());
      if (g.contains(document.elementFromPoint(q.x, q.y))) return { x: q.x, y: q.y };
    }
    return null;
  });
  assert.ok(at, `${from} → ${to} is covered all along`);
  await page.mouse.click(at.x, at.y);
}

/** The ellipse's centre in the diagram's own units (cx, cy). */
const placed = (name) => page.$eval(`${construct(name)} ellipse`, (e) => [Number(e.getAttribute('cx')), Number(e.getAttribute('cy'))]);

test('dragging, drawing and dropping on the canvas edit the model; the diagram keeps the arrangement', { timeout: 300_000 }, async () => {
  await page.goto(srv.url + '?example=crm&lang=en');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: RUN_MS });
  const names = await page.$$eval('#model-canvas g.canvas-construct', (gs) => gs.map((g) => g.dataset.construct));
  assert.deepEqual(names, ['CRM', 'SC', 'BP', 'CRM*SC']);
  assert.equal(await page.locator('#model-canvas g.canvas-path').count(), 3);
  assert.equal(await page.locator('#model-canvas g.canvas-item').count(), 18);

  // move SC 60 px right and 80 px down
  const diagramBefore = await page.innerHTML('#path-diagram');
  const textBefore = await model();
  const [x0, y0] = await placed('SC');
  const c = await centre('SC');
  await drag(c, { x: c.x + 60, y: c.y + 80 });
  const [x1, y1] = await placed('SC');
  assert.ok(Math.abs(x1 - x0 - 60) < 1.5, `SC went from ${x0} to ${x1}`);
  assert.ok(Math.abs(y1 - y0 - 80) < 1.5, `SC went from ${y0} to ${y1}`);
  await page.waitForFunction((before) => document.querySelector('#path-diagram').innerHTML !== before, diagramBefore);
  assert.equal(await page.getAttribute('#results', 'data-stale'), 'false', 'moving a construct is not a change of the model');
  assert.equal(await model(), textBefore, 'the text is unchanged');

  // draw CRM → SC
  await page.check('#tool-connect');
  await drag(await centre('CRM'), await centre('SC'));
  await page.waitForFunction(() => /^SC ~ CRM$/m.test(document.querySelector('#model').value));
  await page.waitForSelector('#model-canvas g.canvas-path[data-from="CRM"][data-to="SC"]');
  assert.equal(await page.getAttribute('#results', 'data-stale'), 'true');
  // a path onto itself or into the interaction term does nothing
  const text = await model();
  await drag(await centre('SC'), await centre('CRM*SC'));
  assert.equal(await model(), text);

  // select it and remove it
  await page.check('#tool-move');
  await clickPath('CRM', 'SC');
  assert.match(await page.textContent('#canvas-selection'), /CRM → SC/);
  await page.click('#canvas-remove-path');
  await page.waitForFunction(() => !/^SC ~ CRM$/m.test(document.querySelector('#model').value));

  // remove the moderation (its term's path), then moderate SC → BP by CRM
  await clickPath('CRM*SC', 'BP');
  assert.equal(await page.$('#canvas-moderator'), null, 'an interaction term\'s path is not moderated');
  await page.click('#canvas-remove-path');
  await page.waitForFunction(() => !/CRM:SC|CRM\*SC/.test(document.querySelector('#model').value));
  await clickPath('SC', 'BP');
  await page.selectOption('#canvas-moderator', 'CRM');
  await page.click('#canvas-add-moderator');
  await page.waitForSelector('#model-canvas g.canvas-construct[data-construct="SC*CRM"]');

  // carry CRM7 to SC
  const target = await centre('SC');
  const item = await page.locator('#model-canvas g.canvas-item[data-item="CRM7"] rect').boundingBox();
  await drag({ x: item.x + item.width / 2, y: item.y + item.height / 2 }, target);
  await page.waitForFunction(() => /^SC =~ SC1 \+ SC2 \+ SC3 \+ SC4 \+ SC5 \+ SC6 \+ CRM7$/m.test(document.querySelector('#model').value));
  assert.match(await model(), /^CRM =~ CRM1 \+ CRM2 \+ CRM3 \+ CRM4 \+ CRM5 \+ CRM6$/m);
  await page.$eval('#canvas', (e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(OUT, 'canvas_en.png') });

  // the keyboard: BP two steps right, then CRM → SC by Enter, Enter
  const [bx0] = await placed('BP');
  await page.focus(construct('BP'));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(([sel, x]) => Number(document.querySelector(sel).getAttribute('cx')) > x + 19, [`${construct('BP')} ellipse`, bx0]);
  await page.focus(construct('CRM'));
  await page.keyboard.press('Enter');
  assert.match(await page.textContent('#canvas-source'), /CRM/);
  await page.focus(construct('SC'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^SC ~ CRM$/m.test(document.querySelector('#model').value));
  await page.focus('#model-canvas g.canvas-path[data-from="CRM"][data-to="SC"]');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => !/^SC ~ CRM$/m.test(document.querySelector('#model').value));

  // back to the automatic layout
  assert.equal(await page.isDisabled('#auto-layout'), false);
  await page.click('#auto-layout');
  assert.equal(await page.isDisabled('#auto-layout'), true);

  // Indonesian
  await page.click('#lang');
  await page.waitForSelector('main[lang="id"]');
  assert.match(await page.textContent('#canvas'), /Kanvas model/);
  assert.match(await page.textContent('#canvas'), /Gambar jalur/);
  await page.screenshot({ path: join(OUT, 'canvas_id.png') });
  await page.click('#lang');
  await page.waitForSelector('main[lang="en"]');

  // and the edited model runs
  await page.click('#run');
  await page.waitForSelector('main[data-phase="done"] section[data-table="paths"]', { timeout: RUN_MS });
  assert.match(await page.textContent('section[data-table="paths"]'), /SC\*CRM/);
  assert.deepEqual(problems, []);
});

test('a column the model does not use is dropped onto a construct', { timeout: 180_000 }, async () => {
  await page.goto(srv.url + '?lang=en');
  const csv = ['A1,A2,A3,B1,B2,B3,extra'];
  let seed = 3;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 60; i++) {
    const a = rnd() * 4;
    csv.push([a + rnd(), a + rnd(), a + rnd(), a + rnd(), rnd() * 5, rnd() * 5, a + rnd()].map((v) => (1 + Math.round(v)).toString()).join(','));
  }
  await page.setInputFiles('#file', { name: 'extra.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.join('\n') + '\n') });
  await page.waitForSelector('#preview');
  await page.fill('#model', 'A =~ A1 + A2 + A3\nB =~ B1 + B2 + B3\nB ~ A\n');
  await page.waitForSelector('#canvas-columns .chip[data-column="extra"]');
  const onto = await centre('A');
  const chip = await page.locator('#canvas-columns .chip[data-column="extra"]').boundingBox();
  await drag({ x: chip.x + chip.width / 2, y: chip.y + chip.height / 2 }, onto);
  await page.waitForFunction(() => /^A =~ A1 \+ A2 \+ A3 \+ extra$/m.test(document.querySelector('#model').value));
  assert.equal(await page.$('#canvas-columns .chip[data-column="extra"]'), null, 'no longer offered');
  assert.deepEqual(problems, []);
});
