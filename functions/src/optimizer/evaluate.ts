/**
 * Recomputes times, loads and violations for any route, including routes edited by hand, and
 * checks whole solutions. Independent of the search: it only shares the schedule simulation.
 */
import type { Instance } from './instance';
import { compile, lateness } from './instance';
import type { Problem, Solution, Trip, VehicleRoute, Violation } from './model';
import type { ForwardResult } from './schedule';
import { backwardPass, bestDeparture, forwardPass, holdsUrgent, tripLoads, urgencyCost } from './schedule';

/** Far above float noise on times of a day in minutes, far below anything anyone would see. */
const ROUNDING_ALLOWANCE = 1e-8;

export interface RouteEvaluation {
  route: VehicleRoute;
  violations: Violation[];
}

/** Times and violations of a node sequence (depot ids between trips) for vehicle v. */
export function describeRoute(inst: Instance, v: number, nodes: number[]): RouteEvaluation {
  const problem = inst.problem;
  const vehicle = problem.vehicles[v]!;
  const len = nodes.length;
  const D = inst.depotCount;
  const n = inst.nodeCount;
  const start = new Float64Array(len + 2);
  const arrival = new Float64Array(len + 2);
  const latest = new Float64Array(len + 2);
  const early = forwardPass(inst, v, nodes, inst.shiftStart[v]!, start);
  const onTime = early.lateness === 0;
  // Shown schedule: back as early as possible, leaving as late as that allows. If even that is
  // too long, the latest departure (the shortest possible duration) decides.
  // Float rounding on the backward pass can make the latest departure a hair late: leaving a
  // hair earlier absorbs it (the waiting takes the difference), and only if that fails too is
  // the delay dropped.
  const scheduleFrom = (endBound: number): { departure: number; fwd: ForwardResult } => {
    backwardPass(inst, v, nodes, latest, endBound);
    const latestDeparture = bestDeparture(inst, v, latest[0]!, onTime);
    for (const departure of [latestDeparture, Math.max(inst.shiftStart[v]!, latestDeparture - ROUNDING_ALLOWANCE)]) {
      const fwd = forwardPass(inst, v, nodes, departure, start, arrival);
      if (fwd.lateness <= early.lateness) return { departure, fwd };
    }
    return { departure: inst.shiftStart[v]!, fwd: forwardPass(inst, v, nodes, inst.shiftStart[v]!, start, arrival) };
  };
  // A route with a priority stop leaves at its shift start (holdsUrgent says why): the earliest schedule.
  const urgent = holdsUrgent(inst, nodes);
  let { departure, fwd } = urgent ? { departure: inst.shiftStart[v]!, fwd: forwardPass(inst, v, nodes, inst.shiftStart[v]!, start, arrival) } : scheduleFrom(early.end);
  if (!urgent && fwd.end - departure > inst.maxDuration[v]!) ({ departure, fwd } = scheduleFrom(inst.shiftEnd[v]!));
  const violations: Violation[] = [];
  const vehicleId = vehicle.id;
  const loads = tripLoads(inst, nodes);
  const trips: Trip[] = [];
  let trip: Trip = { visits: [], departure, returnTime: 0, loadKg: loads.weight[0]!, loadSlots: loads.slots[0]!, distance: 0 };
  let prev = inst.vStart[v]!;
  for (let i = 1; i <= len + 1; i++) {
    const x = i <= len ? nodes[i - 1]! : inst.vEnd[v]!;
    trip.distance += inst.dist[prev * n + x]!;
    if (x < D || i > len) {
      trip.returnTime = arrival[i]!;
      if (trip.visits.length === 0) violations.push({ code: 'EMPTY_TRIP', vehicleId, amount: 0 });
      trips.push(trip);
      if (i <= len) {
        const k = trips.length;
        trip = { visits: [], departure: start[i]! + inst.reloadTime[v]!, returnTime: 0, loadKg: loads.weight[k]!, loadSlots: loads.slots[k]!, distance: 0 };
      }
    } else {
      const stop = problem.stops[x - D]!;
      trip.visits.push({ stopId: stop.id, arrival: arrival[i]!, start: start[i]!, departure: start[i]! + inst.service[x]!, wait: start[i]! - arrival[i]! });
      const late = lateness(inst, x, start[i]!);
      if (late > 0) violations.push({ code: 'TIME_WINDOW', vehicleId, stopId: stop.id, amount: late });
      const need = inst.skillMask[x]!;
      if ((inst.vSkills[v]! & need) !== need) violations.push({ code: 'SKILL_MISSING', vehicleId, stopId: stop.id, amount: 0 });
    }
    prev = x;
  }
  if (fwd.end > inst.shiftEnd[v]!) violations.push({ code: 'SHIFT_END', vehicleId, amount: fwd.end - inst.shiftEnd[v]! });
  const duration = len === 0 ? 0 : fwd.end - departure;
  if (duration > inst.maxDuration[v]!) violations.push({ code: 'MAX_DURATION', vehicleId, amount: duration - inst.maxDuration[v]! });
  if (trips.length > inst.maxTrips[v]!) violations.push({ code: 'TOO_MANY_TRIPS', vehicleId, amount: trips.length - inst.maxTrips[v]! });
  loads.weight.forEach((w, k) => {
    if (w > inst.capWeight[v]!) violations.push({ code: 'CAPACITY_WEIGHT', vehicleId, amount: w - inst.capWeight[v]! });
    if (loads.slots[k]! > inst.capSlots[v]!) violations.push({ code: 'CAPACITY_SLOTS', vehicleId, amount: loads.slots[k]! - inst.capSlots[v]! });
  });
  const urgency = urgent ? urgencyCost(inst, v, nodes, start) : 0;
  const cost = len === 0 ? 0 : fwd.distance * inst.costPerKm[v]! + duration * inst.costPerMinute[v]! + inst.fixedCost[v]! + urgency;
  return { route: { vehicleId, trips: len === 0 ? [] : trips, distance: fwd.distance, duration, cost }, violations };
}

/** The stops and vehicle of one route as a small problem, so editing one route stays cheap. */
export function subProblem(problem: Problem, vehicleId: string, stopIds: string[]): { inst: Instance; nodes: number[] } | Violation[] {
  const vehicle = problem.vehicles.find((v) => v.id === vehicleId);
  if (!vehicle) return [{ code: 'UNKNOWN_VEHICLE', vehicleId, amount: 0 }];
  const byId = new Map(problem.stops.map((s) => [s.id, s]));
  const unknown = stopIds.filter((id) => !byId.has(id));
  if (unknown.length > 0) return unknown.map((stopId) => ({ code: 'UNKNOWN_STOP' as const, vehicleId, stopId, amount: 0 }));
  const unique = [...new Set(stopIds)];
  const inst = compile({ ...problem, vehicles: [vehicle], stops: unique.map((id) => byId.get(id)!) });
  const nodeOf = new Map(unique.map((id, k) => [id, inst.depotCount + k]));
  return { inst, nodes: stopIds.map((id) => nodeOf.get(id)!) };
}

/** Marks a reload at the depot between trips in a flat list of stop ids (`tripsToIds`). */
export const RELOAD = '\u0000reload';

export function tripsToIds(trips: string[][]): string[] {
  return trips.flatMap((t, k) => (k === 0 ? t : [RELOAD, ...t]));
}

/**
 * Recomputes arrival and service times, loads and distance of one vehicle's route given as trips
 * of stop ids in visiting order (a reload at the depot between trips), and lists every violation.
 */
export function evaluateRoute(problem: Problem, vehicleId: string, trips: string[][]): RouteEvaluation {
  const ids = tripsToIds(trips);
  const sub = subProblem(problem, vehicleId, ids.filter((id) => id !== RELOAD));
  if (Array.isArray(sub)) return { route: { vehicleId, trips: [], distance: 0, duration: 0, cost: 0 }, violations: sub };
  const { inst } = sub;
  let k = 0;
  const nodes = ids.map((id) => (id === RELOAD ? inst.vStart[0]! : sub.nodes[k++]!));
  const result = describeRoute(inst, 0, nodes);
  const seen = new Set<string>();
  for (const id of ids) {
    if (id === RELOAD) continue;
    if (seen.has(id)) result.violations.push({ code: 'DUPLICATE_STOP', vehicleId, stopId: id, amount: 0 });
    seen.add(id);
  }
  return result;
}

/** Every constraint broken by a solution; an empty list means it is feasible. */
export function checkSolution(problem: Problem, solution: Pick<Solution, 'routes' | 'unassigned'>): Violation[] {
  const violations: Violation[] = [];
  const served = new Map<string, number>();
  const vehiclesUsed = new Set<string>();
  for (const route of solution.routes) {
    if (vehiclesUsed.has(route.vehicleId)) violations.push({ code: 'DUPLICATE_VEHICLE', vehicleId: route.vehicleId, amount: 0 });
    vehiclesUsed.add(route.vehicleId);
    const trips = route.trips.map((t) => t.visits.map((v) => v.stopId));
    for (const id of trips.flat()) served.set(id, (served.get(id) ?? 0) + 1);
    violations.push(...evaluateRoute(problem, route.vehicleId, trips).violations.filter((v) => v.code !== 'DUPLICATE_STOP'));
  }
  const left = new Set(solution.unassigned.map((u) => u.stopId));
  for (const stop of problem.stops) {
    const count = served.get(stop.id) ?? 0;
    if (count > 1 || (count === 1 && left.has(stop.id))) violations.push({ code: 'DUPLICATE_STOP', stopId: stop.id, amount: 0 });
    if (count === 0 && !left.has(stop.id)) violations.push({ code: 'MISSING_STOP', stopId: stop.id, amount: 0 });
  }
  return violations;
}
