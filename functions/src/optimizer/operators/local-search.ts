import type { SearchSolution } from '../search/solution';
import type { Operator } from './context';
import { LsContext } from './context';
import { crossExchange } from './cross-exchange';
import { orOpt } from './or-opt';
import { relocate } from './relocate';
import { swap } from './swap';
import { twoOpt } from './two-opt';
import { twoOptStar } from './two-opt-star';

export const OPERATORS: readonly Operator[] = [relocate, swap, twoOptStar, twoOpt, orOpt, crossExchange];

/** Neighbours tried per stop (granular neighbourhood). */
const GRANULARITY = 15;
const MAX_PASSES = 30;

/**
 * First-improvement descent over the granular neighbourhoods until no operator improves or the
 * deadline (performance.now()) passes. Works on a copy; returns it when something improved.
 */
export function localSearch(sol: SearchSolution, neighbours: Int32Array[], deadlineMs = Infinity): SearchSolution | null {
  const ctx = new LsContext(sol.deepCopy());
  const inst = sol.inst;
  let improvedAny = false;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let improved = false;
    for (let u = inst.depotCount; u < inst.nodeCount; u++) {
      if (ctx.sol.routeOf[u]! < 0) continue;
      if (performance.now() > deadlineMs) return improvedAny || improved ? ctx.sol : null;
      const near = neighbours[u]!;
      const k = Math.min(GRANULARITY, near.length);
      for (let j = 0; j < k; j++) {
        const v = near[j]!;
        if (ctx.sol.routeOf[v]! < 0) continue;
        for (const op of OPERATORS) {
          if (op(ctx, u, v)) {
            improved = true;
            break;
          }
        }
      }
    }
    improvedAny ||= improved;
    if (!improved) break;
  }
  return improvedAny ? ctx.sol : null;
}
