import type { Instance } from '../instance';
import { Route } from '../search/route';
import type { SearchSolution } from '../search/solution';

/** Improvement needed to accept a move (guards against float noise cycling). */
const MIN_GAIN = 1e-7;

/** Shared state of one local-search run: the solution it owns and the move commit helper. */
export class LsContext {
  readonly inst: Instance;

  constructor(readonly sol: SearchSolution) {
    this.inst = sol.inst;
  }

  /** Route index and position of a stop node in its route's node list. */
  locate(u: number): { r: number; i: number } {
    const r = this.sol.routeOf[u]!;
    return { r, i: this.sol.routes[r]!.nodes.indexOf(u) };
  }

  /** A lower bound on the cost: the duration is at least the time spent driving and serving. */
  private sequenceCost(vehicle: number, nodes: number[]): number {
    if (nodes.length === 0) return 0;
    const inst = this.inst;
    const n = inst.nodeCount;
    const perMinute = inst.costPerMinute[vehicle]!;
    let prev = inst.vStart[vehicle]!;
    let d = 0;
    let busy = 0;
    for (const x of nodes) {
      d += inst.dist[prev * n + x]!;
      if (perMinute > 0) busy += inst.time[prev * n + x]! + (x < inst.depotCount ? inst.reloadTime[vehicle]! : inst.service[x]!);
      prev = x;
    }
    const end = inst.vEnd[vehicle]!;
    d += inst.dist[prev * n + end]!;
    busy += inst.time[prev * n + end]!;
    return d * inst.costPerKm[vehicle]! + perMinute * busy + inst.fixedCost[vehicle]!;
  }

  /**
   * Replaces routes ra (and rb) by the given sequences when that is cheaper and still feasible.
   * The cheap cost estimate runs first; the full schedule only for promising moves.
   */
  tryCommit(ra: number, seqA: number[], rb = -1, seqB: number[] | null = null): boolean {
    const A = this.sol.routes[ra]!;
    const B = rb >= 0 ? this.sol.routes[rb]! : null;
    const before = A.cost + (B ? B.cost : 0);
    const estimate = this.sequenceCost(A.vehicle, seqA) + (B && seqB ? this.sequenceCost(B.vehicle, seqB) : 0);
    if (estimate > before - MIN_GAIN) return false;
    const newA = new Route(this.inst, A.vehicle, seqA);
    newA.normalize();
    newA.update();
    if (!newA.feasible) return false;
    let newB: Route | null = null;
    if (B && seqB) {
      newB = new Route(this.inst, B.vehicle, seqB);
      newB.normalize();
      newB.update();
      if (!newB.feasible) return false;
    }
    if (newA.cost + (newB ? newB.cost : 0) > before - MIN_GAIN) return false;
    this.sol.routes[ra] = newA;
    for (const x of newA.nodes) if (x >= this.inst.depotCount) this.sol.routeOf[x] = ra;
    if (newB) {
      this.sol.routes[rb] = newB;
      for (const x of newB.nodes) if (x >= this.inst.depotCount) this.sol.routeOf[x] = rb;
    }
    return true;
  }
}

/** A neighbourhood move between stop u and one of its near stops v; applies it if it improves. */
export type Operator = (ctx: LsContext, u: number, v: number) => boolean;
