import { checkSolution } from '../evaluate';
import type { Solution } from '../model';
import type { SolomonInstance } from '../solomon';
import { solomonProblem } from '../solomon';
import { solve } from '../solve';

/** Checking, printing and process exit after the search, kept free within the time limit. */
export const EXIT_ALLOWANCE_MS = 500;

export interface SolomonResult {
  routes: number[][];
  distance: number;
  feasible: boolean;
  vehicles: number;
  solution: Solution;
}

/** Solves a Solomon instance for minimum distance and checks the answer independently. */
export async function runSolomon(instance: SolomonInstance, timeLimitMs: number, seed: number): Promise<SolomonResult> {
  const problem = solomonProblem(instance);
  const solution = await solve(problem, { timeLimitMs, seed });
  const violations = checkSolution(problem, solution);
  const routes = solution.routes.map((r) => r.trips.flatMap((t) => t.visits.map((v) => Number(v.stopId))));
  return {
    routes,
    distance: solution.distance,
    feasible: violations.length === 0 && solution.unassigned.length === 0 && routes.length <= instance.vehicles,
    vehicles: routes.length,
    solution,
  };
}
