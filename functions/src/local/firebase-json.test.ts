import { getFunction } from '@google-cloud/functions-framework/testing';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
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
});
