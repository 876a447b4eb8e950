import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../ports';
import { discoverEmulators, systemProbe } from './discover';
import { EmulatorStartError } from './launcher';
import { startEmulatorPair } from './start-pair';

const emulators = discoverEmulators(systemProbe());
const logDir = mkdtempSync(path.join(tmpdir(), 'lg-pair-'));

/** A port some other program holds, as a neighbour that bound the emulator's picked port first would. */
async function takenPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

describe('starting the emulator pair', () => {
  jest.setTimeout(90_000);

  it('tries other ports when the Firestore emulator finds its port taken, and says so', async () => {
    const taken = await takenPort();
    const warnings: string[] = [];
    let tries = 0;
    try {
      const pair = await startEmulatorPair({
        emulators,
        logDir,
        warn: (m) => warnings.push(m),
        pickPorts: async () => (++tries === 1 ? [taken.port, await freePort()] : [await freePort(), await freePort()]),
      });
      try {
        expect(pair.attempt).toBe(2);
        expect(warnings).toEqual([expect.stringMatching(/^Emulator start failed \(attempt 1 of 3\), trying other ports/)]);
        // Both answer on the second try's ports.
        expect((await fetch(`http://${pair.firestore.host}/`)).status).toBeLessThan(500);
        expect((await fetch(`http://${pair.pubsub.host}/v1/projects/lg-pair/topics/pair-topic`, { method: 'PUT' })).status).toBe(200);
      } finally {
        await Promise.all([pair.firestore.stop(), pair.pubsub.stop()]);
      }
    } finally {
      taken.server.close();
    }
  });

  it('gives up after the last try with the emulator’s own error', async () => {
    const taken = await takenPort();
    try {
      await expect(
        startEmulatorPair({ emulators, logDir, attempts: 2, warn: () => undefined, pickPorts: async () => [await freePort(), taken.port] }),
      ).rejects.toBeInstanceOf(EmulatorStartError);
    } finally {
      taken.server.close();
    }
  });
});
