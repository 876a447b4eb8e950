/**
 * Turns orders, customers and the fleet into the solver's `Problem`, and solver output or an
 * edited stop list back into timed routes. Time inside the solver is minutes after midnight in
 * Taipei on the route's date.
 */
import { evaluateRoute } from '../../optimizer/evaluate';
import type { CylinderTable, Problem, Solution, Stop as SolverStop, Trip, Vehicle as SolverVehicle } from '../../optimizer/model';
import { haversineKm, haversineMatrix, type LatLng, type TravelMatrix } from '../../optimizer/travel-matrix';
import { taipeiInstant } from '../calendar';
import { serviceTimeMinutes, type Customer } from '../customers';
import { CYLINDER_SIZES, type CylinderSize } from '../cylinders';
import { fullCylinderKg, isActive, type Depot, type Driver, type DriverSkill, type Vehicle } from '../fleet';
import type { Order } from '../orders';
import type { TimeWindow } from '../schema';
import type { Route, RouteStop, TravelTimes, TripTime } from './route';

/** Trips a truck may make in a shift, and minutes to reload between them. */
export const MAX_TRIPS = 3;
export const RELOAD_MINUTES = 15;
/**
 * What an hour of a driver's day costs the plan when the driver's record names no cost of its own
 * (`hourlyCost`), or nobody drives the truck regularly: NT$ 250, about a delivery driver's pay with
 * allowances. The solver then weighs an hour of waiting for a window like 25 km of driving at
 * NT$ 10/km, so it fills such waits with stops that can be served any time.
 */
export const DEFAULT_DRIVER_HOURLY_COST = 250;
/** Shift of a truck nobody drives regularly. */
export const DEFAULT_SHIFT = { start: '08:00', end: '17:00' } as const;

/** The rack holds any cylinder upright in one slot; weight is gas plus steel. */
export const CYLINDER_TABLE: CylinderTable = {
  grossKg: Object.fromEntries(CYLINDER_SIZES.map((s) => [s, fullCylinderKg(s)])) as Record<CylinderSize, number>,
  slots: Object.fromEntries(CYLINDER_SIZES.map((s) => [s, 1])) as Record<CylinderSize, number>,
};

export const minutesOfDay = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** The instant `minutes` after midnight (Taipei) of `date`; may run past midnight. */
export const instantAt = (date: string, minutes: number): string =>
  new Date(Date.parse(taipeiInstant(date, '00:00')) + Math.round(minutes * 60_000)).toISOString();

/** Minutes after midnight (Taipei) of `date` at `instant`, the inverse of `instantAt`. */
export const minuteOfDayAt = (date: string, instant: string): number => (Date.parse(instant) - Date.parse(taipeiInstant(date, '00:00'))) / 60_000;

/** What a stop needs besides its place in the route. */
export type StopPlan = Omit<RouteStop, 'seq' | 'trip' | 'eta' | 'outcome'>;

export interface Unassigned {
  readonly orderId: string;
  readonly reason: string;
}

const skillsFor = (order: Order, customer: Customer | undefined): DriverSkill[] => [
  ...(order.items.some((l) => l.size === 50) ? (['cylinder_50kg'] as const) : []),
  ...(customer?.type === 'industrial' ? (['industrial'] as const) : []),
];

/** At most two windows: the order's own, else the customer's usual ones (later ones folded into the second). */
function windowsFor(order: Order, customer: Customer | undefined): TimeWindow[] {
  if (order.timeWindow) return [order.timeWindow];
  const usual = [...(customer?.deliveryWindows ?? [])].sort((a, b) => a.start.localeCompare(b.start));
  if (usual.length <= 2) return usual;
  const [first, second] = usual as [TimeWindow, TimeWindow];
  const lastEnd = usual.reduce((end, w) => (w.end > end ? w.end : end), second.end);
  return [first, { start: second.start, end: lastEnd }];
}

/** The stop an order becomes, or why it cannot be planned at all. */
export function stopPlanFor(order: Order, customer: Customer | undefined): StopPlan | Unassigned {
  const location = order.location ?? customer?.location;
  if (!location) return { orderId: order.id, reason: 'NO_LOCATION' };
  const cylinders = order.items.reduce((n, l) => n + l.quantity, 0);
  return {
    orderId: order.id,
    customerId: order.customerId,
    lat: location.lat,
    lng: location.lng,
    serviceMin: serviceTimeMinutes(customer ?? { floorsWithoutElevator: 0 }, cylinders),
    demand: order.items.map(({ size, quantity }) => ({ size, quantity })),
    windows: windowsFor(order, customer),
    requiredSkills: skillsFor(order, customer),
    priority: order.priority,
  };
}

/** Why a planned stop's order cannot go out as planned any more. */
export type StaleStopReason = 'status' | 'date' | 'items' | 'location' | 'window' | 'service' | 'skills' | 'priority';
export interface StaleStop {
  readonly orderId: string;
  readonly status: Order['status'] | null;
  readonly reason: StaleStopReason;
}

const sameDemand = (a: RouteStop['demand'], b: Order['items']): boolean => {
  const key = (lines: readonly { size: number; quantity: number }[]) =>
    [...lines].sort((x, y) => x.size - y.size).map((l) => `${l.size}:${l.quantity}`).join(',');
  return key(a) === key(b);
};

const sameWindows = (a: readonly TimeWindow[], b: readonly TimeWindow[]): boolean =>
  a.length === b.length && a.every((w, i) => w.start === b[i]!.start && w.end === b[i]!.end);

const sameSkills = (a: readonly string[], b: readonly string[]): boolean => [...a].sort().join(',') === [...b].sort().join(',');

/** Which planning input of a stop differs from what its order and customer give now (`stopPlanFor`), if any. */
function changedInput(stop: RouteStop, now: StopPlan): StaleStopReason | undefined {
  if (now.lat !== stop.lat || now.lng !== stop.lng) return 'location';
  if (!sameWindows(stop.windows, now.windows)) return 'window';
  if (now.serviceMin !== stop.serviceMin) return 'service';
  if (!sameSkills(stop.requiredSkills, now.requiredSkills)) return 'skills';
  // Stops planned before the priority was recorded cannot tell; they pass rather than every old draft being refused.
  if (stop.priority !== undefined && stop.priority !== now.priority) return 'priority';
  return undefined;
}

/**
 * The stops of a draft whose orders changed after planning: no longer confirmed, moved to another day (the customer
 * was told that day), other cylinders (the truck's load and the stop's time were worked out for the old ones), or any
 * other input the stop was planned with (`stopPlanFor` over the order and its customer now): another place (the
 * customer re-pinned: the driver navigates by the stop's coordinates), another delivery window (the order's own or the
 * customer's usual ones: the stop's time was promised inside the old one), another service time (floors without a
 * lift), other skills (the customer became industrial) or another priority (the solver weighed the old one).
 * Publishing such a route would schedule the order for the wrong day, load the truck wrong, send the driver to the old
 * place or promise a time the stop was not planned for, so it is refused.
 */
export function staleStops(
  route: Pick<Route, 'date' | 'stops'>,
  orders: readonly (Order | null)[],
  customers: ReadonlyMap<string, Customer>,
): StaleStop[] {
  return route.stops.flatMap((stop, i): StaleStop[] => {
    const order = orders[i] ?? null;
    if (order?.status !== 'confirmed') return [{ orderId: stop.orderId, status: order?.status ?? null, reason: 'status' }];
    const stale = (reason: StaleStopReason): StaleStop[] => [{ orderId: stop.orderId, status: order.status, reason }];
    if (order.requestedDate !== route.date) return stale('date');
    if (!sameDemand(stop.demand, order.items)) return stale('items');
    const now = stopPlanFor(order, customers.get(order.customerId));
    if ('reason' in now) return stale('location');
    const changed = changedInput(stop, now);
    return changed ? stale(changed) : [];
  });
}

/**
 * A fleet truck as the solver sees it, with the skills and the hourly cost of whoever drives it and
 * the hours both the driver's shift and the depot's yard allow (every trip starts and ends at the depot).
 */
export function solverVehicle(vehicle: Vehicle, driver: Driver | undefined, depot: Pick<Depot, 'hours'>): SolverVehicle {
  const driverShift = driver?.shift ?? DEFAULT_SHIFT;
  const shift = depot.hours
    ? { start: driverShift.start > depot.hours.start ? driverShift.start : depot.hours.start, end: driverShift.end < depot.hours.end ? driverShift.end : depot.hours.end }
    : driverShift;
  return {
    id: vehicle.id,
    depotId: vehicle.depotId,
    capacityKg: vehicle.capacityKg,
    capacitySlots: vehicle.cylinderSlots,
    shift: { start: minutesOfDay(shift.start), end: minutesOfDay(shift.end) },
    costPerKm: vehicle.costPerKm,
    costPerMinute: (driver?.hourlyCost ?? DEFAULT_DRIVER_HOURLY_COST) / 60,
    fixedCost: vehicle.fixedCost,
    skills: [...(driver?.skills ?? [])],
    maxTrips: MAX_TRIPS,
    reloadTime: RELOAD_MINUTES,
  };
}

export function toSolverStop(stop: StopPlan, location: number): SolverStop {
  return {
    id: stop.orderId,
    location,
    demand: Object.fromEntries(stop.demand.map((l) => [l.size, l.quantity])),
    timeWindows: stop.windows.map((w) => ({ start: minutesOfDay(w.start), end: minutesOfDay(w.end) })),
    serviceTime: stop.serviceMin,
    requiredSkills: [...stop.requiredSkills],
    priority: stop.priority === 'urgent' ? 1 : 0,
  };
}

/** The regular (active) driver of each truck. */
export const driverOfVehicle = (drivers: readonly Driver[], vehicleId: string): Driver | undefined =>
  drivers.find((d) => d.active && d.vehicleId === vehicleId);

export interface PlanningInput {
  /**
   * The time deliveries end that day for an order (提早收工 where it is delivered, `closingOn`), by order id: its stop is
   * served by then, and one whose hours all start after it is left out.
   */
  readonly closings?: ReadonlyMap<string, string>;
  readonly depot: Depot;
  readonly vehicles: readonly Vehicle[];
  readonly drivers: readonly Driver[];
  readonly orders: readonly Order[];
  readonly customers: ReadonlyMap<string, Customer>;
  /** The day's routes already given out (not drafts): they hold their truck and driver (`availableVehicles`). */
  readonly committed?: readonly Route[];
}

/**
 * The trucks as the solver sees them, each with its regular driver, less the time the day's routes already given out
 * hold them: a plan made after publishing (a late urgent order) starts a truck only once its last such route, or its
 * driver's on another truck, is back, as the publish check requires (`assignmentProblems`: DRIVER_BUSY, VEHICLE_BUSY);
 * a truck with no time left is not planned. Only the time after is offered: a truck has one shift in the solver.
 */
export function availableVehicles(input: Pick<PlanningInput, 'depot' | 'vehicles' | 'drivers' | 'committed'>): SolverVehicle[] {
  return input.vehicles.flatMap((v) => {
    const driver = driverOfVehicle(input.drivers, v.id);
    const vehicle = solverVehicle({ ...v, depotId: input.depot.id }, driver, input.depot);
    const back = (input.committed ?? [])
      .filter((r) => r.status !== 'draft' && r.endsAt && (r.vehicleId === v.id || (driver && r.driverId === driver.id)))
      .map((r) => Math.ceil(minuteOfDayAt(r.date, r.endsAt as string)));
    const start = Math.max(vehicle.shift.start, ...back);
    return start < vehicle.shift.end ? [{ ...vehicle, shift: { ...vehicle.shift, start } }] : [];
  });
}

/**
 * A stop on a day closing early at `closesAt` where it is delivered, for the solver only (the route keeps the stop's own
 * windows): its windows end by the closing, the whole day's up to it without any; none left is a window it cannot make.
 */
function byClosing(plan: StopPlan, closesAt: string | undefined): StopPlan | Unassigned {
  if (closesAt === undefined) return plan;
  if (plan.windows.length === 0) return { ...plan, windows: [{ start: '00:00', end: closesAt }] };
  const windows = plan.windows.filter((w) => w.start < closesAt).map((w) => ({ start: w.start, end: w.end < closesAt ? w.end : closesAt }));
  return windows.length > 0 ? { ...plan, windows } : { orderId: plan.orderId, reason: 'TIME_WINDOW_UNREACHABLE' };
}

/** A driver's shift on a day closing early at `closesAt` (提早收工): it ends by the closing, as the publish and hand-over checks hold it. */
export function driverClosingAt<D extends Pick<Driver, 'shift'>>(driver: D, closesAt: string): D {
  return { ...driver, shift: { start: driver.shift.start, end: driver.shift.end < closesAt ? driver.shift.end : closesAt } };
}

/** The solver's input without its matrix, which the caller builds over `places` (road times or straight lines). */
export interface PlanningProblem {
  readonly problem: Omit<Problem, 'matrix'>;
  /** Index 0 is the depot, then one place per stop in `problem.stops` order. */
  readonly places: LatLng[];
  readonly stops: ReadonlyMap<string, StopPlan>;
  /**
   * The stops as the solver serves them where they differ from `stops`: windows ending by the day's closing (提早收工),
   * which the drafts are timed with and the routes do not keep.
   */
  readonly served?: ReadonlyMap<string, StopPlan>;
  /** Orders left out before solving, with the reason. */
  readonly excluded: Unassigned[];
}

export function planningProblem(input: PlanningInput): PlanningProblem {
  const plans = new Map<string, StopPlan>();
  // What the solver serves: the stops as planned, their windows ending by the day's closing where it closes early.
  const planned: StopPlan[] = [];
  const closed = new Map<string, StopPlan>();
  const excluded: Unassigned[] = [];
  for (const order of input.orders) {
    const plan = stopPlanFor(order, input.customers.get(order.customerId));
    if ('reason' in plan) {
      excluded.push(plan);
      continue;
    }
    const served = byClosing(plan, input.closings?.get(order.id));
    if ('reason' in served) {
      excluded.push(served);
      continue;
    }
    plans.set(order.id, plan);
    planned.push(served);
    if (served !== plan) closed.set(order.id, served);
  }
  return {
    problem: {
      depots: [{ id: input.depot.id, location: 0 }],
      vehicles: availableVehicles(input),
      stops: planned.map((s, i) => toSolverStop(s, i + 1)),
      cylinders: CYLINDER_TABLE,
    },
    places: [input.depot.location, ...planned.map((s) => ({ lat: s.lat, lng: s.lng }))],
    stops: plans,
    ...(closed.size > 0 ? { served: closed } : {}),
    excluded,
  };
}

/** Travel over places found by order id, so it fits whatever visiting order an edit produced. */
export interface RouteTravel {
  /** Index 0 is the depot. */
  readonly matrix: TravelMatrix;
  readonly indexOf: ReadonlyMap<string, number>;
  /** What `matrix` holds: road times, or the straight-line estimate a failed Routes API left. */
  readonly travelTimes: TravelTimes;
}

/**
 * Where the day ends early for a stop (提早收工, of the whole company or of its district), by order id: what
 * `PlanningInput.closings` tells planning, with the closing's name for the office.
 */
export type StopClosings = ReadonlyMap<string, { readonly name: string; readonly closesAt: string }>;

export interface TimingContext {
  readonly depot: Pick<Depot, 'id' | 'location'>;
  readonly vehicle: SolverVehicle;
  /** Stops timed as planning serves them on a day ending early where they are delivered (`byClosing`). */
  readonly closings?: StopClosings;
  /** Straight lines when absent, or when it lacks any stop of the route. */
  readonly travel?: RouteTravel;
}

/** `matrix` seen through a list of its indices: row and column k of the view are `indices[k]`. */
export function subMatrix(matrix: TravelMatrix, indices: readonly number[]): TravelMatrix {
  return {
    size: indices.length,
    distance: (from, to) => matrix.distance(indices[from]!, indices[to]!),
    duration: (from, to) => matrix.duration(indices[from]!, indices[to]!),
  };
}

/**
 * When the day's trucks first leave, for traffic-aware travel times: the earliest shift start in
 * Taipei on `date`, or a minute from `now` when that is already past (the Routes API refuses a
 * departure in the past).
 */
export function firstDeparture(date: string, vehicles: readonly Pick<SolverVehicle, 'shift'>[], now: Date): string {
  const start = vehicles.length > 0 ? Math.min(...vehicles.map((v) => v.shift.start)) : minutesOfDay(DEFAULT_SHIFT.start);
  const planned = Date.parse(instantAt(date, start));
  return new Date(Math.max(planned, now.getTime() + 60_000)).toISOString();
}

type Timed = Pick<Route, 'stops' | 'distanceKm' | 'durationMin' | 'startsAt' | 'endsAt' | 'violations'> & { travelTimes: TravelTimes; trips: TripTime[] };

/**
 * Each trip's clock times (the solver's minutes of `date`'s day as instants), by trip index: a truck that reloads at the
 * depot mid-day has its returns and departures on the 派車單 and the driver's screen, not only the first and the last.
 */
export const tripTimes = (date: string, trips: readonly Pick<Trip, 'departure' | 'returnTime'>[]): TripTime[] =>
  trips.map((t) => ({ departsAt: instantAt(date, t.departure), returnsAt: instantAt(date, t.returnTime) }));

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The travel of `stops` in visiting order (depot 0, then 1…): `travel` viewed through its indices when
 * it knows every stop, else straight lines for the whole route (half a route on roads would be neither).
 */
function visitingTravel(depot: LatLng, stops: readonly StopPlan[], travel: RouteTravel | undefined): { matrix: TravelMatrix; travelTimes: TravelTimes } {
  const indices = travel ? stops.map((s) => travel.indexOf.get(s.orderId)) : [];
  if (travel && indices.every((i): i is number => i !== undefined)) {
    return { matrix: subMatrix(travel.matrix, [0, ...indices]), travelTimes: travel.travelTimes };
  }
  return { matrix: haversineMatrix([depot, ...stops.map((s) => ({ lat: s.lat, lng: s.lng }))]), travelTimes: 'straight-line' };
}

/**
 * A stop of an edited route as the solver serves it by its closing (`byClosing`), so a stop after it is late as on a
 * planned draft. One whose hours all start after the closing keeps them: it is not to go that day, which the 指派, 發布
 * and 改派 checks say (`assignmentProblems`).
 */
function servedBy(stop: StopPlan, closesAt: string | undefined): StopPlan {
  const served = byClosing(stop, closesAt);
  return 'reason' in served ? stop : served;
}

/** One truck's stops as the solver's problem, over the travel `visitingTravel` gives them, and which travel times that is. */
export function routeProblem(stops: readonly StopPlan[], ctx: TimingContext): { problem: Problem; travelTimes: TravelTimes } {
  const { matrix, travelTimes } = visitingTravel(ctx.depot.location, stops, ctx.travel);
  return {
    problem: {
      depots: [{ id: ctx.depot.id, location: 0 }],
      vehicles: [{ ...ctx.vehicle, depotId: ctx.depot.id, endDepotId: ctx.depot.id }],
      stops: stops.map((s, i) => toSolverStop(servedBy(s, ctx.closings?.get(s.orderId)?.closesAt), i + 1)),
      matrix,
      cylinders: CYLINDER_TABLE,
    },
    travelTimes,
  };
}

/**
 * Recomputes arrival times, distance, duration and violations of stops visited in the given trips
 * (the solver's own evaluation, so an edited route is judged exactly like a planned one), and says
 * which travel times it used.
 */
export function timeStops(date: string, trips: readonly (readonly (StopPlan & Partial<Pick<RouteStop, 'outcome'>>)[])[], ctx: TimingContext): Timed {
  const all = trips.flat();
  const { problem, travelTimes } = routeProblem(all, ctx);
  const nonEmpty = trips.filter((t) => t.length > 0).map((t) => t.map((s) => s.orderId));
  const { route, violations } = evaluateRoute(problem, ctx.vehicle.id, nonEmpty);
  const byId = new Map(all.map((s) => [s.orderId, s]));
  let seq = 0;
  const stops: RouteStop[] = route.trips.flatMap((trip, k) =>
    trip.visits.map((v) => ({ ...byId.get(v.stopId)!, seq: ++seq, trip: k, eta: instantAt(date, v.start) })),
  );
  const first = route.trips[0];
  const last = route.trips[route.trips.length - 1];
  return {
    stops,
    distanceKm: round1(route.distance),
    durationMin: Math.round(route.duration),
    ...(first && last ? { startsAt: instantAt(date, first.departure), endsAt: instantAt(date, last.returnTime) } : {}),
    trips: tripTimes(date, route.trips),
    violations: violations.map((v) => ({ code: v.code, ...(v.stopId ? { stopId: v.stopId } : {}), amount: round1(v.amount) })),
    travelTimes,
  };
}

/** Groups a route's stops back into trips, in visiting order. */
export function tripsOf(stops: readonly RouteStop[]): RouteStop[][] {
  const trips: RouteStop[][] = [];
  for (const s of [...stops].sort((a, b) => a.seq - b.seq)) (trips[s.trip] ??= []).push(s);
  return trips.filter(Boolean);
}

export interface DraftInput {
  readonly jobId: string;
  readonly date: string;
  readonly depot: Depot;
  readonly vehicles: readonly Vehicle[];
  readonly drivers: readonly Driver[];
  readonly planning: PlanningProblem;
  readonly solution: Pick<Solution, 'routes' | 'unassigned'>;
  /** The matrix the solver planned with, over `planning.places`; drafts are timed with it (straight lines when absent). */
  readonly travel?: Omit<RouteTravel, 'indexOf'>;
  readonly at: Date;
}

/** Deterministic id of a job's n-th draft: a rerun overwrites its own drafts. */
export const draftRouteId = (jobId: string, n: number): string => `${jobId}-${n}`;

/** Draft routes (one per truck used, proposed to its regular driver) and every order left out. */
export function draftRoutes(input: DraftInput): { routes: Route[]; unassigned: Unassigned[] } {
  const at = input.at.toISOString();
  const used = [...input.solution.routes].filter((r) => r.trips.length > 0).sort((a, b) => a.vehicleId.localeCompare(b.vehicleId));
  const travel = input.travel && { ...input.travel, indexOf: new Map(input.planning.problem.stops.map((s) => [s.id, s.location])) };
  const routes = used.map((r, i): Route => {
    const vehicle = input.vehicles.find((v) => v.id === r.vehicleId)!;
    const driver = driverOfVehicle(input.drivers, vehicle.id);
    // Timed as it was solved: within the hours its routes already given out leave it, by the day's closings.
    const solverTruck = input.planning.problem.vehicles.find((v) => v.id === vehicle.id)!;
    const trips = r.trips.map((t) => t.visits.map((v) => input.planning.served?.get(v.stopId) ?? input.planning.stops.get(v.stopId)!));
    const timed = timeStops(input.date, trips, { depot: input.depot, vehicle: solverTruck, ...(travel ? { travel } : {}) });
    return {
      id: draftRouteId(input.jobId, i + 1),
      date: input.date,
      depotId: input.depot.id,
      jobId: input.jobId,
      ...(driver ? { driverId: driver.id } : {}),
      vehicleId: vehicle.id,
      status: 'draft',
      ...timed,
      // Each stop keeps the windows its order gives (`staleStops` compares them at publishing).
      stops: timed.stops.map((st) => ({ ...st, windows: input.planning.stops.get(st.orderId)!.windows })),
      createdAt: at,
      updatedAt: at,
    };
  });
  const unassigned = [...input.planning.excluded, ...input.solution.unassigned.map((u) => ({ orderId: u.stopId, reason: u.reason }))];
  return { routes, unassigned };
}

/** The trucks in service a plan uses: those asked for, else every truck of the depot that has a regular driver. */
export function planningVehicles(vehicleIds: readonly string[] | undefined, depotId: string, vehicles: readonly Vehicle[], drivers: readonly Driver[]): Vehicle[] {
  const inService = vehicles.filter(isActive);
  const chosen = vehicleIds
    ? inService.filter((v) => vehicleIds.includes(v.id))
    : inService.filter((v) => v.depotId === depotId && driverOfVehicle(drivers, v.id));
  return [...chosen].sort((a, b) => a.id.localeCompare(b.id));
}

/** The depot whose area a place lies in: the nearest one. */
export function nearestDepotId(place: LatLng, depots: readonly Pick<Depot, 'id' | 'location'>[]): string | undefined {
  let best: { id: string; km: number } | undefined;
  for (const d of depots) {
    const km = haversineKm(place, d.location);
    if (!best || km < best.km) best = { id: d.id, km };
  }
  return best?.id;
}

/** The depot in service that would plan an order delivered at `place`: the nearest, as `optimize` takes orders. */
export function servingDepot(place: LatLng, depots: readonly Depot[]): Depot | undefined {
  const inService = depots.filter(isActive);
  return inService.find((d) => d.id === nearestDepotId(place, inService));
}

/**
 * The same-day cut-off (`Depot.sameDayCutoff`) for an order delivered at `place`: that of the depot in service that would
 * plan it, the nearest (as `optimize` takes orders), so a depot that closes the day early holds only its own area to it;
 * none when that depot keeps none. A place nobody has pinned yet could end up at any depot: the earliest cut-off holds.
 */
export function sameDayCutoffFor(place: LatLng | undefined, depots: readonly Depot[], closesAt?: string): string | undefined {
  const inService = depots.filter(isActive);
  const cutoffOf = (d: Depot): string | undefined => (closesAt ? cutoffClosingAt(d, closesAt) : d.sameDayCutoff);
  if (place) {
    const depot = servingDepot(place, inService);
    return depot ? cutoffOf(depot) : closesAt;
  }
  return inService
    .flatMap((d) => cutoffOf(d) ?? [])
    .sort()
    .at(0);
}

const timeOfDay = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A depot's same-day cut-off on a day closing early at `closesAt` (提早收工): earlier by as much as the day is shortened
 * against the yard's closing (`DEFAULT_SHIFT`'s end without yard hours), so the office keeps its usual time to plan and
 * load (14:30 with a 17:00 yard is 09:30 on a 12:00 除夕); a depot keeping no cut-off takes orders for today until the
 * closing.
 */
export function cutoffClosingAt(depot: Pick<Depot, 'hours' | 'sameDayCutoff'>, closesAt: string): string {
  if (!depot.sameDayCutoff) return closesAt;
  const lost = Math.max(0, minutesOfDay(depot.hours?.end ?? DEFAULT_SHIFT.end) - minutesOfDay(closesAt));
  return timeOfDay(Math.max(0, Math.min(minutesOfDay(depot.sameDayCutoff) - lost, minutesOfDay(closesAt))));
}

/**
 * A depot as planning sees it on a day closing early at `closesAt` (提早收工): its yard closes then, so every truck's
 * shift, which `solverVehicle` keeps within the yard's hours, ends by it and no stop is planned after; a truck whose
 * shift starts after it is not planned (`availableVehicles`). Without yard hours, the drivers' shifts end at it.
 */
export function depotClosingAt<D extends Pick<Depot, 'hours'>>(depot: D, closesAt: string): D {
  const hours = depot.hours ?? { start: '00:00', end: closesAt };
  return { ...depot, hours: { start: hours.start, end: hours.end < closesAt ? hours.end : closesAt } };
}
