import type { Plugin } from 'vite';

/**
 * Emits `precache.json`, the list of files the service worker (public/sw.js) caches at install,
 * so the driver PWA opens with bad signal after one good visit.
 */
export function precacheManifest(): Plugin {
  return {
    name: 'lucky-gas-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = ['/', '/index.html', '/manifest.webmanifest', '/icon.svg', ...Object.keys(bundle).map((f) => `/${f}`)];
      const version = Object.keys(bundle).sort().join('|');
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify({ version, files }) });
    },
  };
}
