// Service worker: the app opens offline after one visit.
//
// Cache-first for the app's own files and nothing else: the list below is the
// exact set of files Trunk built, written by scripts/sw-manifest.mjs together
// with a version derived from their contents. A new build is a new sw.js, so
// the browser installs it, it caches the new files under a new name and
// deletes the old cache. Any other request (there should be none) is left to
// the network and never stored.
'use strict';

const VERSION = 'dev'; // @version (replaced at build time)
const FILES = []; // @files (replaced at build time)

const PREFIX = 'plsweb-';
const CACHE = PREFIX + VERSION;
const base = new URL('./', self.location.href);
const urls = new Set(FILES.map((f) => new URL(f, base).href));
const index = new URL('index.html', base).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(new URL(f, base).href, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  url.search = '';
  url.hash = '';
  // The folder itself is the index page.
  const key = url.href === base.href ? index : url.href;
  if (!urls.has(key)) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(key);
      if (hit) return hit;
      const res = await fetch(key);
      if (res.ok) await cache.put(key, res.clone());
      return res;
    }),
  );
});
