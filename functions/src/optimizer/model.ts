/**
 * Public model of the vehicle-routing problem solved by this folder.
 *
 * Time is in one unit throughout (minutes in production; Solomon instances use their own unit);
 * the travel matrix returns durations in that unit and distances in km (or the instance's unit).
 */
import type { TravelMatrix } from './travel-matrix';

export type CylinderSize = 4 | 10 | 16 | 20 | 50;
export const CYLINDER_SIZES: readonly CylinderSize[] = [4, 10, 16, 20, 50];
/** Number of full cylinders of each size to deliver. */
export type CylinderDemand = Partial<Record<CylinderSize, number>>;

export interface TimeWindow {
  start: number;
  end: number;
}

export interface Depot {
  id: string;
  /** Index of this place in the travel matrix. */
  location: number;
}

export interface Vehicle {
  id: string;
  depotId: string;
  /** Where the shift ends; defaults to the start depot. */
  endDepotId?: string;
  capacityKg: number;
  /** Cylinder slots on the truck bed; omit for no slot limit. */
  capacitySlots?: number;
  shift: TimeWindow;
  /** Longest time from leaving the depot to the final return; omit for none. */
  maxDuration?: number;
  costPerKm: number;
  /**
   * Cost of each time unit of the route's duration (leaving the depot to the final return, with
   * the departure as late as keeps that return): the driver's day, so waiting for a window costs
   * as much as driving. Default 0: distance alone, as in the Solomon benchmark.
   */
  costPerMinute?: number;
  /** Paid once when the vehicle leaves the depot at all. */
  fixedCost?: number;
  skills?: string[];
  /** Trips per shift (returns to the start depot to reload in between); default 1. */
  maxTrips?: number;
  /** Time spent at the depot reloading between two trips. */
  reloadTime?: number;
}

export interface Stop {
  id: string;
  location: number;
  /** Cylinders to deliver; turned into kg and slots with the problem's cylinder table. */
  demand?: CylinderDemand;
  /** Explicit load, overriding `demand` (used by benchmark formats that give a bare number). */
  weightKg?: number;
  slots?: number;
  /** Zero, one or two windows in which service must start; none means any time in the shift. */
  timeWindows?: TimeWindow[];
  serviceTime: number;
  requiredSkills?: string[];
  /**
   * Higher is more important (default 0): harder to leave out, and each time unit of its service
   * start after the vehicle's shift start costs priority × PRIORITY_COST_PER_MINUTE (instance.ts),
   * so it is served early; its route leaves at the shift start.
   */
  priority?: number;
  /** When set the stop may be left out, at this cost. */
  optionalPenalty?: number;
}

/** Gross weight (cylinder + gas) and bed slots taken by one full cylinder of each size. */
export interface CylinderTable {
  grossKg: Record<CylinderSize, number>;
  slots: Record<CylinderSize, number>;
}

export interface Problem {
  depots: Depot[];
  vehicles: Vehicle[];
  stops: Stop[];
  matrix: TravelMatrix;
  cylinders?: CylinderTable;
}

export interface Visit {
  stopId: string;
  arrival: number;
  /** Start of service (after waiting for the window). */
  start: number;
  departure: number;
  wait: number;
}

export interface Trip {
  visits: Visit[];
  /** Leaving the depot with the load for this trip. */
  departure: number;
  /** Arrival back at the depot (the end depot for the last trip). */
  returnTime: number;
  loadKg: number;
  loadSlots: number;
  distance: number;
}

export interface VehicleRoute {
  vehicleId: string;
  trips: Trip[];
  distance: number;
  /** From leaving the depot to the final return. */
  duration: number;
  /** Distance × costPerKm + duration × costPerMinute + the fixed cost + the priority stops' waiting. */
  cost: number;
}

export type UnassignedReason =
  | 'SKILL_MISSING'
  | 'CAPACITY'
  | 'TIME_WINDOW_UNREACHABLE'
  | 'NOT_PROFITABLE'
  | 'NO_VEHICLE';

export interface UnassignedStop {
  stopId: string;
  reason: UnassignedReason;
}

export interface Solution {
  routes: VehicleRoute[];
  unassigned: UnassignedStop[];
  /** Travel, time and fixed cost plus penalties for stops left out. */
  cost: number;
  distance: number;
  stats: { iterations: number; elapsedMs: number };
}

export interface Progress {
  cost: number;
  elapsedMs: number;
  /** Fraction of the search budget used, 0..1. */
  share: number;
}

export interface SolveOptions {
  timeLimitMs: number;
  seed: number;
  maxIterations?: number;
  onProgress?: (best: Progress) => void;
  shouldStop?: () => boolean;
}

export type ViolationCode =
  | 'UNKNOWN_STOP'
  | 'UNKNOWN_VEHICLE'
  | 'DUPLICATE_STOP'
  | 'MISSING_STOP'
  | 'CAPACITY_WEIGHT'
  | 'CAPACITY_SLOTS'
  | 'TIME_WINDOW'
  | 'SHIFT_END'
  | 'MAX_DURATION'
  | 'SKILL_MISSING'
  | 'TOO_MANY_TRIPS'
  | 'EMPTY_TRIP'
  | 'DUPLICATE_VEHICLE';

export interface Violation {
  code: ViolationCode;
  vehicleId?: string;
  stopId?: string;
  /** How far over the limit (kg, slots or time units); 0 when not measurable. */
  amount: number;
}
