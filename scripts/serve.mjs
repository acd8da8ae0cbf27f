// A tiny static file server for dist/ (no dependencies). Used by ./run and by
// the browser tests. GET and HEAD only, files under the root only, the right
// MIME type for .wasm (needed by WebAssembly.instantiateStreaming) and .js.
//
//   node scripts/serve.mjs [dir] [port] [host]      (defaults: dist 8080 127.0.0.1)
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Serve `root`; resolves to { url, server, log, close }. `log` lists every request seen. */
export function serve({ root, port = 0, host = '127.0.0.1' }) {
  const base = resolve(root);
  const log = [];
  const server = createServer((req, res) => {
    log.push({ method: req.method, url: req.url });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(join(base, path));
    let st;
    try {
      st = statSync(file);
    } catch {
      st = null;
    }
    if (!(file === base || file.startsWith(base + sep)) || !st || !st.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] || 'application/octet-stream',
      'Content-Length': st.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: p } = server.address();
      ok({
        url: `http://${host}:${p}/`,
        server,
        log,
        close: () => new Promise((done) => { server.close(() => done()); server.closeAllConnections(); }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080', host = '127.0.0.1'] = process.argv.slice(2);
  const { url } = await serve({ root: dir, port: Number(port), host });
  console.log(`Serving ${resolve(dir)} at ${url}  (Ctrl-C to stop)`);
  console.log(`Open ${url}?example=crm for the built-in example study, analysed at once.`);
}
