import { existsSync } from 'node:fs';
import path from 'node:path';
import { discoverEmulators, EmulatorSetupError, systemProbe, type Emulators } from '../emulators/discover';
import { EmulatorStartError, startFirestoreEmulator, startPubsubEmulator, type RunningEmulator } from '../emulators/launcher';
import { RULES_FILE, TEST_ARTIFACTS } from '../paths';
import { freePort } from '../ports';
import { setRunningEmulators } from './emulator-registry';

const START_ATTEMPTS = 3;

/**
 * Both emulators on ports the OS says are free. A port is free when picked but not reserved: before
 * the emulator binds it, the other emulator starting beside it (or the Firestore emulator's own
 * WebSocket server, on a port of the OS's choosing) can take it, and the emulator then exits with
 * "Address already in use". So a failed start stops whatever did start and tries new ports.
 */
async function startOnFreePorts(emulators: Emulators): Promise<[RunningEmulator, RunningEmulator]> {
  const logDir = path.join(TEST_ARTIFACTS, 'emulators');
  for (let attempt = 1; ; attempt++) {
    const [firestorePort, pubsubPort] = [await freePort(), await freePort()];
    const results = await Promise.allSettled([
      startFirestoreEmulator({
        emulators,
        port: firestorePort,
        logFile: path.join(logDir, `firestore-${firestorePort}.log`),
        ...(existsSync(RULES_FILE) ? { rulesFile: RULES_FILE } : {}),
      }),
      startPubsubEmulator({ emulators, port: pubsubPort, logFile: path.join(logDir, `pubsub-${pubsubPort}.log`) }),
    ]);
    const [firestore, pubsub] = results;
    if (firestore.status === 'fulfilled' && pubsub.status === 'fulfilled') return [firestore.value, pubsub.value];
    await Promise.all(results.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason as unknown;
    if (!(failure instanceof EmulatorStartError) || attempt >= START_ATTEMPTS) throw failure;
    process.stderr.write(`\nEmulator start failed (attempt ${attempt} of ${START_ATTEMPTS}), trying other ports: ${failure.message.split('\n')[0]}\n`);
  }
}

/**
 * Starts Google's Firestore and Pub/Sub emulators once for the whole jest run, on free ports, and
 * hands their hosts to the workers through the environment (workers are forked after this runs).
 * `LG_SKIP_EMULATORS=1` skips it for unit-only runs.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.LG_SKIP_EMULATORS === '1') return;
  let emulators;
  try {
    emulators = discoverEmulators(systemProbe());
  } catch (e) {
    if (e instanceof EmulatorSetupError) {
      // A readable message instead of jest's stack trace of the setup file.
      process.stderr.write(`\n${e.message}\n\n`);
      process.exit(1);
    }
    throw e;
  }
  const started = Date.now();
  const [firestore, pubsub] = await startOnFreePorts(emulators);
  setRunningEmulators([firestore, pubsub]);
  process.env.FIRESTORE_EMULATOR_HOST = firestore.host;
  process.env.PUBSUB_EMULATOR_HOST = pubsub.host;
  // No GCE metadata server here: without this the SDKs probe for one on every cold client.
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.stderr.write(
    `\nEmulators up in ${Date.now() - started} ms: Firestore ${firestore.host}, Pub/Sub ${pubsub.host}\n`,
  );
}
