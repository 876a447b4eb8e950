import type { Plugin } from 'vite';

/**
 * Emits `precache.json`, the list of files the service worker (public/sw.js) caches at install,
 * so the driver PWA opens with bad signal after one good visit. WebAssembly (the barcode scanner's ZXing reader,
 * about 1 MB) is listed apart, `onDemand`: fetched when first used and kept then, not downloaded by every visitor
 * (office desks, customers on the portal) who never scans.
 */
export function precacheManifest(): Plugin {
  return {
    name: 'lucky-gas-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).map((f) => `/${f}`);
      const onDemand = built.filter((f) => f.endsWith('.wasm'));
      const files = ['/', '/index.html', '/manifest.webmanifest', '/icon.svg', ...built.filter((f) => !onDemand.includes(f))];
      const version = Object.keys(bundle).sort().join('|');
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify({ version, files, onDemand }) });
    },
  };
}
