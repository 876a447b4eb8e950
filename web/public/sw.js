// Service worker: keeps the app shell (the Vite build listed in precache.json) available offline.
// API calls and Firestore traffic are never cached: the driver's offline queue handles writes.
// The one exception under /__/ is the Firebase config, which a reload needs before the session can come back.
const CACHE_PREFIX = 'lucky-gas-shell-';
// precache.json's onDemand files (WebAssembly: the barcode scanner's reader), kept once first fetched. A cache of its
// own, outside the shell's versions: a new version keeps what it still lists rather than dropping it with the old shell.
const ON_DEMAND_CACHE = 'lucky-gas-on-demand';
// /__/firebase/init.json as last fetched: a cache of its own, which no new shell version drops.
const CONFIG_CACHE = 'lucky-gas-config';
const FIREBASE_INIT = '/__/firebase/init.json';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const manifest = await (await fetch('/precache.json', { cache: 'no-store' })).json();
      const cache = await caches.open(CACHE_PREFIX + manifest.version);
      await cache.addAll(manifest.files);
      // The page read the config before this worker took it over; kept now, so the first reload out of reach has it.
      // Best effort: a config not served (yet) must not stop the shell from installing.
      await (await caches.open(CONFIG_CACHE)).add(new Request(FIREBASE_INIT, { cache: 'no-store' })).catch(() => undefined);
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
  if (url.pathname === FIREBASE_INIT) {
    // Network first (a changed config shows at once); without signal the copy kept, so a driver reloading the app out of
    // reach still opens Firebase Auth's persisted session instead of failing before it.
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(event.request);
          if (response.ok) {
            const copy = response.clone();
            event.waitUntil(caches.open(CONFIG_CACHE).then((cache) => cache.put(FIREBASE_INIT, copy)));
          }
          return response;
        } catch {
          return (await caches.match(FIREBASE_INIT, { cacheName: CONFIG_CACHE })) ?? Response.error();
        }
      })(),
    );
    return;
  }
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
