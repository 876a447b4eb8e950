/**
 * Worker-thread body: the solver's search is synchronous, so it runs here while the main thread
 * stays free to write progress and heartbeats and to poll for cancellation. The main thread asks
 * it to stop through a shared flag, which the solver's `shouldStop` reads, and hands it the travel
 * matrix in shared memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Problem } from '../../optimizer/model';
import { solve } from '../../optimizer/solve';
import { DenseTravelMatrix } from '../../optimizer/travel-matrix';

/** A travel matrix as row-major arrays over SharedArrayBuffers, built by the main thread. */
export interface SharedMatrix {
  readonly size: number;
  readonly distances: Float64Array;
  readonly durations: Float64Array;
}

export interface SolverThreadInput {
  readonly problem: Omit<Problem, 'matrix'>;
  readonly matrix: SharedMatrix;
  readonly timeLimitMs: number;
  readonly seed: number;
  /** Int32Array over a SharedArrayBuffer; non-zero means stop. */
  readonly stopFlag: Int32Array;
}

if (parentPort && workerData?.solverThread) {
  const port = parentPort;
  const input = workerData.solverThread as SolverThreadInput;
  solve(
    { ...input.problem, matrix: new DenseTravelMatrix(input.matrix.size, input.matrix.distances, input.matrix.durations) },
    {
      timeLimitMs: input.timeLimitMs,
      seed: input.seed,
      onProgress: (p) => port.postMessage({ kind: 'progress', progress: p }),
      shouldStop: () => Atomics.load(input.stopFlag, 0) !== 0,
    },
  ).then(
    (solution) => port.postMessage({ kind: 'done', solution }),
    (err: unknown) => port.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err), code: (err as { code?: string }).code }),
  );
}
