/**
 * Whether a driver and a truck can take a route, and which drivers fit a route best. Pure
 * functions of the route, the fleet and the day's other routes.
 */
import { startsAfterClosing } from '../closures';
import { fullCylinderKg, isActive, type Driver, type Vehicle } from '../fleet';
import { minuteOfDayAt, minutesOfDay, type StopClosings } from './planning';
import type { Route } from './route';
import { z } from '../schema';

export const ASSIGNMENT_PROBLEMS = [
  'DRIVER_INACTIVE',
  'VEHICLE_INACTIVE',
  'SKILL_MISSING',
  'SHIFT_TOO_SHORT',
  'CAPACITY_WEIGHT',
  'CAPACITY_SLOTS',
  'DEPOT_MISMATCH',
  'DRIVER_BUSY',
  'VEHICLE_BUSY',
  /**
   * A stop handed over onto a driver's own route (改派) reached after its customer's window closes, or any stop reached
   * after the day's early closing where it is delivered (提早收工, `detail.closure`).
   */
  'TIME_WINDOW',
] as const;

export const assignmentProblemSchema = z
  .object({ code: z.enum(ASSIGNMENT_PROBLEMS), detail: z.record(z.string(), z.unknown()) })
  .openapi('AssignmentProblem');
export type AssignmentProblem = z.infer<typeof assignmentProblemSchema>;

/** Heaviest and fullest trip: what the truck must carry at once. */
export function peakLoad(route: Pick<Route, 'stops'>): { kg: number; slots: number } {
  const trips = new Map<number, { kg: number; slots: number }>();
  for (const s of route.stops) {
    const t = trips.get(s.trip) ?? { kg: 0, slots: 0 };
    for (const l of s.demand) {
      t.kg += fullCylinderKg(l.size) * l.quantity;
      t.slots += l.quantity;
    }
    trips.set(s.trip, t);
  }
  return [...trips.values()].reduce((m, t) => ({ kg: Math.max(m.kg, t.kg), slots: Math.max(m.slots, t.slots) }), { kg: 0, slots: 0 });
}

/** Planned span of the route in minutes after midnight, or null for an empty route. */
export function routeSpan(route: Pick<Route, 'date' | 'startsAt' | 'endsAt'>): { start: number; end: number } | null {
  if (!route.startsAt || !route.endsAt) return null;
  return { start: minuteOfDayAt(route.date, route.startsAt), end: minuteOfDayAt(route.date, route.endsAt) };
}

const overlaps = (a: { start: number; end: number } | null, b: { start: number; end: number } | null): boolean =>
  !!a && !!b && a.start < b.end && b.start < a.end;

export interface AssignmentCheck {
  readonly route: Route;
  readonly driver: Driver;
  readonly vehicle: Vehicle;
  /** The same day's other routes, to catch a driver or truck planned twice at once. */
  readonly otherRoutes: readonly Route[];
  /** Where the day ends early for the route's stops (提早收工), by order id: a stop still to make after it does not go. */
  readonly closings?: StopClosings;
}

/**
 * Each stop still to make reached after the early closing where it is delivered, or whose hours all start once it has
 * closed (`TIME_WINDOW`: its order, when it would be reached, the closing's time as the window's end, how late, and the
 * closing's name), as planning leaves such a stop out.
 */
function closingProblems(route: Pick<Route, 'date' | 'stops'>, closings: StopClosings): AssignmentProblem[] {
  return route.stops.flatMap((s) => {
    const closing = closings.get(s.orderId);
    if (!closing || s.outcome) return [];
    const lateMin = Math.max(0, Math.ceil(minuteOfDayAt(route.date, s.eta) - minutesOfDay(closing.closesAt)));
    const noTimeLeft = s.windows.length > 0 && s.windows.every((w) => startsAfterClosing(w, closing.closesAt));
    if (lateMin === 0 && !noTimeLeft) return [];
    return [{ code: 'TIME_WINDOW' as const, detail: { orderId: s.orderId, eta: s.eta, windowEnd: closing.closesAt, lateMin, closure: closing.name } }];
  });
}

/** Every reason the pair cannot take the route; empty when it can. */
export function assignmentProblems({ route, driver, vehicle, otherRoutes, closings }: AssignmentCheck): AssignmentProblem[] {
  const problems: AssignmentProblem[] = [];
  if (!driver.active) problems.push({ code: 'DRIVER_INACTIVE', detail: { driverId: driver.id } });
  if (!isActive(vehicle)) problems.push({ code: 'VEHICLE_INACTIVE', detail: { vehicleId: vehicle.id } });
  const skills = new Set<string>(driver.skills);
  const missing = [...new Set(route.stops.flatMap((s) => s.requiredSkills))].filter((s) => !skills.has(s));
  if (missing.length > 0) problems.push({ code: 'SKILL_MISSING', detail: { missing } });
  const span = routeSpan(route);
  const shift = { start: minutesOfDay(driver.shift.start), end: minutesOfDay(driver.shift.end) };
  if (span && (span.start < shift.start || span.end > shift.end)) {
    problems.push({ code: 'SHIFT_TOO_SHORT', detail: { shift: driver.shift, routeStartsAt: route.startsAt, routeEndsAt: route.endsAt } });
  }
  const load = peakLoad(route);
  if (load.kg > vehicle.capacityKg) problems.push({ code: 'CAPACITY_WEIGHT', detail: { needKg: load.kg, capacityKg: vehicle.capacityKg } });
  if (load.slots > vehicle.cylinderSlots) problems.push({ code: 'CAPACITY_SLOTS', detail: { needSlots: load.slots, cylinderSlots: vehicle.cylinderSlots } });
  if (vehicle.depotId !== route.depotId) problems.push({ code: 'DEPOT_MISMATCH', detail: { vehicleDepotId: vehicle.depotId, routeDepotId: route.depotId } });
  const others = otherRoutes.filter((r) => r.id !== route.id && r.date === route.date);
  const busyWith = (r: Route) => overlaps(span, routeSpan(r));
  const driverClash = others.find((r) => r.driverId === driver.id && busyWith(r));
  if (driverClash) problems.push({ code: 'DRIVER_BUSY', detail: { routeId: driverClash.id } });
  const vehicleClash = others.find((r) => r.vehicleId === vehicle.id && busyWith(r));
  if (vehicleClash) problems.push({ code: 'VEHICLE_BUSY', detail: { routeId: vehicleClash.id } });
  if (closings) problems.push(...closingProblems(route, closings));
  return problems;
}

export const driverSuggestionSchema = z
  .object({
    driverId: z.string(),
    name: z.string(),
    /** The truck checked with this driver: the route's own, else the driver's regular one. */
    vehicleId: z.string(),
    feasible: z.boolean(),
    score: z.number(),
    problems: z.array(assignmentProblemSchema),
    /** Why the driver ranks where they do, as codes a screen can translate. */
    strengths: z.array(z.string()),
  })
  .openapi('DriverSuggestion');
export type DriverSuggestion = z.infer<typeof driverSuggestionSchema>;

/**
 * Ranks drivers for a route: drivers who can take it first; among them the route truck's regular
 * driver, then those whose shift leaves the most slack, then those with no other route that day.
 * A published or started route is handed over (改派): its own driver is not offered, and a started one is judged by the
 * stops it has left (a 50 kg stop made already needs no skill now). `joined` judges a driver the stops would join the
 * route of instead, with its truck (`joinedAssignment`). `closings` holds its stops to the day's early closings where they
 * are delivered, as assigning does.
 */
export function suggestDrivers(
  given: Route,
  drivers: readonly Driver[],
  vehicles: readonly Vehicle[],
  otherRoutes: readonly Route[],
  joined?: (driver: Driver) => { vehicle: Vehicle; problems: AssignmentProblem[] } | undefined,
  closings?: StopClosings,
): DriverSuggestion[] {
  const handOver = given.status !== 'draft';
  const route = handOver ? { ...given, stops: given.stops.filter((s) => !s.outcome) } : given;
  const span = routeSpan(route);
  // Deactivated drivers and retired trucks are no longer offered at all.
  return drivers
    .filter((driver) => driver.active && !(handOver && driver.id === route.driverId))
    .flatMap((driver) => {
      const join = joined?.(driver);
      const vehicle = join?.vehicle ?? vehicles.find((v) => v.id === (route.vehicleId ?? driver.vehicleId));
      if (!vehicle || !isActive(vehicle)) return [];
      const problems = join?.problems ?? assignmentProblems({ route, driver, vehicle, otherRoutes, closings });
      const strengths: string[] = [];
      let score = 100 - 25 * problems.length;
      if (driver.vehicleId === vehicle.id) {
        strengths.push('REGULAR_VEHICLE');
        score += 10;
      }
      if (span) {
        const slack = Math.min(span.start - minutesOfDay(driver.shift.start), minutesOfDay(driver.shift.end) - span.end);
        if (slack >= 60) strengths.push('SHIFT_SLACK');
        score += Math.max(0, Math.min(5, slack / 30));
      }
      if (!otherRoutes.some((r) => r.id !== route.id && r.date === route.date && r.driverId === driver.id)) {
        strengths.push('FREE_THAT_DAY');
        score += 5;
      }
      return [{ driverId: driver.id, name: driver.name, vehicleId: vehicle.id, feasible: problems.length === 0, score: Math.round(score * 10) / 10, problems, strengths }];
    })
    .sort((a, b) => Number(b.feasible) - Number(a.feasible) || b.score - a.score || a.driverId.localeCompare(b.driverId));
}
