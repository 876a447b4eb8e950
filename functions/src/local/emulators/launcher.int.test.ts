import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../ports';
import { discoverEmulators, systemProbe } from './discover';
import { startFirestoreEmulator, startPubsubEmulator, type RunningFirestore } from './launcher';

const emulators = discoverEmulators(systemProbe());
const work = mkdtempSync(path.join(tmpdir(), 'lg-launcher-'));

/** Pids still alive in the process group led by `pid` (the emulator and anything it spawned). */
function groupMembers(pid: number): string[] {
  try {
    return execFileSync('pgrep', ['-g', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Java processes running the given jar that belong to a given pid. */
function javaWithJar(pid: number, jar: string): boolean {
  try {
    return execFileSync('pgrep', ['-f', jar], { encoding: 'utf8' }).split('\n').includes(String(pid));
  } catch {
    return false;
  }
}

async function firestoreDoc(emu: RunningFirestore, docPath: string, init?: RequestInit): Promise<Response> {
  return fetch(`http://${emu.host}/v1/projects/lg-launcher/databases/(default)/documents/${docPath}`, {
    ...init,
    headers: { authorization: 'Bearer owner', 'content-type': 'application/json' },
  });
}

describe('emulator launcher', () => {
  jest.setTimeout(60_000);

  it('starts the Firestore emulator, exports on request, and leaves no Java process after stop', async () => {
    const dataDir = path.join(work, 'firestore');
    const first = await startFirestoreEmulator({ emulators, port: await freePort(), logFile: path.join(work, 'fs1.log') });
    expect(javaWithJar(first.pid, emulators.firestoreJar.path)).toBe(true);
    const write = await firestoreDoc(first, 'things?documentId=kept', {
      method: 'POST',
      body: JSON.stringify({ fields: { n: { integerValue: '7' } } }),
    });
    expect(write.status).toBe(200);
    await first.exportTo(dataDir, 'lg-launcher');
    await first.stop();
    expect(groupMembers(first.pid)).toEqual([]);
    expect(javaWithJar(first.pid, emulators.firestoreJar.path)).toBe(false);

    const second = await startFirestoreEmulator({
      emulators,
      port: await freePort(),
      logFile: path.join(work, 'fs2.log'),
      importFrom: dataDir,
    });
    try {
      const read = await firestoreDoc(second, 'things/kept');
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({ fields: { n: { integerValue: '7' } } });
    } finally {
      await second.stop();
    }
    expect(groupMembers(second.pid)).toEqual([]);
  });

  it('starts and stops the Pub/Sub emulator without leaving its process group behind', async () => {
    const emu = await startPubsubEmulator({ emulators, port: await freePort(), logFile: path.join(work, 'ps.log') });
    const res = await fetch(`http://${emu.host}/v1/projects/lg-launcher/topics/launcher-topic`, { method: 'PUT' });
    expect(res.status).toBe(200);
    await emu.stop();
    expect(groupMembers(emu.pid)).toEqual([]);
  });

  it('refuses a port already taken instead of mistaking its owner for the new emulator', async () => {
    const emu = await startPubsubEmulator({ emulators, port: await freePort(), logFile: path.join(work, 'ps-a.log') });
    try {
      const port = Number(emu.host.split(':')[1]);
      await expect(
        startPubsubEmulator({ emulators, port, logFile: path.join(work, 'ps-b.log') }),
      ).rejects.toThrow(`port ${port} is already in use`);
    } finally {
      await emu.stop();
    }
  });
});
