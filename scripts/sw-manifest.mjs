// Trunk post_build hook: writes the service worker's precache list and cache
// version into the staged sw.js, from the files actually built.
// Also refuses a build whose index.html contains an inline script, which the
// Content-Security-Policy would block.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error('sw-manifest: TRUNK_STAGING_DIR not set (run from trunk, or pass the folder)');
  process.exit(1);
}

function walk(d) {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]);
}

const files = walk(dir)
  .map((p) => relative(dir, p).split(sep).join('/'))
  .filter((f) => f !== 'sw.js' && !f.endsWith('.d.ts'))
  .sort();

const html = readFileSync(join(dir, 'index.html'), 'utf8');
const inline = [...html.matchAll(/<script\b([^>]*)>/gi)].filter((m) => !/\bsrc\s*=/.test(m[1]));
if (inline.length) {
  console.error(`sw-manifest: index.html has ${inline.length} inline <script>; the CSP forbids them`);
  process.exit(1);
}

const h = createHash('sha256');
for (const f of files) h.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
const version = h.digest('hex').slice(0, 16);

const swPath = join(dir, 'sw.js');
let sw = readFileSync(swPath, 'utf8');
const list = files.map((f) => './' + f);
const before = sw;
sw = sw.replace(/^const VERSION = .*\/\/ @version.*$/m, `const VERSION = ${JSON.stringify(version)};`);
sw = sw.replace(/^const FILES = .*\/\/ @files.*$/m, `const FILES = ${JSON.stringify(list)};`);
if (sw === before || /@version|@files/.test(sw.split('\n').filter((l) => l.startsWith('const')).join('\n'))) {
  console.error('sw-manifest: markers not found in sw.js');
  process.exit(1);
}
writeFileSync(swPath, sw);
console.log(`sw-manifest: ${list.length} files, cache version ${version}`);
