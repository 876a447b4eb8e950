import type { Instance } from '../instance';
import type { Progress } from '../model';
import type { SolverParams } from '../params';
import type { Rng } from '../rng';
import { nearestNeighbours } from './neighbours';
import { recreate } from './recreate';
import type { RoutePool } from './route-pool';
import { ruinStrings } from './ruin';
import { SearchSolution } from './solution';

export interface SearchBudget {
  startMs: number;
  /** Absolute time (performance.now()) at which this phase must stop. */
  deadlineMs: number;
  /** Cooling follows iterations when set (deterministic), time otherwise. */
  maxIterations?: number;
  /** Ends this phase at this (cumulative) iteration count. */
  stopAtIteration?: number;
  shouldStop?: () => boolean;
  now: () => number;
  /** Ends the run once the best has not improved for max(minMs, share × time so far) and `iterations`. */
  stall?: { minMs: number; share: number; iterations: number };
}

/**
 * Ruin-and-recreate search with simulated annealing (SISR). Solutions stay feasible; stops that
 * fit nowhere are carried as unassigned at their penalty. Route objects in accepted solutions are
 * never changed again (copy on write), so keeping the best is a shallow copy.
 */
export class SisrSearch {
  readonly neighbours: Int32Array[];
  readonly depotDistance: Float64Array;
  /** Insertion looks at routes near the stop first; small instances try every route. */
  private readonly insertionNeighbours: Int32Array[] | null;
  current: SearchSolution;
  best: SearchSolution;
  currentCost: number;
  bestCost: number;
  iteration = 0;
  private readonly emptySeen: Uint8Array;
  private readonly owned: Uint8Array;
  private readonly startT: number;
  private readonly endT: number;
  private lastProgress = -Infinity;
  /** When the best last improved (performance.now()); set when the first run starts. */
  private lastImprovementMs = NaN;
  private lastImprovementIteration = 0;
  /** The last run ended because the best stopped improving. */
  stalled = false;
  private totalEndMs = 0;

  constructor(
    readonly inst: Instance,
    readonly params: SolverParams,
    readonly rng: Rng,
    readonly pool: RoutePool,
    readonly onProgress?: (p: Progress) => void,
  ) {
    this.neighbours = nearestNeighbours(inst, params.neighbours);
    this.depotDistance = new Float64Array(inst.nodeCount);
    for (let u = inst.depotCount; u < inst.nodeCount; u++) {
      let m = Infinity;
      for (let dpt = 0; dpt < inst.depotCount; dpt++) m = Math.min(m, inst.dist[dpt * inst.nodeCount + u]!);
      this.depotDistance[u] = m;
    }
    this.insertionNeighbours = inst.stopCount > params.insertionNeighbourhoodFrom ? this.neighbours : null;
    this.emptySeen = new Uint8Array(inst.classSize.length);
    this.owned = new Uint8Array(inst.vehicleCount);
    const initial = SearchSolution.empty(inst);
    recreate(initial, initial.unassigned.slice(), rng, { ...params, blinkRate: 0 }, this.depotDistance, () => undefined, this.emptySeen, this.insertionNeighbours);
    this.current = initial;
    this.best = initial;
    this.currentCost = initial.cost();
    this.bestCost = this.currentCost;
    const meanEdge = this.meanEdgeCost(initial);
    this.startT = params.startTemperature * meanEdge;
    this.endT = params.endTemperature * meanEdge;
    initial.routes.forEach((r) => pool.add(r));
  }

  private meanEdgeCost(sol: SearchSolution): number {
    let cost = 0;
    let edges = 0;
    for (const r of sol.routes) {
      if (r.isEmpty) continue;
      cost += r.cost;
      edges += r.nodes.length + 1;
    }
    return edges > 0 && cost > 0 ? cost / edges : 1;
  }

  /** Replaces current (and best if better), e.g. with a set-partitioning or local-search result. */
  offer(sol: SearchSolution, budget: SearchBudget): void {
    const cost = sol.cost();
    if (cost < this.currentCost - 1e-9) {
      this.current = sol;
      this.currentCost = cost;
    }
    if (cost < this.bestCost - 1e-9) {
      this.newBest(sol, cost, budget);
      this.report(budget, true);
    }
  }

  private newBest(sol: SearchSolution, cost: number, budget: SearchBudget): void {
    this.best = sol;
    this.bestCost = cost;
    this.lastImprovementMs = budget.now();
    this.lastImprovementIteration = this.iteration;
  }

  private hasStalled(budget: SearchBudget, now: number): boolean {
    if (!budget.stall) return false;
    const { minMs, share, iterations } = budget.stall;
    this.stalled = this.iteration - this.lastImprovementIteration >= iterations && now - this.lastImprovementMs > Math.max(minMs, share * (now - budget.startMs));
    return this.stalled;
  }

  share(budget: SearchBudget, totalEndMs: number): number {
    if (budget.maxIterations !== undefined) return Math.min(1, this.iteration / budget.maxIterations);
    return Math.min(1, (budget.now() - budget.startMs) / Math.max(1, totalEndMs - budget.startMs));
  }

  private report(budget: SearchBudget, force: boolean): void {
    if (!this.onProgress) return;
    const now = budget.now();
    if (!force && now - this.lastProgress < this.params.progressIntervalMs) return;
    if (force && now - this.lastProgress < this.params.progressIntervalMs / 4) return;
    this.lastProgress = now;
    this.onProgress({ cost: this.bestCost, elapsedMs: now - budget.startMs, share: this.share(budget, this.totalEndMs) });
  }

  /**
   * Runs until the phase deadline, the iteration budget or shouldStop. `totalEndMs` is the end of
   * the whole search (for the cooling schedule); `improve` may polish each new best.
   */
  run(budget: SearchBudget, totalEndMs: number, improve?: (s: SearchSolution) => SearchSolution | null): void {
    const own = (r: number): void => {
      if (this.owned[r]) return;
      this.owned[r] = 1;
      cand.routes[r] = cand.routes[r]!.clone();
    };
    this.totalEndMs = totalEndMs;
    if (Number.isNaN(this.lastImprovementMs)) this.lastImprovementMs = budget.startMs;
    let cand = this.current;
    const ratio = this.endT / this.startT;
    for (;;) {
      if (budget.maxIterations !== undefined && this.iteration >= budget.maxIterations) break;
      if (budget.stopAtIteration !== undefined && this.iteration >= budget.stopAtIteration) break;
      if ((this.iteration & 7) === 0) {
        const now = budget.now();
        if (now >= budget.deadlineMs || budget.shouldStop?.() || this.hasStalled(budget, now)) break;
      }
      const T = this.startT * Math.pow(ratio, this.share(budget, totalEndMs));
      this.iteration++;
      cand = this.current.shallowCopy();
      this.owned.fill(0);
      const removed = ruinStrings(cand, this.neighbours, this.rng, this.params, own);
      // Retrying every unassigned stop each time would make iterations crawl while many are out.
      let retry = cand.unassigned;
      let notTried: number[] = [];
      if (retry.length > this.params.maxRetriedUnassigned) {
        retry = this.rng.shuffle(retry.slice());
        notTried = retry.slice(this.params.maxRetriedUnassigned);
        retry = retry.slice(0, this.params.maxRetriedUnassigned);
      }
      recreate(cand, removed.concat(retry), this.rng, this.params, this.depotDistance, own, this.emptySeen, this.insertionNeighbours, notTried);
      const cost = cand.cost();
      const threshold = this.currentCost - T * Math.log(this.rng.next());
      if (cost >= threshold) continue;
      this.current = cand;
      this.currentCost = cost;
      if (cost <= this.bestCost * (1 + this.params.poolGap)) {
        for (let r = 0; r < this.owned.length; r++) if (this.owned[r]) this.pool.add(cand.routes[r]!);
      }
      if (cost < this.bestCost - 1e-9) {
        this.newBest(cand, cost, budget);
        const better = improve?.(cand);
        if (better) {
          better.routes.forEach((r) => this.pool.add(r));
          this.offer(better, budget);
        }
        this.report(budget, true);
      } else {
        this.report(budget, false);
      }
    }
  }
}
