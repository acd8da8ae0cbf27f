// Shared by the browser tests: paths, the static server for dist/, a fresh
// headless Chromium, and the list of the app's own files.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(ROOT, 'dist');
export const OUT = join(ROOT, 'target', 'e2e');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The built-in example's model, line by line (as the app writes it). */
export const EXAMPLE_MODEL_LINES = [
  'CRM =~ CRM1 + CRM2 + CRM3 + CRM4 + CRM5 + CRM6 + CRM7',
  'SC =~ SC1 + SC2 + SC3 + SC4 + SC5 + SC6',
  'BP =~ BP1 + BP2 + BP3 + BP4 + BP5',
  'BP ~ CRM + SC + CRM:SC',
];

/** Serve dist/ on 127.0.0.1 and open Chromium with a new profile.
 *  Resolves to { srv, context, close }. */
export async function start(name) {
  assert.ok(existsSync(join(DIST, 'index.html')), 'dist/ is missing: run `trunk build --release` first');
  mkdirSync(OUT, { recursive: true });
  const srv = await serve({ root: DIST });
  const userDataDir = mkdtempSync(join(tmpdir(), `plsweb-${name}-`));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 900 },
    // as root, and with no network but loopback (see TOOLCHAIN notes)
    args: [
      '--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic',
    ],
  });
  const close = async () => {
    await context?.close();
    await srv?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { srv, context, close };
}

/** The first page of a context, its errors and console errors collected
 *  into `problems` (a test ends by asserting there were none). */
export async function watchedPage(context, problems) {
  const page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  return page;
}

/** The app's own files: what dist/ holds, plus the folder itself. */
export function appFiles() {
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
