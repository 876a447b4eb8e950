import { Firestore } from '@google-cloud/firestore';
import type { Config } from '../../config/load-config';
import { withTimeout } from '../../domain/resilience/timeout';

/** Bounds the health probe: long enough for a cold client and emulator (~1.5 s), far below the SDK default of 60 s. */
export const HEALTH_PROBE_TIMEOUT_MS = 3000;

/**
 * ListCollectionIds is only the health probe's call; without this a probe of an unreachable server
 * stays pending for the SDK's 60 s total timeout, and `terminate()` waits for it.
 */
const probeClientConfig = {
  interfaces: {
    'google.firestore.v1.Firestore': {
      retry_codes: { probe_none: [] },
      retry_params: {
        probe: {
          initial_retry_delay_millis: 100,
          retry_delay_multiplier: 1,
          max_retry_delay_millis: 100,
          initial_rpc_timeout_millis: HEALTH_PROBE_TIMEOUT_MS,
          rpc_timeout_multiplier: 1,
          max_rpc_timeout_millis: HEALTH_PROBE_TIMEOUT_MS,
          total_timeout_millis: HEALTH_PROBE_TIMEOUT_MS,
        },
      },
      methods: {
        ListCollectionIds: { timeout_millis: HEALTH_PROBE_TIMEOUT_MS, retry_codes_name: 'probe_none', retry_params_name: 'probe' },
      },
    },
  },
};

/**
 * The Firestore client for a `Config`. With an emulator host it talks plain gRPC to it as the
 * admin (the SDK sends `Bearer owner`), otherwise to the real service with ambient credentials.
 * Note: the SDK itself lets FIRESTORE_EMULATOR_HOST in the environment override `host`.
 */
export function createFirestore(config: Config): Firestore {
  return new Firestore({
    projectId: config.projectId,
    ignoreUndefinedProperties: true,
    clientConfig: probeClientConfig,
    ...(config.emulators.firestore ? { host: config.emulators.firestore, ssl: false } : {}),
  });
}

/** Resolves when Firestore answers a cheap call within `timeoutMs`; rejects otherwise. */
export async function checkFirestore(db: Firestore, timeoutMs = HEALTH_PROBE_TIMEOUT_MS): Promise<void> {
  await withTimeout('Firestore', timeoutMs, () => db.listCollections());
}
