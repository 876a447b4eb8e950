import type { SolverParams } from '../params';
import type { Rng } from '../rng';
import { applyInsertion, bestInsertion } from './insertion';
import type { SearchSolution } from './solution';

/**
 * SISR greedy insertion with blinks: stops go back one by one, each at its cheapest feasible
 * place; the order is random, by load, far-first or near-first. Stops that fit nowhere stay out.
 */
export function recreate(
  sol: SearchSolution,
  stops: number[],
  rng: Rng,
  params: SolverParams,
  depotDistance: Float64Array,
  own: (route: number) => void,
  emptySeen: Uint8Array,
  neighbours: Int32Array[] | null,
  /** Unassigned stops not retried this time; they stay out. */
  notTried: number[] = [],
): void {
  const inst = sol.inst;
  rng.shuffle(stops);
  const pick = rng.next() * 11;
  if (pick >= 4 && pick < 8) stops.sort((a, b) => inst.weight[b]! - inst.weight[a]!);
  else if (pick >= 8 && pick < 10) stops.sort((a, b) => depotDistance[b]! - depotDistance[a]!);
  else if (pick >= 10) stops.sort((a, b) => depotDistance[a]! - depotDistance[b]!);
  const left: number[] = [];
  for (const u of stops) {
    const ins = bestInsertion(sol, u, rng, params.blinkRate, emptySeen, neighbours?.[u] ?? null);
    if (ins === null) {
      left.push(u);
      continue;
    }
    own(ins.route);
    applyInsertion(sol, ins, u);
  }
  sol.unassigned = notTried.length > 0 ? left.concat(notTried) : left;
}
