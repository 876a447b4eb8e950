import type { Instance } from '../instance';
import { earliestStart } from '../instance';
import { serviceAt } from '../schedule';
import type { Rng } from '../rng';
import { Route, TIME_EPS } from './route';
import type { SearchSolution } from './solution';

export interface Insertion {
  route: number;
  /** Insert after this extended position (0 = right after leaving the depot). */
  after: number;
  /** Open a new trip (reload first) at the end of the route. */
  newTrip: boolean;
  delta: number;
}

/** Exact check for constraints the O(1) test cannot see (maximum duration). */
function exactOk(route: Route, after: number, u: number, newTrip: boolean): boolean {
  const nodes = route.nodes.slice();
  if (newTrip) nodes.push(route.inst.vStart[route.vehicle]!, u);
  else nodes.splice(after, 0, u);
  return new Route(route.inst, route.vehicle, nodes).feasible;
}

/**
 * For a route that leaves at its shift start (it holds or gets a priority stop): the priority
 * stops' extra cost and the new end when an insertion after position `after` brings the next
 * position's arrival to `arrival`. Walks the tail only until waiting absorbs the push.
 */
function pushedTail(route: Route, after: number, arrival: number): { urgency: number; end: number } {
  const inst = route.inst;
  const v = route.vehicle;
  const nodes = route.nodes;
  const len = nodes.length;
  const E = route.earliest;
  const n = inst.nodeCount;
  let arr = arrival;
  let urgency = 0;
  for (let j = after + 1; j <= len; j++) {
    const x = nodes[j - 1]!;
    const start = x < inst.depotCount ? arr : earliestStart(inst, x, arr);
    if (start === E[j]) return { urgency, end: E[len + 1]! };
    urgency += inst.urgency[x]! * (start - E[j]!);
    arr = start + serviceAt(inst, v, x, j) + inst.time[x * n + (j === len ? inst.vEnd[v]! : nodes[j]!)]!;
  }
  return { urgency, end: arr };
}

function canServe(inst: Instance, v: number, u: number): boolean {
  const need = inst.skillMask[u]!;
  return (inst.vSkills[v]! & need) === need;
}

/**
 * Cheapest feasible place for stop u over all routes. Positions are skipped at random with
 * `blinkRate` (SISR blinks), which diversifies the recreate step.
 */
export function bestInsertion(
  sol: SearchSolution,
  u: number,
  rng: Rng | null,
  blinkRate: number,
  emptySeen: Uint8Array,
  /** When given, only routes holding one of these stops (and empty routes) are tried first. */
  near: Int32Array | null = null,
): Insertion | null {
  if (near !== null) {
    const nearby = new Uint8Array(sol.routes.length);
    for (let k = 0; k < near.length; k++) {
      const r = sol.routeOf[near[k]!]!;
      if (r >= 0) nearby[r] = 1;
    }
    const found = scanRoutes(sol, u, rng, blinkRate, emptySeen, nearby);
    if (found !== null) return found;
  }
  return scanRoutes(sol, u, rng, blinkRate, emptySeen, null);
}

function scanRoutes(sol: SearchSolution, u: number, rng: Rng | null, blinkRate: number, emptySeen: Uint8Array, only: Uint8Array | null): Insertion | null {
  const inst = sol.inst;
  const n = inst.nodeCount;
  const d = inst.dist;
  const tm = inst.time;
  let best: Insertion | null = null;
  let bestDelta = Infinity;
  emptySeen.fill(0);
  // Hot loop: module-level imports compile to property getters under CommonJS, so the window
  // logic of earliestStart and the constants are read into locals here.
  const eps = TIME_EPS;
  const D = inst.depotCount;
  const tw1S = inst.tw1Start[u]!;
  const tw1E = inst.tw1End[u]!;
  const tw2S = inst.tw2Start[u]!;
  const wU = inst.weight[u]!;
  const sU = inst.slots[u]!;
  const serviceU = inst.service[u]!;
  const lastEnd = inst.tw2End[u]!;
  const urgencyU = inst.urgency[u]!;
  for (let r = 0; r < sol.routes.length; r++) {
    const route = sol.routes[r]!;
    const v = route.vehicle;
    const len = route.nodes.length;
    if (only !== null && len > 0 && only[r] === 0) continue;
    if (!canServe(inst, v, u)) continue;
    if (len === 0) {
      const cls = inst.vClass[v]!;
      if (emptySeen[cls]) continue;
      emptySeen[cls] = 1;
    }
    if (wU > inst.capWeight[v]! || sU > inst.capSlots[v]!) continue;
    const costKm = inst.costPerKm[v]!;
    const perMinute = inst.costPerMinute[v]!;
    const fixed = len === 0 ? inst.fixedCost[v]! : 0;
    const capW = inst.capWeight[v]!;
    const capS = inst.capSlots[v]!;
    const hasMaxDuration = inst.maxDuration[v]! < Infinity;
    const reload = inst.reloadTime[v]!;
    const shiftStart = inst.shiftStart[v]!;
    const maxDuration = inst.maxDuration[v]!;
    const urgent = route.urgent || urgencyU > 0;
    const E = route.earliest;
    const L = route.latest;
    const { busy, closeBefore, closeFrom, waitFrom } = route.profile;
    const shiftEnd = inst.shiftEnd[v]!;
    let p = inst.vStart[v]!;
    for (let i = 0; i <= len; i++) {
      const q = i === len ? inst.vEnd[v]! : route.nodes[i]!;
      // The duration and the priority stops' starts never shrink when a stop is added, so the
      // distance part alone may prune.
      let delta = costKm * (d[p * n + u]! + d[u * n + q]! - d[p * n + q]!) + fixed;
      if (delta < bestDelta && (rng === null || rng.next() >= blinkRate)) {
        const t = route.trip[i]!;
        if (route.tripWeight[t]! + wU <= capW && route.tripSlots[t]! + sU <= capS) {
          const toU = (i === 0 ? 0 : p < D ? reload : inst.service[p]!) + tm[p * n + u]!;
          const arr = E[i]! + toU;
          const start = arr <= tw1E ? (arr > tw1S ? arr : tw1S) : arr > tw2S ? arr : tw2S;
          const arriveQ = start + serviceU + tm[u * n + q]!;
          const push = Math.max(0, arriveQ - E[i + 1]!);
          if (urgent) {
            const tail = pushedTail(route, i, arriveQ);
            delta += urgencyU * (start - shiftStart) + tail.urgency + perMinute * (tail.end - shiftStart - route.span);
          } else if (perMinute > 0) {
            // Savelsbergh-style: waiting after q absorbs the push; the stops after u are reached
            // `extra` later without waiting, which tightens their share of the latest departure.
            const extra = tm[p * n + u]! + serviceU + tm[u * n + q]! - tm[p * n + q]!;
            const end = E[len + 1]! + Math.max(0, push - waitFrom[i + 2]!);
            const closeU = (start <= tw1E ? tw1E : lastEnd) - busy[i]! - toU;
            const latestDeparture = Math.min(closeBefore[i]!, closeU, closeFrom[i + 1]! - extra);
            delta += perMinute * (Math.max(busy[len + 1]! + extra, end - latestDeparture) - route.span);
          }
          // The end moves by at most the push at q; if even leaving at shift start then fits the
          // maximum duration, the exact (allocating) check is not needed.
          const endBound = E[len + 1]! + push;
          if (delta < bestDelta && start <= lastEnd && arriveQ <= L[i + 1]! - eps && (!hasMaxDuration || endBound - shiftStart <= maxDuration || exactOk(route, i, u, false))) {
            bestDelta = delta;
            best = { route: r, after: i, newTrip: false, delta };
          }
        }
      }
      p = q;
    }
    if (len > 0 && route.tripCount < inst.maxTrips[v]!) {
      const last = route.nodes[len - 1]!;
      const depot = inst.vStart[v]!;
      const end = inst.vEnd[v]!;
      let delta = costKm * (d[last * n + depot]! + d[depot * n + u]! + d[u * n + end]! - d[last * n + end]!);
      if (delta < bestDelta && (rng === null || rng.next() >= blinkRate)) {
        const toDepot = route.serviceAt(len, last) + tm[last * n + depot]!;
        const reloadStart = E[len]! + toDepot;
        const start = earliestStart(inst, u, reloadStart + reload + tm[depot * n + u]!);
        const arriveEnd = start + serviceU + tm[u * n + end]!;
        if (urgent) {
          delta += urgencyU * (start - shiftStart) + perMinute * (arriveEnd - shiftStart - route.span);
        } else if (perMinute > 0) {
          const busyReload = busy[len]! + toDepot;
          const busyU = busyReload + reload + tm[depot * n + u]!;
          const busyEnd = busyU + serviceU + tm[u * n + end]!;
          const closeU = (start <= tw1E ? tw1E : lastEnd) - busyU;
          const latestDeparture = Math.min(closeBefore[len]!, shiftEnd - busyReload, closeU, shiftEnd - busyEnd);
          delta += perMinute * (Math.max(busyEnd, arriveEnd - latestDeparture) - route.span);
        }
        if (delta < bestDelta && start <= lastEnd && arriveEnd <= inst.shiftEnd[v]! - eps && (!hasMaxDuration || arriveEnd - shiftStart <= maxDuration || exactOk(route, len, u, true))) {
          bestDelta = delta;
          best = { route: r, after: len, newTrip: true, delta };
        }
      }
    }
  }
  return best;
}

/** Applies an insertion; the route must already be owned by `sol` (cloned if shared). */
export function applyInsertion(sol: SearchSolution, ins: Insertion, u: number): void {
  const route = sol.routes[ins.route]!;
  if (ins.newTrip) route.nodes.push(sol.inst.vStart[route.vehicle]!, u);
  else route.nodes.splice(ins.after, 0, u);
  route.update();
  sol.routeOf[u] = ins.route;
}
