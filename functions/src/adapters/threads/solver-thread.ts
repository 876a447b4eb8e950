/**
 * Worker-thread body: the solver's search is synchronous, so it runs here while the main thread
 * stays free to write progress and heartbeats and to poll for cancellation. The main thread asks
 * it to stop through a shared flag, which the solver's `shouldStop` reads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Problem } from '../../optimizer/model';
import { solve } from '../../optimizer/solve';
import { haversineMatrix, type LatLng } from '../../optimizer/travel-matrix';

export interface SolverThreadInput {
  readonly problem: Omit<Problem, 'matrix'>;
  readonly places: LatLng[];
  readonly timeLimitMs: number;
  readonly seed: number;
  /** Int32Array over a SharedArrayBuffer; non-zero means stop. */
  readonly stopFlag: Int32Array;
}

if (parentPort && workerData?.solverThread) {
  const port = parentPort;
  const input = workerData.solverThread as SolverThreadInput;
  solve(
    { ...input.problem, matrix: haversineMatrix(input.places) },
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
