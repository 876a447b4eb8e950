/**
 * The one place that turns a vehicle's node sequence into times and loads. Used by the search
 * (feasibility of its routes), by evaluateRoute (hand-edited routes) and by the checker.
 */
import type { Instance } from './instance';
import { earliestStart, lateness, latestStart } from './instance';

export interface ForwardResult {
  /** Sum over stops of service start after the window closed. */
  lateness: number;
  /** Arrival at the end depot. */
  end: number;
  distance: number;
}

/** Time spent at a node inside a route: a depot in the middle is a reload. */
export function serviceAt(inst: Instance, v: number, node: number, i: number): number {
  if (i === 0) return 0;
  return node < inst.depotCount ? inst.reloadTime[v]! : inst.service[node]!;
}

/**
 * Simulates leaving the start depot at `departure`: fills start[i] (service start at extended
 * position i, the end depot's arrival last) and optionally arrival[i].
 */
export function forwardPass(
  inst: Instance,
  v: number,
  nodes: ArrayLike<number>,
  departure: number,
  start: Float64Array,
  arrival?: Float64Array,
): ForwardResult {
  // Imported functions are getters under CommonJS; read once, not per stop.
  const startAt = earliestStart;
  const lateBy = lateness;
  const n = inst.nodeCount;
  const len = nodes.length;
  let prev = inst.vStart[v]!;
  let t = departure;
  let late = 0;
  let distance = 0;
  start[0] = departure;
  if (arrival) arrival[0] = departure;
  let prevService = 0;
  for (let i = 1; i <= len + 1; i++) {
    const x = i <= len ? nodes[i - 1]! : inst.vEnd[v]!;
    const arr = t + prevService + inst.time[prev * n + x]!;
    distance += inst.dist[prev * n + x]!;
    if (arrival) arrival[i] = arr;
    if (i > len) {
      start[i] = arr;
      late += Math.max(0, arr - inst.shiftEnd[v]!);
    } else if (x < inst.depotCount) {
      t = arr;
      start[i] = t;
      prevService = inst.reloadTime[v]!;
    } else {
      t = startAt(inst, x, arr);
      start[i] = t;
      late += lateBy(inst, x, t);
      prevService = inst.service[x]!;
    }
    prev = x;
  }
  return { lateness: late, end: start[len + 1]!, distance };
}

/**
 * Latest start at each extended position that keeps the rest of the route on time (fills
 * latest[]); the value at 0 is the latest departure. Meaningless where the route is late anyway.
 */
export function backwardPass(inst: Instance, v: number, nodes: ArrayLike<number>, latest: Float64Array, endBound = inst.shiftEnd[v]!): void {
  const latestAt = latestStart;
  const n = inst.nodeCount;
  const len = nodes.length;
  latest[len + 1] = endBound;
  let next = inst.vEnd[v]!;
  for (let i = len; i >= 0; i--) {
    const x = i === 0 ? inst.vStart[v]! : nodes[i - 1]!;
    const service = i === 0 ? 0 : x < inst.depotCount ? inst.reloadTime[v]! : inst.service[x]!;
    const bound = latest[i + 1]! - service - inst.time[x * n + next]!;
    if (i === 0 || x < inst.depotCount) latest[i] = Math.min(bound, inst.shiftEnd[v]!);
    else latest[i] = latestAt(inst, x, bound);
    next = x;
  }
}

/**
 * Departure that minimises the route's duration without making anything later: as late as the
 * backward pass allows (waiting absorbs the delay), never before the shift starts.
 */
export function bestDeparture(inst: Instance, v: number, latestAtStart: number, feasible: boolean): number {
  return feasible ? Math.max(inst.shiftStart[v]!, latestAtStart) : inst.shiftStart[v]!;
}

/**
 * Whether the route holds a priority stop. Such a route leaves at its shift start rather than as
 * late as keeps its return: the urgent customer has no gas, so the driver sets off at once (and
 * the route's duration, priced per minute, runs from the shift start).
 */
export function holdsUrgent(inst: Instance, nodes: ArrayLike<number>): boolean {
  for (let i = 0; i < nodes.length; i++) if (inst.urgency[nodes[i]!]! > 0) return true;
  return false;
}

/** Cost of the priority stops' service starts (start[i] at extended position i) after the shift start. */
export function urgencyCost(inst: Instance, v: number, nodes: ArrayLike<number>, start: Float64Array): number {
  let cost = 0;
  for (let i = 1; i <= nodes.length; i++) {
    const w = inst.urgency[nodes[i - 1]!]!;
    if (w > 0) cost += w * (start[i]! - inst.shiftStart[v]!);
  }
  return cost;
}

/** Load per trip (a depot inside the sequence starts a new trip). */
export function tripLoads(inst: Instance, nodes: ArrayLike<number>): { weight: number[]; slots: number[] } {
  const weight = [0];
  const slots = [0];
  for (let i = 0; i < nodes.length; i++) {
    const x = nodes[i]!;
    if (x < inst.depotCount) {
      weight.push(0);
      slots.push(0);
    } else {
      weight[weight.length - 1]! += inst.weight[x]!;
      slots[slots.length - 1]! += inst.slots[x]!;
    }
  }
  return { weight, slots };
}

/**
 * What the O(1) duration estimate of an insertion needs, over the earliest schedule `earliest`
 * (positions 0..len+1; `waitFrom` one longer):
 * - busy[j]: travel, service and reloads from the departure to the arrival at j, without waiting;
 * - closeBefore[j] / closeFrom[j]: the least (close_k − busy[k]) over positions k ≤ j / k ≥ j,
 *   close_k being the end of the window k's start falls in (the shift end at depots), so the
 *   latest departure that keeps every window is closeFrom[0];
 * - waitFrom[j]: waiting at positions ≥ j, which absorbs a later arrival before it reaches the end.
 */
export interface SpanProfile {
  busy: Float64Array;
  closeBefore: Float64Array;
  closeFrom: Float64Array;
  waitFrom: Float64Array;
}

/**
 * Fills `p` and returns the route's shortest duration. Leaving δ after the shift start pushes the
 * end by max(0, δ − waiting), so the best departure uses up the waiting or the latest departure,
 * whichever comes first: duration = max(busy to the end, end − latest departure). Exact with one
 * window per stop; a stop with two is held to the window its earliest start falls in.
 */
export function spanProfile(inst: Instance, v: number, nodes: ArrayLike<number>, earliest: Float64Array, p: SpanProfile): number {
  const n = inst.nodeCount;
  const D = inst.depotCount;
  const len = nodes.length;
  const shiftEnd = inst.shiftEnd[v]!;
  const { busy, closeBefore, closeFrom, waitFrom } = p;
  const close = closeFrom;
  busy[0] = 0;
  close[0] = shiftEnd;
  waitFrom[len + 2] = 0;
  let prev = inst.vStart[v]!;
  let prevService = 0;
  for (let i = 1; i <= len + 1; i++) {
    const x = i <= len ? nodes[i - 1]! : inst.vEnd[v]!;
    const leg = prevService + inst.time[prev * n + x]!;
    busy[i] = busy[i - 1]! + leg;
    const arrival = earliest[i - 1]! + leg;
    waitFrom[i] = earliest[i]! - arrival;
    if (i > len || x < D) {
      close[i] = shiftEnd - busy[i]!;
      prevService = i > len ? 0 : inst.reloadTime[v]!;
    } else {
      close[i] = (earliest[i]! <= inst.tw1End[x]! ? inst.tw1End[x]! : inst.tw2End[x]!) - busy[i]!;
      prevService = inst.service[x]!;
    }
    prev = x;
  }
  waitFrom[0] = 0;
  closeBefore[0] = close[0]!;
  for (let i = 1; i <= len + 1; i++) closeBefore[i] = Math.min(closeBefore[i - 1]!, close[i]!);
  for (let i = len + 1; i >= 0; i--) {
    waitFrom[i] = waitFrom[i]! + waitFrom[i + 1]!;
    if (i <= len) close[i] = Math.min(close[i]!, close[i + 1]!);
  }
  if (len === 0) return 0;
  return Math.max(busy[len + 1]!, earliest[len + 1]! - closeFrom[0]!);
}
