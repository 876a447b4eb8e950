import { Worker } from 'node:worker_threads';
import { DomainError } from '../../domain/errors';
import type { Problem, Progress, Solution } from '../../optimizer/model';
import type { TravelMatrix } from '../../optimizer/travel-matrix';
import type { SharedMatrix } from './solver-thread';

export interface ThreadSolve {
  readonly solution: Promise<Solution>;
  /** Asks the search to return its best so far. */
  stop(): void;
}

const BODY = require.resolve('./solver-thread');

/** The matrix as two flat arrays over shared memory: the worker reads them without a copy, the caller keeps its own. */
function shared(matrix: TravelMatrix): SharedMatrix {
  const n = matrix.size;
  const distances = new Float64Array(new SharedArrayBuffer(n * n * Float64Array.BYTES_PER_ELEMENT));
  const durations = new Float64Array(new SharedArrayBuffer(n * n * Float64Array.BYTES_PER_ELEMENT));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      distances[i * n + j] = matrix.distance(i, j);
      durations[i * n + j] = matrix.duration(i, j);
    }
  }
  return { size: n, distances, durations };
}

/**
 * Runs the solver on a worker thread with the travel matrix the caller chose (road times or
 * straight lines: the worker does not decide). Compiled code loads the worker file as it is; from
 * TypeScript sources (tests, the local stack under tsx) the worker registers tsx first.
 */
export function solveInThread(
  input: { problem: Omit<Problem, 'matrix'>; matrix: TravelMatrix; timeLimitMs: number; seed: number },
  onProgress: (p: Progress) => void,
): ThreadSolve {
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  const { matrix, ...rest } = input;
  const workerData = { solverThread: { ...rest, matrix: shared(matrix), stopFlag } };
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
