import type { RunningEmulator } from '../emulators/launcher';

/**
 * Jest runs global setup and teardown in the same process but as separately loaded modules, so
 * the running emulators are handed over on `globalThis`.
 */
const KEY = Symbol.for('lucky-gas.test-emulators');
type Holder = { [KEY]?: readonly RunningEmulator[] };

export function setRunningEmulators(emulators: readonly RunningEmulator[]): void {
  (globalThis as Holder)[KEY] = emulators;
  // Ctrl-C on jest must not leave Java behind; the exit handler of spawnGroup covers the rest.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void stopRunningEmulators().finally(() => process.kill(process.pid, signal));
    });
  }
}

export async function stopRunningEmulators(): Promise<void> {
  const emulators = (globalThis as Holder)[KEY] ?? [];
  (globalThis as Holder)[KEY] = [];
  await Promise.all(emulators.map((e) => e.stop()));
}
