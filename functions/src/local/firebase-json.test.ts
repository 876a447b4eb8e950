import { getFunction } from '@google-cloud/functions-framework/testing';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { headersFor, hostingHeaderRules } from './hosting-headers';
import { REPO_ROOT } from './paths';
import '../functions/index';

interface Rewrite {
  readonly source: string;
  readonly function?: { readonly functionId: string; readonly region: string };
  readonly destination?: string;
}

const firebaseJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'firebase.json'), 'utf8')) as {
  hosting: { public: string; rewrites: Rewrite[] };
  firestore: { rules: string; indexes: string };
};

/** Every `http('<name>', …)` registration in the function files: what production deploys as HTTP functions. */
function httpFunctionNames(): string[] {
  const dir = path.join(REPO_ROOT, 'functions/src/functions');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/\bhttp\(\s*'([\w-]+)'/g)].map((m) => m[1] ?? ''))
    .sort();
}

describe('firebase.json', () => {
  const functionRewrites = firebaseJson.hosting.rewrites.filter((r) => r.function);

  it('rewrites /api/<name> and everything below it to each HTTP function, and only those', () => {
    const names = httpFunctionNames();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(getFunction(name)).toBeDefined();
    expect(functionRewrites.map((r) => r.function?.functionId).sort()).toEqual(names);
    for (const r of functionRewrites) {
      expect(r).toEqual({ source: `/api/${r.function?.functionId}{,/**}`, function: { functionId: r.function?.functionId, region: 'asia-east1' } });
    }
  });

  it('never exposes an event consumer through hosting', () => {
    const consumers = new Set(SUBSCRIPTIONS.map((s) => s.consumer));
    expect(functionRewrites.filter((r) => consumers.has(r.function?.functionId ?? ''))).toEqual([]);
  });

  it('serves the built SPA with a final history-API fallback to index.html', () => {
    expect(firebaseJson.hosting.public).toBe('web/dist');
    expect(firebaseJson.hosting.rewrites.at(-1)).toEqual({ source: '**', destination: '/index.html' });
  });

  it('points at the rules and indexes files in the repository', () => {
    for (const file of [firebaseJson.firestore.rules, firebaseJson.firestore.indexes]) {
      expect(() => readFileSync(path.join(REPO_ROOT, file))).not.toThrow();
    }
  });

  it('declares each composite index once, since firebase deploy fails creating one that already exists', () => {
    const { indexes } = JSON.parse(readFileSync(path.join(REPO_ROOT, firebaseJson.firestore.indexes), 'utf8')) as {
      indexes: { collectionGroup: string; queryScope?: string; fields: unknown[] }[];
    };
    expect(indexes.length).toBeGreaterThan(0);
    const specs = indexes.map(({ collectionGroup, queryScope = 'COLLECTION', fields }) => JSON.stringify({ collectionGroup, queryScope, fields }));
    expect(specs.filter((spec, i) => specs.indexOf(spec) !== i)).toEqual([]);
  });

  describe('hosting headers', () => {
    const rules = hostingHeaderRules();
    const csp = (requestPath: string): Map<string, string[]> =>
      new Map(
        (headersFor(rules, requestPath)['Content-Security-Policy'] ?? '')
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((words) => words[0])
          .map(([name = '', ...sources]) => [name, sources]),
      );

    it('sends every page, asset and file the security headers', () => {
      for (const requestPath of ['/', '/login', '/office/customers', '/assets/index-abc123.js', '/sw.js', '/manifest.webmanifest']) {
        expect(headersFor(rules, requestPath)).toMatchObject({
          'Strict-Transport-Security': expect.stringMatching(/^max-age=(\d+); includeSubDomains$/),
          'X-Content-Type-Options': 'nosniff',
          // frame-ancestors 'none' for browsers that read CSP, X-Frame-Options for those that predate it.
          'X-Frame-Options': 'DENY',
          'Referrer-Policy': 'strict-origin-when-cross-origin',
          'Cross-Origin-Opener-Policy': 'same-origin',
        });
        expect(Number(/max-age=(\d+)/.exec(headersFor(rules, requestPath)['Strict-Transport-Security'] ?? '')?.[1])).toBeGreaterThanOrEqual(31_536_000);
        expect(csp(requestPath).size).toBeGreaterThan(0);
      }
    });

    it('locks the Content-Security-Policy down: own scripts only (WebAssembly compiled, no JS eval), no plugins, no framing, no foreign base or form target', () => {
      const policy = csp('/office');
      expect(policy.get('default-src')).toEqual(["'self'"]);
      // The serial scanner's ZXing reader is WebAssembly served from our assets: compiling it needs 'wasm-unsafe-eval', which allows no JS eval.
      expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'self'"]);
      expect(policy.get('form-action')).toEqual(["'self'"]);
      const everySource = [...policy.values()].flat();
      expect(everySource.filter((s) => /^'unsafe-(eval|hashes)'$/.test(s))).toEqual([]);
      expect(everySource.filter((s) => s === '*' || s === 'https:' || s === 'http:')).toEqual([]);
      for (const [name, sources] of policy) if (name !== 'style-src') expect({ name, sources: sources.filter((s) => s === "'unsafe-inline'") }).toEqual({ name, sources: [] });
    });

    it('lets the SPA reach only its own origin, Firestore, Firebase Auth, the OpenStreetMap tiles and the one image Firestore probes the network with', () => {
      const policy = csp('/driver');
      expect(policy.get('connect-src')?.sort()).toEqual(
        ["'self'", 'https://firestore.googleapis.com', 'https://identitytoolkit.googleapis.com', 'https://securetoken.googleapis.com'].sort(),
      );
      // Firestore's WebChannel loads this image when a request fails, to tell a dropped network from a failing server.
      expect(policy.get('img-src')?.sort()).toEqual(
        ["'self'", 'blob:', 'data:', 'https://tile.openstreetmap.org', 'https://www.google.com/images/cleardot.gif'].sort(),
      );
    });

    it('allows the camera (serial scanner) and location (driver) to the app itself and turns the other powerful features off', () => {
      const features = new Map(
        (headersFor(rules, '/driver')['Permissions-Policy'] ?? '').split(',').map((f) => f.trim().split('=') as [string, string]),
      );
      expect(features.get('camera')).toBe('(self)');
      expect(features.get('geolocation')).toBe('(self)');
      for (const feature of ['microphone', 'payment', 'usb']) expect(features.get(feature)).toBe('()');
      expect([...features].filter(([, allow]) => allow !== '()').map(([f]) => f).sort()).toEqual(['camera', 'geolocation']);
    });

    it('revalidates the app shell on every visit and keeps the hashed assets for a year', () => {
      for (const requestPath of ['/', '/login', '/office', '/office/customers/c-1/statement', '/admin/users', '/driver', '/portal', '/index.html']) {
        expect({ requestPath, cache: headersFor(rules, requestPath)['Cache-Control'] }).toEqual({ requestPath, cache: 'no-cache' });
      }
      expect(headersFor(rules, '/assets/index-abc123.js')['Cache-Control']).toBe('public, max-age=31536000, immutable');
      // The API's own Cache-Control (no-store, the JWKS's max-age) must not be overridden by hosting.
      expect(headersFor(rules, '/api/orders')['Cache-Control']).toBeUndefined();
      expect(headersFor(rules, '/api/auth/jwks.json')['Cache-Control']).toBeUndefined();
    });
  });
});
