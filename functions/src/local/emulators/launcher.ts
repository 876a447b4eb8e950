import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { isPortFree } from '../ports';
import type { Emulators } from './discover';
import { spawnGroup, type GroupProcess } from './process-group';

/** The Firestore emulator's entry point; gcloud's jar has no manifest, so it is named explicitly. */
const FIRESTORE_MAIN = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';
const EXPORT_NAME = 'export';
const HOST = '127.0.0.1';

export interface RunningEmulator {
  /** `host:port`, the value for FIRESTORE_EMULATOR_HOST / PUBSUB_EMULATOR_HOST. */
  readonly host: string;
  readonly pid: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface RunningFirestore extends RunningEmulator {
  /**
   * Writes every document of `projectId` to `dir` (replacing what was there only once the new
   * export is complete), so a later `startFirestoreEmulator({importFrom: dir})` finds it.
   */
  exportTo(dir: string, projectId: string): Promise<void>;
}

export class EmulatorStartError extends Error {
  override name = 'EmulatorStartError';
}

function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Refuses a taken port up front: the readiness probe would otherwise be answered by whoever holds
 * it, and the Pub/Sub emulator does not even exit when it cannot bind.
 */
async function assertPortFree(name: string, port: number): Promise<void> {
  if (!(await isPortFree(port, HOST))) {
    throw new EmulatorStartError(`Cannot start the ${name} emulator: port ${port} is already in use on ${HOST}.`);
  }
}

/** Polls the emulator's root URL (both answer `Ok`) until it is up, the process dies, or time runs out. */
async function waitUntilReady(name: string, proc: GroupProcess, url: string, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.hasExited()) {
      throw new EmulatorStartError(`The ${name} emulator exited during start-up. Last lines of ${logFile}:\n${logTail(logFile)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await proc.stop();
  throw new EmulatorStartError(`The ${name} emulator did not answer on ${url} within ${timeoutMs} ms. See ${logFile}.`);
}

/** The metadata file inside a directory written by `exportTo`, when there is one. */
export function exportMetadata(dir: string): string | undefined {
  const file = path.resolve(dir, EXPORT_NAME, `${EXPORT_NAME}.overall_export_metadata`);
  return existsSync(file) ? file : undefined;
}

export interface FirestoreOptions {
  readonly emulators: Emulators;
  readonly port: number;
  readonly logFile: string;
  readonly rulesFile?: string;
  /** A directory written by `exportTo`; ignored when it holds no export. */
  readonly importFrom?: string;
  readonly readyTimeoutMs?: number;
}

export async function startFirestoreEmulator(opts: FirestoreOptions): Promise<RunningFirestore> {
  const args = ['-Duser.language=en', '-cp', opts.emulators.firestoreJar.path, FIRESTORE_MAIN];
  args.push('--host', HOST, '--port', String(opts.port));
  if (opts.rulesFile) args.push('--rules', path.resolve(opts.rulesFile));
  await assertPortFree('Firestore', opts.port);
  const seed = opts.importFrom ? exportMetadata(opts.importFrom) : undefined;
  if (seed) args.push('--seed_from_export', seed);
  const proc = spawnGroup(opts.emulators.java, args, opts.logFile);
  const base = `http://${HOST}:${opts.port}`;
  await waitUntilReady('Firestore', proc, `${base}/`, opts.logFile, opts.readyTimeoutMs ?? 60_000);
  return {
    host: `${HOST}:${opts.port}`,
    pid: proc.pid,
    logFile: opts.logFile,
    stop: () => proc.stop(),
    async exportTo(dir, projectId) {
      const target = path.resolve(dir);
      const staging = `${target}.partial`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      const res = await fetch(`${base}/emulator/v1/projects/${projectId}:export`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          database: `projects/${projectId}/databases/(default)`,
          export_directory: staging,
          export_name: EXPORT_NAME,
        }),
        signal: AbortSignal.timeout(60_000),
      });
      if (!res.ok) throw new Error(`Firestore export failed: ${res.status} ${await res.text()}`);
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
    },
  };
}

export interface PubsubOptions {
  readonly emulators: Emulators;
  readonly port: number;
  readonly logFile: string;
  readonly readyTimeoutMs?: number;
}

export async function startPubsubEmulator(opts: PubsubOptions): Promise<RunningEmulator> {
  await assertPortFree('Pub/Sub', opts.port);
  const args = ['-jar', opts.emulators.pubsubJar.path, `--host=${HOST}`, `--port=${opts.port}`];
  const proc = spawnGroup(opts.emulators.java, args, opts.logFile);
  await waitUntilReady('Pub/Sub', proc, `http://${HOST}:${opts.port}/`, opts.logFile, opts.readyTimeoutMs ?? 60_000);
  return { host: `${HOST}:${opts.port}`, pid: proc.pid, logFile: opts.logFile, stop: () => proc.stop() };
}
