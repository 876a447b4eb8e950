import { PubSub } from '@google-cloud/pubsub';
import type { Config } from '../../config/load-config';
import { withTimeout } from '../../domain/resilience/timeout';
import { HEALTH_PROBE_TIMEOUT_MS } from '../firestore/client';

/** The Pub/Sub client for a `Config`; an emulator host switches it to plain-text gRPC against the emulator. */
export function createPubSub(config: Config): PubSub {
  return new PubSub({
    projectId: config.projectId,
    ...(config.emulators.pubsub ? { apiEndpoint: config.emulators.pubsub, emulatorMode: true } : {}),
  });
}

/** Resolves when Pub/Sub answers a one-item topic listing within `timeoutMs`; rejects otherwise. */
export async function checkPubSub(pubsub: PubSub, timeoutMs = HEALTH_PROBE_TIMEOUT_MS): Promise<void> {
  await withTimeout('Pub/Sub', timeoutMs, () =>
    pubsub.getTopics({ pageSize: 1, autoPaginate: false, gaxOpts: { timeout: timeoutMs, maxRetries: 0 } }),
  );
}
