/**
 * The server half of `npm run bench:api`, forked by bench-api.ts so the load generator does not
 * share the functions' event loop: `npm start`'s pieces (local/start.ts) on free ports and a fresh
 * temporary data dir, the demo seed, then `{ ready }` to the parent over IPC. On 'stop', a
 * signal or the parent going away it closes the gateway, stops both emulators and deletes the dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { container } from '../../adapters/container';
import { SUBSCRIPTIONS } from '../../adapters/pubsub/subscriptions';
import { loadConfig } from '../../config/load-config';
import { discoverEmulators, systemProbe } from '../emulators/discover';
import type { RunningEmulator, RunningFirestore } from '../emulators/launcher';
import { startGateway, type Gateway } from '../gateway';
import { loadLocalOptions } from '../local-options';
import { freePort } from '../ports';
import { ensureTopicsAndSubscriptions } from '../pubsub-setup';
import { functionsEnvironment, launchEmulators, PROJECT_ID, seedOnFirstRun } from '../start';
import { warmUpFirestore } from '../warm-up';

/** What the parent needs to drive and check the stack. */
export interface BenchStackReady {
  readonly url: string;
  readonly firestoreHost: string;
  readonly projectId: string;
  readonly demoPassword: string;
}

export type BenchStackMessage = { readonly ready: BenchStackReady } | { readonly failed: string };

const dataDir = mkdtempSync(path.join(tmpdir(), 'lg-bench-api-'));
const started: { firestore?: RunningFirestore; pubsub?: RunningEmulator; gateway?: Gateway } = {};
let stopping: Promise<void> | undefined;

function stop(): Promise<void> {
  stopping ??= (async () => {
    await started.gateway?.close().catch(() => undefined);
    await Promise.allSettled([started.firestore?.stop(), started.pubsub?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  })();
  return stopping;
}

const stopAndExit = (code: number) => () => void stop().then(() => process.exit(code));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stopAndExit(0));
process.on('disconnect', stopAndExit(0));
process.on('message', (m) => {
  if (m === 'stop') stopAndExit(0)();
});

async function main(): Promise<void> {
  const opts = loadLocalOptions({
    LG_DATA_DIR: dataDir,
    PORT: String(await freePort()),
    LG_FIRESTORE_PORT: String(await freePort()),
    LG_PUBSUB_PORT: String(await freePort()),
    DEMO_PASSWORD: process.env.DEMO_PASSWORD,
  });
  const [firestore, pubsub] = await launchEmulators(discoverEmulators(systemProbe()), opts, started);
  const url = `http://${opts.host}:${opts.port}`;
  Object.assign(process.env, functionsEnvironment(url, firestore, pubsub, opts.dataDir));
  started.gateway = await startGateway({ port: opts.port, config: loadConfig(process.env), host: opts.host });
  const c = await container();
  await ensureTopicsAndSubscriptions(c.pubsub, { subscriptions: SUBSCRIPTIONS, pushBase: url });
  await seedOnFirstRun(c.db, opts);
  await warmUpFirestore(c.db);
  const ready: BenchStackMessage = { ready: { url, firestoreHost: firestore.host, projectId: PROJECT_ID, demoPassword: opts.demoPassword } };
  process.send?.(ready);
}

main().catch((err: unknown) => {
  const failed: BenchStackMessage = { failed: err instanceof Error ? err.message : String(err) };
  process.send?.(failed);
  stopAndExit(1)();
});
