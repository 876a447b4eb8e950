import type { Instance } from '../instance';
import { Route } from '../search/route';
import { RoutePool } from '../search/route-pool';
import type { PartitionResult } from './set-partitioning';
import { setPartitioning } from './set-partitioning';

/** Largest instance the exact method accepts: every sequence of stops is enumerated. */
export const EXACT_MAX_STOPS = 8;

/**
 * Proven optimum for tiny single-trip instances: enumerates every feasible sequence for every
 * vehicle class (keeping the cheapest per set of stops), then lets glpk choose the best partition.
 */
export async function solveExactly(inst: Instance, timeLimitMs = 30_000): Promise<PartitionResult | null> {
  if (inst.stopCount > EXACT_MAX_STOPS) throw new RangeError(`exact solving is limited to ${EXACT_MAX_STOPS} stops`);
  const pool = new RoutePool(inst, Infinity);
  const seenClass = new Set<number>();
  const D = inst.depotCount;
  for (let v = 0; v < inst.vehicleCount; v++) {
    const cls = inst.vClass[v]!;
    if (seenClass.has(cls)) continue;
    seenClass.add(cls);
    const used = new Uint8Array(inst.nodeCount);
    const seq: number[] = [];
    // A prefix that breaks a constraint cannot be repaired by visiting more stops (metric travel).
    const extend = (): void => {
      for (let u = D; u < inst.nodeCount; u++) {
        if (used[u]) continue;
        seq.push(u);
        const route = new Route(inst, v, seq.slice());
        if (route.feasible) {
          pool.add(route);
          used[u] = 1;
          extend();
          used[u] = 0;
        }
        seq.pop();
      }
    };
    extend();
  }
  return setPartitioning(inst, pool.all(), performance.now() + timeLimitMs);
}
