import { Worker } from 'node:worker_threads';
import { DomainError } from '../../domain/errors';
import type { Problem, Progress, Solution } from '../../optimizer/model';
import type { LatLng } from '../../optimizer/travel-matrix';

export interface ThreadSolve {
  readonly solution: Promise<Solution>;
  /** Asks the search to return its best so far. */
  stop(): void;
}

const BODY = require.resolve('./solver-thread');

/**
 * Runs the solver on a worker thread. Compiled code loads the worker file as it is; from
 * TypeScript sources (tests, the local stack under tsx) the worker registers tsx first.
 */
export function solveInThread(
  input: { problem: Omit<Problem, 'matrix'>; places: LatLng[]; timeLimitMs: number; seed: number },
  onProgress: (p: Progress) => void,
): ThreadSolve {
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  const workerData = { solverThread: { ...input, stopFlag } };
  const worker = BODY.endsWith('.ts')
    ? new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(BODY)});`, { eval: true, workerData })
    : new Worker(BODY, { workerData });
  const solution = new Promise<Solution>((resolve, reject) => {
    worker.on('message', (m: { kind: 'progress'; progress: Progress } | { kind: 'done'; solution: Solution } | { kind: 'error'; message: string; code?: string }) => {
      if (m.kind === 'progress') onProgress(m.progress);
      else if (m.kind === 'done') resolve(m.solution);
      else reject(new DomainError(m.code ?? 'OPTIMIZER.FAILED', 'validation', m.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`solver thread exited with ${code}`)));
  }).finally(() => void worker.terminate());
  return { solution, stop: () => Atomics.store(stopFlag, 0, 1) };
}
