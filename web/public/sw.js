// Service worker: keeps the app shell (the Vite build listed in precache.json) available offline.
// API calls and Firestore traffic are never cached: the driver's offline queue handles writes.
const CACHE_PREFIX = 'lucky-gas-shell-';
// precache.json's onDemand files (WebAssembly: the barcode scanner's reader), kept once first fetched. A cache of its
// own, outside the shell's versions: a new version keeps what it still lists rather than dropping it with the old shell.
const ON_DEMAND_CACHE = 'lucky-gas-on-demand';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const manifest = await (await fetch('/precache.json', { cache: 'no-store' })).json();
      const cache = await caches.open(CACHE_PREFIX + manifest.version);
      await cache.addAll(manifest.files);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const manifest = await (await fetch('/precache.json', { cache: 'no-store' })).json().catch(() => null);
      const keep = manifest ? CACHE_PREFIX + manifest.version : null;
      for (const key of await caches.keys()) {
        if (key.startsWith(CACHE_PREFIX) && key !== keep) await caches.delete(key);
      }
      if (manifest) {
        const onDemand = await caches.open(ON_DEMAND_CACHE);
        for (const request of await onDemand.keys()) {
          if (!(manifest.onDemand ?? []).includes(new URL(request.url).pathname)) await onDemand.delete(request);
        }
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/__/')) return;
  if (event.request.mode === 'navigate') {
    // Network first so a new deploy shows at once; the cached shell when the signal is gone.
    event.respondWith(fetch(event.request).catch(async () => (await caches.match('/index.html')) ?? Response.error()));
    return;
  }
  if (url.pathname.endsWith('.wasm')) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(ON_DEMAND_CACHE);
        const hit = await cache.match(event.request);
        if (hit) return hit;
        const response = await fetch(event.request);
        if (response.ok) event.waitUntil(cache.put(event.request, response.clone()));
        return response;
      })(),
    );
    return;
  }
  event.respondWith(caches.match(event.request).then((hit) => hit ?? fetch(event.request)));
});
