import { describeRoute } from './evaluate';
import type { Instance } from './instance';
import { compile } from './instance';
import { setPartitioning } from './lp/set-partitioning';
import type { Problem, Solution, SolveOptions, UnassignedReason } from './model';
import type { SolverParams } from './params';
import { DEFAULT_PARAMS } from './params';
import { Rng } from './rng';
import { localSearch } from './operators/local-search';
import { Route } from './search/route';
import { RoutePool } from './search/route-pool';
import { SisrSearch } from './search/sisr';
import type { SearchSolution } from './search/solution';

/** Time kept back at the end for building the answer. */
const FINISH_MARGIN_MS = 30;
/** Below this, glpk would spend the time starting up. */
const MIN_PARTITION_MS = 400;

/** Why a stop is out: the first reason that holds, from "impossible" to "did not pay". */
export function unassignedReason(inst: Instance, u: number): UnassignedReason {
  if (inst.vehicleCount === 0) return 'NO_VEHICLE';
  const vehicles = Array.from({ length: inst.vehicleCount }, (_, v) => v);
  const skilled = vehicles.filter((v) => (inst.vSkills[v]! & inst.skillMask[u]!) === inst.skillMask[u]!);
  if (skilled.length === 0) return 'SKILL_MISSING';
  const fits = skilled.filter((v) => inst.weight[u]! <= inst.capWeight[v]! && inst.slots[u]! <= inst.capSlots[v]!);
  if (fits.length === 0) return 'CAPACITY';
  if (!fits.some((v) => new Route(inst, v, [u]).feasible)) return 'TIME_WINDOW_UNREACHABLE';
  return inst.optional[u] ? 'NOT_PROFITABLE' : 'NO_VEHICLE';
}

function toSolution(inst: Instance, best: SearchSolution, iterations: number, elapsedMs: number): Solution {
  const routes = best.routes
    .filter((r) => !r.isEmpty)
    .map((r) => describeRoute(inst, r.vehicle, r.nodes).route);
  const distance = routes.reduce((s, r) => s + r.distance, 0);
  const unassigned = best.unassigned
    .slice()
    .sort((a, b) => a - b)
    .map((u) => ({ stopId: inst.problem.stops[u - inst.depotCount]!.id, reason: unassignedReason(inst, u) }));
  return { routes, unassigned, cost: best.cost(), distance, stats: { iterations, elapsedMs } };
}

/**
 * Plans routes: SISR ruin-and-recreate with annealing, local search on each new best, then
 * set partitioning (glpk) over the pool of good routes met on the way. Returns the best solution
 * found within the time limit; the same seed and iteration budget give the same answer.
 */
export async function solve(problem: Problem, options: SolveOptions, params: SolverParams = DEFAULT_PARAMS): Promise<Solution> {
  const now = (): number => performance.now();
  const startMs = now();
  const endMs = startMs + options.timeLimitMs;
  const inst = compile(problem);
  const rng = new Rng(options.seed);
  const pool = new RoutePool(inst, params.poolMaxColumns);
  const search = new SisrSearch(inst, params, rng, pool, options.onProgress);
  const partitioning = inst.stopCount <= params.setPartitioningMaxStops;
  const reserve = partitioning ? Math.min(params.setPartitioningMaxMs, params.setPartitioningShare * options.timeLimitMs) : 0;
  const searchEnd = endMs - reserve - FINISH_MARGIN_MS;
  // With an iteration budget the run must not depend on the clock, so no early stop then.
  const stall = options.maxIterations === undefined ? { minMs: params.stallMinMs, share: params.stallShare, iterations: params.stallIterationsPerStop * inst.stopCount } : undefined;
  const budget = { startMs, deadlineMs: searchEnd, maxIterations: options.maxIterations, shouldStop: options.shouldStop, now, stall };
  const improveBy = (deadline: number) => (s: SearchSolution): SearchSolution | null => localSearch(s, search.neighbours, deadline);
  let localSearchMs = 0;
  // One descent on a large instance can take seconds: each call gets a slice of the budget.
  const perCallMs = Math.max(20, (params.localSearchShare * (searchEnd - startMs)) / 10);
  // With an iteration budget the run must not depend on the clock, so only the phase end bounds it.
  const sliceEnd = (t: number): number => (options.maxIterations === undefined ? Math.min(searchEnd, t + perCallMs) : searchEnd);
  // Local search on new bests is kept to a share of the time so large instances still anneal.
  const improveOnBest = (s: SearchSolution): SearchSolution | null => {
    const t = now();
    // With an iteration budget the run must not depend on the clock, so no time-based throttle.
    if (options.maxIterations === undefined && localSearchMs > params.localSearchShare * (t - startMs)) return null;
    const better = improveBy(sliceEnd(t))(s);
    localSearchMs += now() - t;
    return better;
  };
  const recombine = async (limitMs: number, deadline: number): Promise<void> => {
    if (!partitioning || pool.size < 2 || limitMs < MIN_PARTITION_MS || options.shouldStop?.()) return;
    const partition = await setPartitioning(inst, pool.all(), now() + limitMs, search.bestCost);
    if (partition) search.offer(improveBy(deadline)(partition.solution) ?? partition.solution, budget);
  };
  const phases = inst.stopCount > 0 ? params.midRunPartitions + 1 : 0;
  for (let phase = 1; phase <= phases; phase++) {
    const share = phase / phases;
    const phaseBudget = {
      ...budget,
      deadlineMs: startMs + (searchEnd - startMs) * share,
      stopAtIteration: options.maxIterations === undefined ? undefined : Math.round(options.maxIterations * share),
    };
    search.run(phaseBudget, searchEnd, params.localSearchOnBest ? improveOnBest : undefined);
    if (search.stalled) break;
    if (phase < phases) await recombine(reserve / 2, sliceEnd(now() + reserve / 2));
  }
  // After an early stop the final recombination keeps to its reserve, not the whole time left.
  const finalEnd = Math.min(endMs - FINISH_MARGIN_MS, now() + reserve);
  await recombine((finalEnd - now()) * 0.8, finalEnd);
  const elapsedMs = now() - startMs;
  options.onProgress?.({ cost: search.bestCost, elapsedMs, share: 1 });
  return toSolution(inst, search.best, search.iteration, elapsedMs);
}
