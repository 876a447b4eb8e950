/**
 * One stop added to one vehicle's route by hand (the office moving a stop between drafts), placed as the search places
 * it: the same exact insertion delta, so the edit and the solver agree on what a position costs.
 */
import { RELOAD, subProblem, tripsToIds } from './evaluate';
import type { Problem } from './model';
import { bestInsertion } from './search/insertion';
import { SearchSolution } from './search/solution';

export interface CheapestInsertion {
  /** The route's trips of stop ids with the stop placed. */
  readonly trips: string[][];
  /** What the route costs more with the stop there (distance, duration, priority stops' lateness). */
  readonly delta: number;
}

/**
 * The cheapest feasible place for `stopId` in a vehicle's route given as trips of stop ids (as `evaluateRoute` takes
 * them): every position, and a new trip at the end when the vehicle may reload. Null when no position keeps the route
 * feasible, including when the route already breaks a constraint (there is then no feasible position to compare).
 */
export function cheapestInsertion(problem: Problem, vehicleId: string, trips: string[][], stopId: string): CheapestInsertion | null {
  const ids = tripsToIds(trips.filter((t) => t.length > 0));
  const sub = subProblem(problem, vehicleId, [...ids.filter((id) => id !== RELOAD), stopId]);
  if (Array.isArray(sub)) return null;
  const { inst } = sub;
  const u = sub.nodes[sub.nodes.length - 1]!;
  let k = 0;
  const nodes = ids.map((id) => (id === RELOAD ? inst.vStart[0]! : sub.nodes[k++]!));
  if (nodes.includes(u)) return null;
  const sol = SearchSolution.fromRoutes(inst, [nodes]);
  const route = sol.routes[0]!;
  if (!route.feasible) return null;
  const ins = bestInsertion(sol, u, null, 0, new Uint8Array(inst.classSize.length));
  if (!ins) return null;
  const placed = ins.newTrip ? [...nodes, inst.vStart[0]!, u] : [...nodes.slice(0, ins.after), u, ...nodes.slice(ins.after)];
  const out: string[][] = [[]];
  for (const x of placed) {
    if (x < inst.depotCount) out.push([]);
    else out[out.length - 1]!.push(inst.problem.stops[x - inst.depotCount]!.id);
  }
  return { trips: out, delta: ins.delta };
}
