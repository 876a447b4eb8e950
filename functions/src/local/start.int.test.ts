import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportMetadata } from './emulators/launcher';
import { REPO_ROOT } from './paths';
import { freePort } from './ports';

/** `npm start` as a user runs it (minus the web build and the demo seed, which have their own tests). */
function startStack(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts/start.mjs')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LG_SKIP_WEB_BUILD: '1', LG_SKIP_SEED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

function groupAlive(pid: number): boolean {
  try {
    execFileSync('pgrep', ['-g', String(pid)]);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  jest.setTimeout(150_000);

  it('serves a healthy /api/health, and on SIGINT exports the data and leaves no emulator running', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lg-start-'));
    const port = await freePort();
    const { child, output } = startStack({
      PORT: String(port),
      LG_DATA_DIR: dataDir,
      LG_FIRESTORE_PORT: String(await freePort()),
      LG_PUBSUB_PORT: String(await freePort()),
    });
    const done = exited(child);
    try {
      await waitFor(() => output().includes('Ready in') || child.exitCode !== null, 120_000);
      expect(output()).toContain(`running at http://localhost:${port}`);
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
      expect(output()).toContain('driver1, driver2');
    } finally {
      child.kill('SIGINT');
    }
    expect(await done).toBe(0);
    const pids = [...output().matchAll(/emulator [\d.:]+ \(pid (\d+)\)/g)].map((m) => Number(m[1]));
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(groupAlive(pid)).toBe(false);
    expect(exportMetadata(path.join(dataDir, 'firestore'))).toBeDefined();
  });

  it('stops at once naming the package to install when Java is missing, without a stack trace', async () => {
    const { child, output } = startStack({ PATH: '/nonexistent', PORT: String(await freePort()), LG_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lg-start-')) });
    expect(await exited(child)).toBe(1);
    expect(output()).toContain('sudo apt-get install -y default-jre-headless');
    expect(output()).not.toMatch(/^\s+at /m);
    expect(existsSync('/nonexistent')).toBe(false);
  });
});
