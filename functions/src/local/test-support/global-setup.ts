import path from 'node:path';
import { discoverEmulators, EmulatorSetupError, systemProbe } from '../emulators/discover';
import { startEmulatorPair } from '../emulators/start-pair';
import { RULES_FILE, TEST_ARTIFACTS } from '../paths';
import { setRunningEmulators } from './emulator-registry';

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
  const { firestore, pubsub } = await startEmulatorPair({ emulators, logDir: path.join(TEST_ARTIFACTS, 'emulators'), rulesFile: RULES_FILE });
  setRunningEmulators([firestore, pubsub]);
  process.env.FIRESTORE_EMULATOR_HOST = firestore.host;
  process.env.PUBSUB_EMULATOR_HOST = pubsub.host;
  // No GCE metadata server here: without this the SDKs probe for one on every cold client.
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.stderr.write(
    `\nEmulators up in ${Date.now() - started} ms: Firestore ${firestore.host}, Pub/Sub ${pubsub.host}\n`,
  );
}
