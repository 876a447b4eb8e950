import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Emulators } from './discover';
import { EmulatorStartError, startFirestoreEmulator, startPubsubEmulator, type RunningEmulator } from './launcher';
import { freePort } from '../ports';

export interface PairOptions {
  readonly emulators: Emulators;
  readonly logDir: string;
  /** Given to the Firestore emulator when the file exists. */
  readonly rulesFile?: string;
  /** How many times to try; each try on new ports. */
  readonly attempts?: number;
  /** The two ports of a try (Firestore, Pub/Sub): free ones by default. */
  readonly pickPorts?: () => Promise<readonly [number, number]>;
  /** Where a failed try is told (stderr by default). */
  readonly warn?: (message: string) => void;
}

/**
 * Both emulators on ports the OS says are free. A port is free when picked but not reserved: before
 * the emulator binds it, the other emulator starting beside it (or the Firestore emulator's own
 * WebSocket server, on a port of the OS's choosing) can take it, and the emulator then exits with
 * "Address already in use". So a failed start stops whatever did start and tries new ports.
 */
export async function startEmulatorPair(opts: PairOptions): Promise<{ firestore: RunningEmulator; pubsub: RunningEmulator; attempt: number }> {
  const attempts = opts.attempts ?? 3;
  const pickPorts = opts.pickPorts ?? (async () => [await freePort(), await freePort()] as const);
  const warn = opts.warn ?? ((message: string) => process.stderr.write(`\n${message}\n`));
  for (let attempt = 1; ; attempt++) {
    const [firestorePort, pubsubPort] = await pickPorts();
    const results = await Promise.allSettled([
      startFirestoreEmulator({
        emulators: opts.emulators,
        port: firestorePort,
        logFile: path.join(opts.logDir, `firestore-${firestorePort}.log`),
        ...(opts.rulesFile && existsSync(opts.rulesFile) ? { rulesFile: opts.rulesFile } : {}),
      }),
      startPubsubEmulator({ emulators: opts.emulators, port: pubsubPort, logFile: path.join(opts.logDir, `pubsub-${pubsubPort}.log`) }),
    ]);
    const [firestore, pubsub] = results;
    if (firestore.status === 'fulfilled' && pubsub.status === 'fulfilled') return { firestore: firestore.value, pubsub: pubsub.value, attempt };
    await Promise.all(results.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason as unknown;
    if (!(failure instanceof EmulatorStartError) || attempt >= attempts) throw failure;
    warn(`Emulator start failed (attempt ${attempt} of ${attempts}), trying other ports: ${failure.message.split('\n')[0]}`);
  }
}
