/**
 * `npm start` (via scripts/start.mjs): the whole product on one machine on Google's emulators.
 * Emulators → gateway → topics and push subscriptions → demo data on first run → URL and accounts.
 * SIGINT/SIGTERM export Firestore to .local-data and stop every process this started.
 */
import type { Firestore } from '@google-cloud/firestore';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { container, type Container } from '../adapters/container';
import { firestoreModelStore } from '../adapters/firestore/model-store';
import { firestoreReceivableStore } from '../adapters/firestore/receivable-store';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { loadConfig } from '../config/load-config';
import { discoverEmulators, EmulatorSetupError, systemProbe, type Emulators } from './emulators/discover';
import { EmulatorStartError, startFirestoreEmulator, startPubsubEmulator, type RunningEmulator, type RunningFirestore } from './emulators/launcher';
import { startGateway, type Gateway } from './gateway';
import { loadLocalOptions, type LocalOptions } from './local-options';
import { RULES_FILE } from './paths';
import { isPortFree, preferredOrFreePort } from './ports';
import { ensureTopicsAndSubscriptions } from './pubsub-setup';
import { seedSourcesVersion, staleSeedWarning } from './seed-version';
import { forecastDeps, refreshPredictions, trainModels } from '../functions/use-cases/forecast-pipeline';
import { releaseHeldNotices } from '../functions/use-cases/held-notices';
import { refreshReceivables } from '../functions/use-cases/receivables';
import { warmUpFirestore } from './warm-up';

export const PROJECT_ID = 'lucky-gas-local';
/**
 * Written after a complete seed, with the seed's `seedVersion` (`seedSourcesVersion`); its absence means first run (or an
 * interrupted seed, which is idempotent).
 */
const SEED_MARKER = '_local/seed';
const SHUTDOWN_LIMIT_MS = 30_000;

const log = (line: string) => process.stdout.write(`${line}\n`);

/** Thrown for problems the user fixes; printed without a stack trace. */
class StartError extends Error {}

interface SeedModule {
  seedDemoData(db: Firestore, opts: { password?: string }): Promise<{ counts: Readonly<Record<string, number>> }>;
}

/** The demo seed is a separate module; the stack still starts (empty) if it is not there. */
function loadSeedModule(): SeedModule | undefined {
  const file = path.join(__dirname, 'seed', 'index.ts');
  if (!existsSync(file)) return undefined;
  return require(file) as SeedModule; // computed path: the stack must run even without the seed module
}

export async function seedOnFirstRun(db: Firestore, opts: LocalOptions): Promise<boolean> {
  const marker = await db.doc(SEED_MARKER).get();
  const seedDir = path.join(__dirname, 'seed');
  const version = existsSync(seedDir) ? seedSourcesVersion(seedDir) : undefined;
  const stale = marker.exists && version !== undefined ? staleSeedWarning(marker.get('seedVersion') as string | undefined, version, opts.dataDir) : null;
  if (stale) log(stale);
  if (!opts.seed || marker.exists) return false;
  const seed = loadSeedModule();
  if (!seed) {
    log('Demo data module functions/src/local/seed/index.ts not found: starting with an empty database.');
    return false;
  }
  const t0 = Date.now();
  log('First run: writing demo data…');
  const result = await seed.seedDemoData(db, { password: opts.demoPassword });
  await db.doc(SEED_MARKER).set({ seededAt: new Date().toISOString(), counts: result.counts, seedVersion: version });
  const summary = Object.entries(result.counts).map(([k, v]) => `${k} ${v}`).join(', ');
  log(`Demo data written in ${((Date.now() - t0) / 1000).toFixed(1)} s (${summary}).`);
  return true;
}

/**
 * What Cloud Scheduler's jobs would have done overnight, so the demo opens with predictions: with
 * demo data but no active model yet (the first run, or one stopped before this finished), train the
 * model and predict every customer's next refill and churn risk, as `train-models` and
 * `score-churn` do.
 */
export async function forecastIfMissing(c: Container, opts: Pick<LocalOptions, 'seed'>): Promise<void> {
  if (!opts.seed || (await firestoreModelStore(c.db).active())) return;
  const t0 = Date.now();
  log('Training the forecast model on the demo history…');
  const model = await trainModels(c, { holdoutWeeks: 8, settings: {} });
  const report = await refreshPredictions(forecastDeps(c), { horizonDays: null });
  log(`Model ${model.name} ${model.version} trained and ${report.predictions} customers predicted in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
}

/**
 * Likewise the nightly receivables ledger (應收帳款), when the demo data has none yet. It takes some
 * 35 s on the emulator, so `npm start` runs it after it is ready and says when it is done.
 */
export async function receivablesIfMissing(c: Container, opts: Pick<LocalOptions, 'seed'>): Promise<void> {
  if (!opts.seed || (await firestoreReceivableStore(c.db).customerIds()).length > 0) return;
  const t0 = Date.now();
  log('Working out the receivables (應收帳款) in the background…');
  const report = await refreshReceivables(c);
  log(`Receivables: ${report.customers} customers on the ledger, ${report.owing} owing, in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
}

/**
 * Cloud Scheduler's five-minute sweep has no local twin, and the stack publishes the outbox as it is written; but an order
 * notice held back (`releaseHeldNotices`: a stop a closure called off that no move followed) would wait for ever, so the
 * stack sends those on the scheduler's beat, one run after another. Unref'd, it keeps nothing running at shutdown; the
 * function answered stops it once the run under way is over.
 */
export function releaseHeldNoticesEvery(c: Container, ms = 5 * 60_000): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer = setTimeout(beat, ms).unref();
  function beat(): void {
    running = releaseHeldNotices(c)
      .then(
        () => undefined,
        (err: unknown) => {
          log(`Held notices not sent: ${String(err)}`);
        },
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(beat, ms).unref();
      });
  }
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/** Both emulators on the configured ports (free ones when taken); each lands in `started` as soon as it runs, so a failure of the other still stops it. */
export async function launchEmulators(
  emulators: Emulators,
  opts: LocalOptions,
  started: { firestore?: RunningFirestore; pubsub?: RunningEmulator },
): Promise<[RunningFirestore, RunningEmulator]> {
  const [firestorePort, pubsubPort] = [
    await preferredOrFreePort(opts.firestorePort),
    await preferredOrFreePort(opts.pubsubPort),
  ];
  return Promise.all([
    startFirestoreEmulator({
      emulators,
      port: firestorePort,
      logFile: path.join(opts.dataDir, 'logs', 'firestore.log'),
      importFrom: opts.firestoreDataDir,
      ...(existsSync(RULES_FILE) ? { rulesFile: RULES_FILE } : {}),
    }).then((f) => (started.firestore = f)),
    startPubsubEmulator({ emulators, port: pubsubPort, logFile: path.join(opts.dataDir, 'logs', 'pubsub.log') }).then(
      (p) => (started.pubsub = p),
    ),
  ]);
}

/** The functions' configuration, exactly as production passes it: through the environment. */
export function functionsEnvironment(url: string, firestore: RunningEmulator, pubsub: RunningEmulator, dataDir: string): Record<string, string> {
  return {
    FIRESTORE_EMULATOR_HOST: firestore.host,
    PUBSUB_EMULATOR_HOST: pubsub.host,
    LG_PROJECT_ID: PROJECT_ID,
    LG_AUTH_MODE: 'local',
    LG_AUTH_ISSUER: `${url}/api/auth`,
    LG_AUTH_KEY_DIR: path.join(dataDir, 'auth'),
    METADATA_SERVER_DETECTION: 'none',
  };
}

function printBanner(url: string, opts: LocalOptions, firestore: RunningEmulator, pubsub: RunningEmulator): void {
  const drivers = Array.from({ length: 8 }, (_, i) => `driver${i + 1}`).join(', ');
  const customers = Array.from({ length: 5 }, (_, i) => `customer${i + 1}`).join(', ');
  log(
    [
      '',
      `幸福氣 Lucky Gas is running at ${url}`,
      `  health:    ${url}/api/health`,
      `  Firestore emulator ${firestore.host} (pid ${firestore.pid}), Pub/Sub emulator ${pubsub.host} (pid ${pubsub.pid})`,
      `  data:      ${opts.dataDir} (kept between runs)`,
      '',
      `Demo accounts (password: ${opts.demoPasswordIsDefault ? `${opts.demoPassword} — the local default; set DEMO_PASSWORD to change` : 'from DEMO_PASSWORD'}):`,
      '  admin, office',
      `  ${drivers}`,
      `  ${customers}`,
      '  chain (the head office of a restaurant chain, 鼎豐小館, paying for its branches)',
      '  turnkey (the Turnkey machine: npm run turnkey:sync, no screens)',
      '',
      'Press Ctrl-C to stop (data is exported first).',
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const t0 = Date.now();
  let opts: LocalOptions;
  try {
    opts = loadLocalOptions(process.env);
  } catch (err) {
    throw new StartError((err as Error).message);
  }
  const emulators = discoverEmulators(systemProbe());
  if (!(await isPortFree(opts.port))) {
    throw new StartError(`Port ${opts.port} is already in use. Stop what uses it, or start on another port: PORT=5050 npm start`);
  }
  const started: { firestore?: RunningFirestore; pubsub?: RunningEmulator; gateway?: Gateway } = {};
  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log(`\n${reason}: stopping…`);
      const force = setTimeout(() => {
        log(`Still not stopped after ${SHUTDOWN_LIMIT_MS / 1000} s; exiting (emulators are killed on exit).`);
        process.exit(1);
      }, SHUTDOWN_LIMIT_MS);
      await started.gateway?.close().catch(() => undefined);
      if (started.firestore) {
        try {
          await started.firestore.exportTo(opts.firestoreDataDir, PROJECT_ID);
          log(`Firestore data exported to ${opts.firestoreDataDir}.`);
        } catch (err) {
          log(`Could not export Firestore data (the previous export is kept): ${String(err)}`);
        }
      }
      await Promise.all([started.firestore?.stop(), started.pubsub?.stop()]);
      clearTimeout(force);
      log('Stopped.');
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(signal).then(() => process.exit(0)));
  }

  const emulatorsStarted = Date.now();
  const [firestore, pubsub] = await launchEmulators(emulators, opts, started);
  log(`Emulators ready in ${((Date.now() - emulatorsStarted) / 1000).toFixed(1)} s.`);

  const url = `http://localhost:${opts.port}`;
  Object.assign(process.env, functionsEnvironment(url, firestore, pubsub, opts.dataDir));
  const config = loadConfig(process.env);
  started.gateway = await startGateway({ port: opts.port, config, host: opts.host });
  const c = await container();
  await ensureTopicsAndSubscriptions(c.pubsub, { subscriptions: SUBSCRIPTIONS, pushBase: `http://127.0.0.1:${opts.port}` });
  const seeded = await seedOnFirstRun(c.db, opts);
  await forecastIfMissing(c, opts);
  if (seeded) {
    // A crash before the first clean stop must not cost the seed.
    await firestore.exportTo(opts.firestoreDataDir, PROJECT_ID);
  }
  await warmUpFirestore(c.db);
  printBanner(url, opts, firestore, pubsub);
  log(`Ready in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  void receivablesIfMissing(c, opts).catch((err: unknown) => log(`Receivables not worked out: ${String(err)}`));
  releaseHeldNoticesEvery(c);
}

// Imported (by the API benchmark) for its pieces; run as the entry point it is the stack.
if (require.main === module) {
  main().catch((err: unknown) => {
    if (err instanceof EmulatorSetupError || err instanceof EmulatorStartError || err instanceof StartError) {
      process.stderr.write(`\n${err.message}\n\n`);
    } else {
      process.stderr.write(`\nnpm start failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    // Exit handlers of the launcher kill any emulator already started.
    process.exit(1);
  });
}
