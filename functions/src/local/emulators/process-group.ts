import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';

/**
 * Child processes that must never outlive us. Each runs in its own process group (detached), so
 * a terminal's Ctrl-C does not reach it before we had the chance to export its data, and so
 * stopping it kills everything it spawned, not just the first pid.
 */
const live = new Set<number>();
let safetyNetInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Last resort when our process exits without stopping its children (an uncaught error, process.exit). */
function installSafetyNet(): void {
  if (safetyNetInstalled) return;
  safetyNetInstalled = true;
  process.on('exit', () => {
    for (const pid of live) killGroup(pid, 'SIGKILL');
  });
}

export interface GroupProcess {
  readonly pid: number;
  /** Resolves with the exit code (or signal) once the process has exited. */
  readonly exited: Promise<number | NodeJS.Signals>;
  hasExited(): boolean;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the leader is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `command` in a new process group with stdout and stderr appended to `logFile`. */
export function spawnGroup(command: string, args: readonly string[], logFile: string): GroupProcess {
  installSafetyNet();
  mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${command}`);
  live.add(pid);
  let done = false;
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.on('exit', (code, signal) => {
      done = true;
      // The leader is gone; make sure nothing it started lingers in the group.
      killGroup(pid, 'SIGKILL');
      live.delete(pid);
      resolve(code ?? signal ?? 0);
    });
  });
  return {
    pid,
    exited,
    hasExited: () => done,
    async stop(graceMs = 2000) {
      if (done) return;
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
