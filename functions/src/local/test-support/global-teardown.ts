import { stopRunningEmulators } from './emulator-registry';

export default async function globalTeardown(): Promise<void> {
  await stopRunningEmulators();
}
