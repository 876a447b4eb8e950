import type { Instance } from '../instance';
import { Route } from './route';

/** A complete assignment during the search: one route per vehicle plus the stops left out. */
export class SearchSolution {
  constructor(
    readonly inst: Instance,
    public routes: Route[],
    public unassigned: number[],
    /** Route index of each node, -1 when unassigned (depots stay -1). */
    public routeOf: Int32Array,
  ) {}

  static empty(inst: Instance): SearchSolution {
    const routes = Array.from({ length: inst.vehicleCount }, (_, v) => new Route(inst, v));
    const unassigned = Array.from({ length: inst.stopCount }, (_, k) => inst.depotCount + k);
    return new SearchSolution(inst, routes, unassigned, new Int32Array(inst.nodeCount).fill(-1));
  }

  static fromRoutes(inst: Instance, sequences: number[][]): SearchSolution {
    const sol = SearchSolution.empty(inst);
    sequences.forEach((nodes, v) => {
      sol.routes[v] = new Route(inst, v, nodes.slice());
      for (const x of nodes) if (x >= inst.depotCount) sol.routeOf[x] = v;
    });
    sol.unassigned = sol.unassigned.filter((x) => sol.routeOf[x] === -1);
    return sol;
  }

  /** Shares the routes; callers clone a route before changing it (see `own`). */
  shallowCopy(): SearchSolution {
    return new SearchSolution(this.inst, this.routes.slice(), this.unassigned.slice(), this.routeOf.slice());
  }

  deepCopy(): SearchSolution {
    return new SearchSolution(this.inst, this.routes.map((r) => r.clone()), this.unassigned.slice(), this.routeOf.slice());
  }

  cost(): number {
    let c = 0;
    for (const r of this.routes) c += r.cost;
    for (const u of this.unassigned) c += this.inst.penalty[u]!;
    return c;
  }

  isFeasible(): boolean {
    return this.routes.every((r) => r.feasible);
  }
}
