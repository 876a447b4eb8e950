import type { Instance } from '../instance';
import type { Route } from './route';

export interface PoolColumn {
  vehicleClass: number;
  /** Sequence as the search built it (stops and reloads), feasible for every vehicle of the class. */
  nodes: number[];
  stops: number[];
  cost: number;
}

/**
 * Good routes met during the search, one per (vehicle class, set of stops), keeping the cheapest
 * sequence; the set-partitioning step recombines them.
 */
export class RoutePool {
  private readonly columns = new Map<string, PoolColumn>();
  private readonly hashA: Uint32Array;
  private readonly hashB: Uint32Array;

  constructor(
    private readonly inst: Instance,
    private readonly maxColumns: number,
  ) {
    this.hashA = new Uint32Array(inst.nodeCount);
    this.hashB = new Uint32Array(inst.nodeCount);
    let s = 0x12345678;
    const next = (): number => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return s >>> 0;
    };
    for (let i = 0; i < inst.nodeCount; i++) {
      this.hashA[i] = next();
      this.hashB[i] = next();
    }
  }

  get size(): number {
    return this.columns.size;
  }

  add(route: Route): void {
    if (route.isEmpty || !route.feasible) return;
    const D = this.inst.depotCount;
    let a = 0;
    let b = 0;
    let count = 0;
    for (const x of route.nodes) {
      if (x < D) continue;
      a = (a + this.hashA[x]!) >>> 0;
      b = (b ^ this.hashB[x]!) >>> 0;
      count++;
    }
    const cls = this.inst.vClass[route.vehicle]!;
    const key = `${cls}:${count}:${a}:${b}`;
    const existing = this.columns.get(key);
    if (existing) {
      if (route.cost < existing.cost - 1e-9) {
        existing.nodes = route.nodes.slice();
        existing.cost = route.cost;
      }
      return;
    }
    if (this.columns.size >= this.maxColumns) return;
    this.columns.set(key, {
      vehicleClass: cls,
      nodes: route.nodes.slice(),
      stops: route.nodes.filter((x) => x >= D),
      cost: route.cost,
    });
  }

  all(): PoolColumn[] {
    return [...this.columns.values()];
  }
}
