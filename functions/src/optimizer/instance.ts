/**
 * The problem compiled into flat typed arrays for the search: internal node ids are the depots
 * (0..depotCount-1) followed by the stops. A depot id inside a route means "reload here".
 */
import type { CylinderTable, Problem, Stop } from './model';
import { CYLINDER_SIZES } from './model';

export const DEFAULT_CYLINDERS: CylinderTable = {
  // Full cylinder gross weights (tare + gas) as carried on Taiwanese delivery trucks.
  grossKg: { 4: 9, 10: 24, 16: 35, 20: 42, 50: 100 },
  slots: { 4: 1, 10: 1, 16: 1, 20: 1, 50: 2 },
};

/** Penalty for leaving out a mandatory stop: dwarfs any travel cost so it is a last resort. */
export const MANDATORY_PENALTY = 1e7;

/**
 * Cost per minute, per priority level, of the service start of a priority stop after its vehicle's
 * shift start: an urgent (緊急) customer has no gas left, so every minute they wait is priced. NT$6
 * a minute (NT$360 an hour) against a truck's NT$10–14 a km plus the driver's NT$250 an hour
 * (2.4 minutes a km at 25 km/h, about NT$20 a km of detour in all): serving an urgent customer an
 * hour sooner is worth about 18 km of detour, which is more than crossing a district, so urgent
 * stops go first unless that means driving across town. Above the driver's NT$4.2 a minute on
 * purpose: a minute of a customer without gas weighs more than a minute of the driver's day.
 * Solomon instances have no priorities, so the benchmark is unaffected.
 */
export const PRIORITY_COST_PER_MINUTE = 6;

export interface Instance {
  problem: Problem;
  depotCount: number;
  stopCount: number;
  nodeCount: number;
  dist: Float64Array;
  time: Float64Array;
  /** Per node (depots have an always-open window; the vehicle shift bounds them). */
  tw1Start: Float64Array;
  tw1End: Float64Array;
  tw2Start: Float64Array;
  tw2End: Float64Array;
  service: Float64Array;
  weight: Float64Array;
  slots: Float64Array;
  skillMask: Uint32Array;
  penalty: Float64Array;
  optional: Uint8Array;
  /** Cost per time unit of the node's service start after the shift start (0 unless a priority stop). */
  urgency: Float64Array;
  vehicleCount: number;
  vStart: Int32Array;
  vEnd: Int32Array;
  shiftStart: Float64Array;
  shiftEnd: Float64Array;
  maxDuration: Float64Array;
  capWeight: Float64Array;
  capSlots: Float64Array;
  costPerKm: Float64Array;
  costPerMinute: Float64Array;
  fixedCost: Float64Array;
  vSkills: Uint32Array;
  maxTrips: Int32Array;
  reloadTime: Float64Array;
  /** Vehicles with identical attributes share a class (used to skip symmetric moves). */
  vClass: Int32Array;
  classSize: Int32Array;
}

export function stopLoad(stop: Stop, table: CylinderTable): { weight: number; slots: number } {
  let weight = 0;
  let slots = 0;
  for (const size of CYLINDER_SIZES) {
    const count = stop.demand?.[size] ?? 0;
    weight += count * table.grossKg[size];
    slots += count * table.slots[size];
  }
  return { weight: stop.weightKg ?? weight, slots: stop.slots ?? slots };
}

export class InvalidProblemError extends Error {
  readonly code = 'OPTIMIZER.INVALID_PROBLEM';
}

function skillIndex(problem: Problem): Map<string, number> {
  const index = new Map<string, number>();
  const add = (s: string): void => {
    if (!index.has(s)) index.set(s, index.size);
  };
  problem.vehicles.forEach((v) => v.skills?.forEach(add));
  problem.stops.forEach((s) => s.requiredSkills?.forEach(add));
  if (index.size > 32) throw new InvalidProblemError('at most 32 distinct skills are supported');
  return index;
}

function mask(skills: string[] | undefined, index: Map<string, number>): number {
  let m = 0;
  for (const s of skills ?? []) m |= 1 << index.get(s)!;
  return m >>> 0;
}

export function compile(problem: Problem): Instance {
  const D = problem.depots.length;
  const N = problem.stops.length;
  const n = D + N;
  const depotIndex = new Map(problem.depots.map((d, i) => [d.id, i]));
  const locations = [...problem.depots.map((d) => d.location), ...problem.stops.map((s) => s.location)];
  for (const loc of locations) {
    if (!(loc >= 0 && loc < problem.matrix.size)) throw new InvalidProblemError(`location ${loc} outside the matrix`);
  }
  const dist = new Float64Array(n * n);
  const time = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      dist[i * n + j] = problem.matrix.distance(locations[i]!, locations[j]!);
      time[i * n + j] = problem.matrix.duration(locations[i]!, locations[j]!);
    }
  }
  const skills = skillIndex(problem);
  const table = problem.cylinders ?? DEFAULT_CYLINDERS;
  const tw1Start = new Float64Array(n).fill(-Infinity);
  const tw1End = new Float64Array(n).fill(Infinity);
  const tw2Start = new Float64Array(n).fill(-Infinity);
  const tw2End = new Float64Array(n).fill(Infinity);
  const service = new Float64Array(n);
  const weight = new Float64Array(n);
  const slots = new Float64Array(n);
  const skillMask = new Uint32Array(n);
  const penalty = new Float64Array(n);
  const optional = new Uint8Array(n);
  const urgency = new Float64Array(n);
  const seen = new Set<string>();
  problem.stops.forEach((s, k) => {
    if (seen.has(s.id)) throw new InvalidProblemError(`duplicate stop id ${s.id}`);
    seen.add(s.id);
    const i = D + k;
    const windows = [...(s.timeWindows ?? [])].sort((a, b) => a.start - b.start);
    if (windows.length > 2) throw new InvalidProblemError(`stop ${s.id} has more than two time windows`);
    const first = windows[0];
    const second = windows[1] ?? first;
    if (first && second) {
      tw1Start[i] = first.start;
      tw1End[i] = first.end;
      tw2Start[i] = second.start;
      tw2End[i] = second.end;
    }
    service[i] = s.serviceTime;
    const load = stopLoad(s, table);
    weight[i] = load.weight;
    slots[i] = load.slots;
    skillMask[i] = mask(s.requiredSkills, skills);
    const priority = s.priority ?? 0;
    optional[i] = s.optionalPenalty === undefined ? 0 : 1;
    penalty[i] = s.optionalPenalty ?? MANDATORY_PENALTY * (1 + Math.max(0, priority));
    urgency[i] = PRIORITY_COST_PER_MINUTE * Math.max(0, priority);
  });
  const V = problem.vehicles.length;
  const vStart = new Int32Array(V);
  const vEnd = new Int32Array(V);
  const shiftStart = new Float64Array(V);
  const shiftEnd = new Float64Array(V);
  const maxDuration = new Float64Array(V);
  const capWeight = new Float64Array(V);
  const capSlots = new Float64Array(V);
  const costPerKm = new Float64Array(V);
  const costPerMinute = new Float64Array(V);
  const fixedCost = new Float64Array(V);
  const vSkills = new Uint32Array(V);
  const maxTrips = new Int32Array(V);
  const reloadTime = new Float64Array(V);
  const vClass = new Int32Array(V);
  const classKeys = new Map<string, number>();
  const classCounts: number[] = [];
  problem.vehicles.forEach((v, k) => {
    const start = depotIndex.get(v.depotId);
    const end = depotIndex.get(v.endDepotId ?? v.depotId);
    if (start === undefined || end === undefined) throw new InvalidProblemError(`vehicle ${v.id} has an unknown depot`);
    vStart[k] = start;
    vEnd[k] = end;
    shiftStart[k] = v.shift.start;
    shiftEnd[k] = v.shift.end;
    maxDuration[k] = v.maxDuration ?? Infinity;
    capWeight[k] = v.capacityKg;
    capSlots[k] = v.capacitySlots ?? Infinity;
    costPerKm[k] = v.costPerKm;
    costPerMinute[k] = v.costPerMinute ?? 0;
    fixedCost[k] = v.fixedCost ?? 0;
    vSkills[k] = mask(v.skills, skills);
    maxTrips[k] = Math.max(1, v.maxTrips ?? 1);
    reloadTime[k] = v.reloadTime ?? 0;
    const key = [start, end, shiftStart[k], shiftEnd[k], maxDuration[k], capWeight[k], capSlots[k], costPerKm[k], costPerMinute[k], fixedCost[k], vSkills[k], maxTrips[k], reloadTime[k]].join('|');
    let cls = classKeys.get(key);
    if (cls === undefined) {
      cls = classKeys.size;
      classKeys.set(key, cls);
      classCounts.push(0);
    }
    vClass[k] = cls;
    classCounts[cls]!++;
  });
  return {
    problem, depotCount: D, stopCount: N, nodeCount: n, dist, time,
    tw1Start, tw1End, tw2Start, tw2End, service, weight, slots, skillMask, penalty, optional, urgency,
    vehicleCount: V, vStart, vEnd, shiftStart, shiftEnd, maxDuration, capWeight, capSlots, costPerKm, costPerMinute, fixedCost,
    vSkills, maxTrips, reloadTime, vClass, classSize: Int32Array.from(classCounts),
  };
}

/** Service start for an arrival: waits for the next open window; a late arrival starts at once (and is late). */
export function earliestStart(inst: Instance, node: number, arrival: number): number {
  if (arrival <= inst.tw1End[node]!) return Math.max(arrival, inst.tw1Start[node]!);
  if (arrival <= inst.tw2End[node]!) return Math.max(arrival, inst.tw2Start[node]!);
  return arrival;
}

/** How far a service start lies after the node's last window closes. */
export function lateness(inst: Instance, node: number, start: number): number {
  return Math.max(0, start - inst.tw2End[node]!);
}

/**
 * Sums of the same times taken backwards differ from the forward ones in the last bits: a bound
 * this close below a window's opening is that noise, not a missed window.
 */
const WINDOW_NOISE = 1e-7;

/** Latest service start no later than `bound` within the node's windows, or -Infinity. */
export function latestStart(inst: Instance, node: number, bound: number): number {
  const tw2Start = inst.tw2Start[node]!;
  if (bound >= tw2Start - WINDOW_NOISE) return Math.min(Math.max(bound, tw2Start), inst.tw2End[node]!);
  const tw1Start = inst.tw1Start[node]!;
  if (bound >= tw1Start - WINDOW_NOISE) return Math.min(Math.max(bound, tw1Start), inst.tw1End[node]!);
  return -Infinity;
}
