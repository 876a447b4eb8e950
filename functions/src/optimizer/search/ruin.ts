import type { SolverParams } from '../params';
import type { Rng } from '../rng';
import type { SearchSolution } from './solution';

/**
 * SISR "adjacent string removal" (Christiaens & Vanden Berghe 2020): remove a few strings of
 * consecutive stops from routes close to a random seed stop. Returns the removed stops.
 */
export function ruinStrings(
  sol: SearchSolution,
  neighbours: Int32Array[],
  rng: Rng,
  params: SolverParams,
  own: (route: number) => void,
): number[] {
  const inst = sol.inst;
  const D = inst.depotCount;
  let assigned = 0;
  let used = 0;
  for (const r of sol.routes) {
    if (r.isEmpty) continue;
    used++;
    assigned += r.nodes.length - (r.tripCount - 1);
  }
  if (assigned === 0) return [];
  const lsMax = Math.min(params.maxStringLength, assigned / used);
  const ksMax = (4 * params.avgRemoved) / (1 + lsMax) - 1;
  const strings = Math.floor(rng.next() * ksMax) + 1;
  let seed = D + rng.int(inst.stopCount);
  for (let tries = 0; sol.routeOf[seed] === -1 && tries < inst.stopCount; tries++) seed = D + ((seed - D + 1) % inst.stopCount);
  const removed: number[] = [];
  const ruined = new Set<number>();
  const seedNeighbours = neighbours[seed]!;
  for (let k = -1; k < seedNeighbours.length && ruined.size < strings; k++) {
    const c = k < 0 ? seed : seedNeighbours[k]!;
    const r = sol.routeOf[c]!;
    if (r < 0 || ruined.has(r)) continue;
    ruined.add(r);
    own(r);
    const route = sol.routes[r]!;
    const stopPositions: number[] = [];
    route.nodes.forEach((x, i) => {
      if (x >= D) stopPositions.push(i);
    });
    const card = stopPositions.length;
    const at = stopPositions.findIndex((i) => route.nodes[i] === c);
    const lMax = Math.min(card, lsMax);
    const l = Math.floor(rng.next() * lMax) + 1;
    const take = new Set<number>();
    if (l === card || rng.next() >= params.splitRate) {
      const first = Math.max(0, Math.min(card - l, at - rng.int(l)));
      for (let i = first; i < first + l; i++) take.add(stopPositions[i]!);
    } else {
      let m = 1;
      while (l + m < card && rng.next() > params.splitDepth) m++;
      const span = l + m;
      const first = Math.max(0, Math.min(card - span, at - rng.int(span)));
      const keepFrom = first + rng.int(l + 1);
      for (let i = first; i < first + span; i++) if (i < keepFrom || i >= keepFrom + m) take.add(stopPositions[i]!);
    }
    route.nodes = route.nodes.filter((x, i) => {
      if (!take.has(i)) return true;
      removed.push(x);
      sol.routeOf[x] = -1;
      return false;
    });
    route.normalize();
    route.update();
  }
  return removed;
}
