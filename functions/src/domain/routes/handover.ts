/**
 * Handing a route the office already gave a driver to another one (改派): the driver fell ill, left, or their truck broke
 * down. Pure: the function decides which route documents the hand-over writes.
 */
import type { LatLng } from '../../optimizer/travel-matrix';
import { sizeQuantityListSchema, sumBySize, type SizeQuantity } from '../cylinders';
import { conflict, notFound } from '../errors';
import { isActive, type Driver, type Vehicle } from '../fleet';
import { z } from '../schema';
import { drivenKm } from './analytics';
import { assignmentProblems, type AssignmentCheck, type AssignmentProblem } from './assignment';
import { minuteOfDayAt, minutesOfDay, timeStops, tripsOf, type StopClosings, type TimingContext } from './planning';
import type { HandedPickup, Pickup, Route, RouteStop } from './route';

export interface HandOverTo {
  readonly driverId: string;
  readonly vehicleId: string;
  /** The stops handed over, by order id: all the route has not made when absent. */
  readonly orderIds?: readonly string[];
  /** The id of the route a started route's stops go to; `handedRouteId`'s first when absent. */
  readonly routeId?: string;
}

/**
 * Minutes a driver taking a route over (改派) needs at the least before driving to its first stop: reaching the truck left
 * on the road, or moving the fulls onto their own. An estimate; a late delivery after it updates the customers as every late delivery does.
 */
export const HANDOVER_LEAD_MINUTES = 30;

/**
 * What the drivers' phones are told of the hand-over and cannot look up themselves: the first driver's name and the plates
 * for the new one, the new driver's name and phone for the first one (who they hand the fulls to).
 */
export interface HandOverNames {
  readonly fromDriverName: string;
  readonly toDriverName?: string;
  readonly toDriverPhone?: string;
  /** The truck the stops go on. */
  readonly plate: string;
  /** The route's truck before the hand-over, named when the fulls move off it. */
  readonly fromPlate?: string;
}

/** What the hand-over knows of the places and the new driver beyond the route itself. */
export interface HandOverContext {
  /** Where the route starts and ends. */
  readonly depot?: LatLng;
  /** For the handed route's `takenOver`. */
  readonly names?: HandOverNames;
  /** The new driver's truck and shift (travel left out: straight lines), to time the stops handed over from the hand-over. */
  readonly timing?: TimingContext;
}

export interface HandOver {
  /** The first driver's route after the hand-over; absent when the whole route changed hands (it was not started). */
  readonly kept?: Route;
  /** The route the new driver drives: the same document for a route not started, a new one for a started route's rest. */
  readonly handed: Route;
}

/**
 * The truck the stops handed over go on: the one the office names, else the route's own while it runs (what is loaded for
 * the stops is on it; a started route's is out on the road, where the new driver takes it over), else (retired, broken
 * down) the new driver's regular truck, `loadToMove` then saying what to carry across. A `split` (some stops kept) gives
 * the new driver's own truck first. Undefined when none is known.
 */
export function handOverVehicleId(route: Pick<Route, 'vehicleId'>, driver: Pick<Driver, 'vehicleId'>, vehicles: readonly Vehicle[], chosen?: string, split = false): string | undefined {
  if (chosen) return chosen;
  // Some stops stay: the first driver still drives the route's truck, so the new one takes their own.
  if (split) return driver.vehicleId;
  return vehicles.some((v) => v.id === route.vehicleId && isActive(v)) ? route.vehicleId : (driver.vehicleId ?? route.vehicleId);
}

export const loadToMoveSchema = z
  .object({ fromVehicleId: z.string(), toVehicleId: z.string(), cylinders: sizeQuantityListSchema })
  .openapi('HandOverLoadToMove');
/** The fulls a hand-over leaves on the route's truck that the stops handed over need on another one. */
export type LoadToMove = z.infer<typeof loadToMoveSchema>;

/**
 * The trip a route's truck is loaded for: a started route's under way (that of its last stop made, else its first), a
 * published one's first (loaded before it leaves). The stops of later trips have their fulls in the depot's yard until the
 * truck comes back to reload.
 */
export function loadedTrip(route: Pick<Route, 'status' | 'stops'>): number {
  const made = route.status === 'in_progress' ? route.stops.filter((s) => s.outcome).sort((a, b) => Date.parse(a.outcome!.at) - Date.parse(b.outcome!.at)) : [];
  // A route handed over mid-day keeps its trips' numbers, so its first is the lowest it has.
  return made.at(-1)?.trip ?? Math.min(...route.stops.map((s) => s.trip));
}

/** The fulls of `stops` loaded on `route`'s truck (the trip it is loaded for, or before), and those still at the depot. */
function whereTheFullsAre(route: Pick<Route, 'status' | 'stops'>, stops: readonly RouteStop[]): { onTruck: SizeQuantity[]; atDepot: SizeQuantity[] } {
  const trip = loadedTrip(route);
  return {
    onTruck: sumBySize(stops.filter((s) => s.trip <= trip).map((s) => s.demand)),
    atDepot: sumBySize(stops.filter((s) => s.trip > trip).map((s) => s.demand)),
  };
}

/**
 * What must move from truck to truck when the stops handed over change truck: their fulls loaded on the first truck (a
 * started route's are on the road; a later trip's are still at the depot, `pickupOf`). Null when the truck stays, the
 * route's truck is unknown, or nothing is loaded for those stops (回收空瓶 only, or only later trips'). The books follow
 * the route either way: the stops and their load are the new driver's.
 */
export function loadToMove(before: Pick<Route, 'vehicleId' | 'status' | 'stops'>, handed: Pick<Route, 'vehicleId' | 'stops'>): LoadToMove | null {
  const cylinders = whereTheFullsAre(before, handed.stops).onTruck;
  if (!before.vehicleId || !handed.vehicleId || before.vehicleId === handed.vehicleId || cylinders.length === 0) return null;
  return { fromVehicleId: before.vehicleId, toVehicleId: handed.vehicleId, cylinders };
}

/**
 * What the driver the stops `going` are handed to onto `toVehicleId` must fetch for them, for their phone: the fulls on
 * the first truck (with its driver, plate and, once it left the depot, where it was: `where`) and those to load at the
 * depot. Null when the truck stays (what is loaded is on it, a later trip reloading as planned) or nothing is to fetch.
 */
export function pickupOf(route: Route, going: readonly RouteStop[], toVehicleId: string, at: Date, names: Pick<HandOverNames, 'fromDriverName' | 'fromPlate'>, where?: LatLng): Pickup | null {
  if (route.vehicleId === toVehicleId) return null;
  const { onTruck, atDepot } = whereTheFullsAre(route, going);
  if (onTruck.length === 0 && atDepot.length === 0) return null;
  return {
    at: at.toISOString(),
    fromRouteId: route.id,
    fromDriverName: names.fromDriverName,
    ...(names.fromPlate ? { fromPlate: names.fromPlate } : {}),
    ...(where ? { where } : {}),
    fromTruck: onTruck,
    fromDepot: atDepot,
  };
}

/**
 * The first driver's side of `pickup`, the `n`-th of route `toRouteId`: null when nothing is on their truck for it (only
 * fulls at the depot) or the new driver is not named.
 */
function handedPickupOf(pickup: Pickup | null, toRouteId: string, n: number, names: HandOverNames | undefined): HandedPickup | null {
  if (!pickup || pickup.fromTruck.length === 0 || !names?.toDriverName) return null;
  return { at: pickup.at, toRouteId, n, toDriverName: names.toDriverName, ...(names.toDriverPhone ? { toDriverPhone: names.toDriverPhone } : {}), cylinders: pickup.fromTruck };
}

/** `route`'s pickups with `pickup` added, when there is one. */
const withPickup = (route: Pick<Route, 'pickups'>, pickup: Pickup | null): Pick<Route, 'pickups'> =>
  pickup ? { pickups: [...(route.pickups ?? []), pickup] } : route.pickups ? { pickups: route.pickups } : {};

/**
 * The id of the route a started route's stops go to: one per new driver, `-n` for the n-th when stops of the same route
 * went to them before (a split handed in parts). The first is `{id}~{driverId}` as before splits existed.
 */
export const handedRouteId = (route: Pick<Route, 'id'>, driverId: string, n = 1): string => (n === 1 ? `${route.id}~${driverId}` : `${route.id}~${driverId}-${n}`);

/**
 * Where the stops handed over are when the new driver takes them: at the last stop the route made (the truck and its load,
 * a breakdown's place), else where the route was itself taken over, else at the depot.
 */
export function handedFrom(route: Pick<Route, 'stops' | 'takenOver'>, depot: LatLng | undefined): LatLng | undefined {
  const last = route.stops.filter((s) => s.outcome).sort((a, b) => Date.parse(a.outcome!.at) - Date.parse(b.outcome!.at)).at(-1);
  return last ? { lat: last.lat, lng: last.lng } : (route.takenOver?.from ?? depot);
}

/** The stops handed over timed from the hand-over, and the span the new driver is then busy with them. */
export type Retimed = Pick<Route, 'stops' | 'startsAt' | 'endsAt'>;

/**
 * The stops handed over at `at`, timed with the solver's own evaluation (`timeStops`) as if the new driver left `from`
 * `HANDOVER_LEAD_MINUTES` after it; a stop keeps its planned time when that is later (a hand-over early enough moves
 * nothing, and a customer is never told an earlier hour than the one they wait for), and so does the route's span. The span
 * counts for the new driver's other routes (DRIVER_BUSY): a stop handed in a second 改派, once a driver is back, fits
 * after their route. Straight lines: the road times of the plan do not start there. A later trip reloads as if at `from`:
 * an estimate that late deliveries correct.
 */
export function retimedFromHandOver(route: Pick<Route, 'date' | 'startsAt' | 'endsAt'>, stops: readonly RouteStop[], at: Date, from: LatLng, timing: TimingContext): Retimed {
  const earliest = Math.ceil(minuteOfDayAt(route.date, new Date(at.getTime() + HANDOVER_LEAD_MINUTES * 60_000).toISOString()));
  const start = Math.max(timing.vehicle.shift.start, earliest);
  const ctx: TimingContext = {
    depot: { ...timing.depot, location: from },
    vehicle: { ...timing.vehicle, shift: { start, end: Math.max(start, timing.vehicle.shift.end) } },
    closings: timing.closings,
  };
  // Timed as urgent stops are, from the shift start (here the hand-over's), rather than leaving as late as keeps the return:
  // the new driver sets off at once, and a later window would otherwise hold the first stops back on paper.
  const timed = timeStops(route.date, tripsOf(stops.map((s) => ({ ...s, priority: 'urgent' as const }))), ctx);
  const eta = new Map(timed.stops.map((s) => [s.orderId, s.eta]));
  const later = (a: string | undefined, b: string | undefined): string | undefined => (a && b ? (Date.parse(a) >= Date.parse(b) ? a : b) : (a ?? b));
  const startsAt = later(route.startsAt, timed.startsAt);
  const endsAt = later(route.endsAt, timed.endsAt);
  return {
    stops: stops.map((s) => {
      const t = eta.get(s.orderId);
      return t && Date.parse(t) > Date.parse(s.eta) ? { ...s, eta: t } : s;
    }),
    ...(startsAt ? { startsAt } : {}),
    ...(endsAt ? { endsAt } : {}),
  };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The share of a started route's plan the stops handed over take: their circuit from the depot against both parts'
 * circuits (straight lines, as analytics measures what was driven), or their count when the stops share the depot's place.
 * The plan itself may have been timed on roads, so it is split rather than estimated again: the parts add up to it, and
 * the day's planned kilometres count the route once.
 */
function handedShare(kept: readonly RouteStop[], handed: readonly RouteStop[], depot: LatLng | undefined): number {
  const [keptKm, handedKm] = [drivenKm(depot, kept), drivenKm(depot, handed)];
  return keptKm + handedKm > 0 ? handedKm / (keptKm + handedKm) : handed.length / Math.max(1, kept.length + handed.length);
}

/** 409 ROUTE.NOT_HANDABLE for a draft or a completed route, ROUTE.SAME_DRIVER to the driver it has. */
function assertHandable(route: Route, driverId: string): void {
  if (route.status !== 'published' && route.status !== 'in_progress') {
    throw conflict('ROUTE.NOT_HANDABLE', `Route ${route.id} is ${route.status}; only a published or started route is handed over`, { id: route.id, status: route.status });
  }
  if (route.driverId === driverId) throw conflict('ROUTE.SAME_DRIVER', `Route ${route.id} is already ${driverId}'s`, { id: route.id, driverId });
}

/**
 * The route after some of its stops went to another driver: the others, numbered again as when a stop leaves a published
 * route (`withoutStop`, so the list its driver follows has no gaps), the plan's distance and duration of those handed over
 * taken off, completed when started and nothing is left to make, naming where the stops went (`handedOver`).
 */
function keptPart(route: Route, staying: readonly RouteStop[], handed: NonNullable<Route['handedOver']> & { km: number; min: number }, given: HandedPickup | null): Route {
  const { km, min, ...handedOver } = handed;
  const iso = handedOver.at;
  const finished = route.status === 'in_progress' && staying.every((s) => s.outcome);
  return {
    ...route,
    stops: staying.map((s, i) => ({ ...s, seq: i + 1 })),
    distanceKm: round1(route.distanceKm - km),
    durationMin: route.durationMin - min,
    ...(finished ? { status: 'completed' as const, completedAt: iso } : {}),
    updatedAt: iso,
    handedOver,
    ...(given ? { handedPickups: [...(route.handedPickups ?? []), given] } : {}),
  };
}

/**
 * The stops `orderIds` names (all those without an outcome when absent), in the route's order: 409
 * ROUTE.STOPS_NOT_HANDABLE naming those made already or not on the route.
 */
function stopsToHand(route: Route, orderIds: readonly string[] | undefined): RouteStop[] {
  const left = route.stops.filter((s) => !s.outcome);
  if (!orderIds) return left;
  const wrong = orderIds.filter((id) => !left.some((s) => s.orderId === id));
  if (wrong.length > 0 || orderIds.length === 0) {
    throw conflict('ROUTE.STOPS_NOT_HANDABLE', `Route ${route.id} has no stop left to make for ${wrong.join(', ')}`, { id: route.id, orderIds: wrong });
  }
  return left.filter((s) => orderIds.includes(s.orderId));
}

/**
 * A published route handed over whole changes driver and truck as it is. Otherwise the stops handed over (`to.orderIds`,
 * else all those without an outcome) go, in the same order, to a new published route of the new driver (`to.routeId`,
 * else `handedRouteId`), and the route keeps the rest: a started route its stops with an outcome (their cylinders and cash
 * are the first driver's, for 司機日結), and any left it was not asked to hand (a split: some to one driver, the rest
 * driven on or handed in a second 改派); a started route left with nothing to make is completed. The planned distance and
 * duration are split between the two (`handedShare`). With `timing`, the stops handed over are timed from the hand-over
 * (`retimedFromHandOver`, from `handedFrom`); without, they keep their times. With `names`, the handed route says whose it
 * was, its truck, when and where it changed hands and the fulls to carry across (`takenOver`), for the new driver's phone,
 * and the route kept says who comes for the fulls on its truck (`handedPickups`), for the first driver's.
 * 409 ROUTE.NOT_HANDABLE for a draft (assign it instead) or a completed route, ROUTE.SAME_DRIVER to the driver it has,
 * ROUTE.STOPS_NOT_HANDABLE for a stop made already or not on it.
 */
export function handOverRoute(route: Route, to: HandOverTo, at: Date, context: HandOverContext = {}): HandOver {
  assertHandable(route, to.driverId);
  const iso = at.toISOString();
  const going = stopsToHand(route, to.orderIds);
  const staying = route.stops.filter((s) => !going.includes(s));
  const from = handedFrom(route, context.depot);
  const timed: Retimed = context.timing && from && going.length > 0 ? retimedFromHandOver(route, going, at, from, context.timing) : { stops: going };
  // Said only off the depot: a started route's stops, or a route itself taken over on the road before its first stop.
  const onRoad = route.status === 'in_progress' || route.takenOver?.from ? from : undefined;
  const { names } = context;
  const takenOver: Pick<Route, 'takenOver'> = names
    ? { takenOver: { fromDriverName: names.fromDriverName, plate: names.plate, at: iso, ...(onRoad ? { from: onRoad } : {}) } }
    : {};
  const pickup = names ? pickupOf(route, going, to.vehicleId, at, names, onRoad) : null;
  if (route.status === 'published' && staying.length === 0) {
    return { handed: { ...route, ...timed, driverId: to.driverId, vehicleId: to.vehicleId, updatedAt: iso, ...takenOver, ...withPickup(route, pickup) } };
  }
  // The new route's own hand-over is the one said here, not what the route it came from went through before.
  const { startedAt: _started, completedAt: _completed, handedOver: _handed, takenOver: _taken, pickups: _pickups, handedPickups: _given, ...plan } = route;
  const id = to.routeId ?? handedRouteId(route, to.driverId);
  const share = handedShare(staying, going, context.depot);
  const handedKm = round1(route.distanceKm * share);
  const handedMin = Math.round(route.durationMin * share);
  return {
    kept: keptPart(route, staying, { driverId: to.driverId, routeId: id, stops: going.length, at: iso, km: handedKm, min: handedMin }, handedPickupOf(pickup, id, 0, names)),
    handed: {
      ...plan,
      id,
      distanceKm: handedKm,
      durationMin: handedMin,
      driverId: to.driverId,
      vehicleId: to.vehicleId,
      status: 'published',
      ...timed,
      stops: timed.stops.map((s, i) => ({ ...s, seq: i + 1 })),
      createdAt: iso,
      publishedAt: iso,
      updatedAt: iso,
      ...takenOver,
      ...withPickup({}, pickup),
    },
  };
}

/**
 * The route of the new driver's that day the stops handed over join rather than a second route of theirs at the same
 * hours (DRIVER_BUSY): the one they are driving, else the next they drive; none when every one of theirs has ended.
 */
export function joinableRoute(routes: readonly Route[], driverId: string, date: string): Route | undefined {
  const open = routes.filter((r) => r.driverId === driverId && r.date === date && (r.status === 'published' || r.status === 'in_progress'));
  return open.find((r) => r.status === 'in_progress') ?? open.sort((a, b) => (a.startsAt ?? '').localeCompare(b.startsAt ?? ''))[0];
}

/**
 * The stops of `route` handed over (`orderIds`, else all those left) to a driver who already drives `into` that day
 * (published or started): appended to it, after the stops they have left, on the trip they are then on, in the order the
 * stops had; timed (`retimedFromHandOver`) from the last of those once served, else from where the driver is (their last
 * stop made, else the depot), no sooner than `HANDOVER_LEAD_MINUTES` after the hand-over to fetch the fulls from the first
 * truck, and never earlier than planned. The stops they had keep their times: nothing is put before them. The plan's
 * distance and duration of the stops handed over move across with them (`handedShare`); `route` keeps the rest as
 * `handOverRoute` leaves it. With `names`, `into` says what to fetch for them (`pickupOf`, from where the first truck was
 * once it left the depot) and `route` who comes for the fulls on its truck (`handedPickups`). Whether the stops fit is
 * `joinProblems`.
 */
export function handOverInto(route: Route, into: Route, orderIds: readonly string[] | undefined, at: Date, context: HandOverContext = {}): Required<HandOver> {
  assertHandable(route, into.driverId ?? '');
  const iso = at.toISOString();
  const going = stopsToHand(route, orderIds);
  const staying = route.stops.filter((s) => !going.includes(s));
  const share = handedShare(staying, going, context.depot);
  const handedKm = round1(route.distanceKm * share);
  const handedMin = Math.round(route.durationMin * share);
  const own = [...into.stops].sort((a, b) => a.seq - b.seq);
  const last = own.filter((s) => !s.outcome).at(-1);
  const from = last ? { lat: last.lat, lng: last.lng } : handedFrom(into, context.depot);
  const timing = context.timing && last ? afterStop(into.date, last, context.timing) : context.timing;
  const timed: Retimed = timing && from ? retimedFromHandOver(into, going, at, from, timing) : { stops: going };
  const trip = last?.trip ?? own.at(-1)?.trip ?? 0;
  const endsAt = timed.endsAt ?? into.endsAt;
  const trips = into.trips && endsAt ? into.trips.map((t, k, all) => (k === all.length - 1 ? { ...t, returnsAt: endsAt } : t)) : into.trips;
  const onRoad = route.status === 'in_progress' || route.takenOver?.from ? handedFrom(route, context.depot) : undefined;
  const pickup = context.names && into.vehicleId ? pickupOf(route, going, into.vehicleId, at, context.names, onRoad) : null;
  return {
    kept: keptPart(
      route,
      staying,
      { driverId: into.driverId ?? '', routeId: into.id, stops: going.length, at: iso, km: handedKm, min: handedMin },
      handedPickupOf(pickup, into.id, into.pickups?.length ?? 0, context.names),
    ),
    handed: {
      ...into,
      stops: [...own, ...timed.stops.map((s) => ({ ...s, trip }))].map((s, i) => ({ ...s, seq: i + 1 })),
      distanceKm: round1(into.distanceKm + handedKm),
      durationMin: into.durationMin + handedMin,
      ...(endsAt ? { endsAt } : {}),
      ...(trips ? { trips } : {}),
      ...withPickup(into, pickup),
      updatedAt: iso,
    },
  };
}

/** The timing of stops driven after `stop`: leaving its place once it is served, not before. */
function afterStop(date: string, stop: RouteStop, timing: TimingContext): TimingContext {
  const served = Math.ceil(minuteOfDayAt(date, stop.eta) + stop.serviceMin);
  const start = Math.max(timing.vehicle.shift.start, served);
  return { ...timing, vehicle: { ...timing.vehicle, shift: { start, end: Math.max(start, timing.vehicle.shift.end) } } };
}

export interface JoinCheck extends AssignmentCheck {
  /** The route the stops came from, for its depot. */
  readonly from: Pick<Route, 'depotId'>;
  /** The stops handed over, by order id. */
  readonly orderIds: readonly string[];
  /** When they are handed over. */
  readonly at: Date;
}

/**
 * Every reason the stops handed over do not fit the route they join (`handOverInto`), judged on what is left to make: the
 * driver's skills, their shift, the truck's weight and slots on each trip (on the trip under way what it still carries for
 * the stops left, with the fulls of those handed over), the driver or truck on another route then, a route of another
 * depot, and each stop handed over that would be reached after its customer's last window closes (`TIME_WINDOW`: its
 * order, the time it would be reached and the window's end), unless that window closes before anyone could get there
 * (`HANDOVER_LEAD_MINUTES` after the hand-over): such a stop is late whoever takes it. Empty when they fit.
 */
export function joinProblems({ route, from, orderIds, at, ...check }: JoinCheck): AssignmentProblem[] {
  const left = { ...route, stops: route.stops.filter((s) => !s.outcome) };
  const problems = assignmentProblems({ ...check, route: left });
  if (from.depotId !== route.depotId) problems.push({ code: 'DEPOT_MISMATCH', detail: { vehicleDepotId: check.vehicle.depotId, routeDepotId: from.depotId } });
  const soonest = minuteOfDayAt(route.date, at.toISOString()) + HANDOVER_LEAD_MINUTES;
  for (const s of left.stops) {
    if (!orderIds.includes(s.orderId) || s.windows.length === 0) continue;
    const closes = Math.max(...s.windows.map((w) => minutesOfDay(w.end)));
    if (closes <= soonest) continue;
    const lateMin = Math.ceil(minuteOfDayAt(route.date, s.eta) - closes);
    if (lateMin > 0) problems.push({ code: 'TIME_WINDOW', detail: { orderId: s.orderId, eta: s.eta, windowEnd: s.windows.find((w) => minutesOfDay(w.end) === closes)!.end, lateMin } });
  }
  return problems;
}

/**
 * How a driver who already drives a route that day takes the stops a started route has left, for `suggestDrivers`: the
 * stops joining that route (`handOverInto`, timed with `contextOf` it) on its truck, and what then does not fit
 * (`joinProblems`, the day's early closings where the stops are delivered included), rather than busy with it. Undefined
 * for a driver with no such route, or whose truck is unknown.
 */
export function joinedAssignment(
  route: Route,
  otherRoutes: readonly Route[],
  vehicles: readonly Vehicle[],
  at: Date,
  contextOf: (into: Route) => Pick<HandOverContext, 'depot' | 'timing'>,
  closings?: StopClosings,
): (driver: Driver) => { vehicle: Vehicle; problems: AssignmentProblem[] } | undefined {
  return (driver) => {
    const into = driver.id === route.driverId ? undefined : joinableRoute(otherRoutes, driver.id, route.date);
    const vehicle = into && vehicles.find((v) => v.id === into.vehicleId);
    if (!into || !vehicle) return undefined;
    const { kept, handed } = handOverInto(route, into, undefined, at, contextOf(into));
    const others = [...otherRoutes.filter((r) => r.id !== into.id && r.id !== route.id), ...(kept.status !== 'completed' ? [kept] : [])];
    const orderIds = route.stops.filter((s) => !s.outcome).map((s) => s.orderId);
    return { vehicle, problems: joinProblems({ route: handed, from: route, orderIds, at, driver, vehicle, otherRoutes: others, closings }) };
  };
}

/**
 * The route with its `n`-th pickup said done (the fulls are on the new truck) by `driverId`, or null when it was already
 * (a retry, or the other driver first): said once. 404 ROUTE.PICKUP_NOT_FOUND when the route has no such pickup.
 */
export function pickupMoved(route: Route, n: number, driverId: string, at: Date): Route | null {
  const pickup = route.pickups?.[n];
  if (!pickup) throw notFound('ROUTE.PICKUP_NOT_FOUND', `Route ${route.id} has no pickup ${n}`, { id: route.id, n });
  if (pickup.moved) return null;
  const iso = at.toISOString();
  return { ...route, pickups: route.pickups!.map((p, i) => (i === n ? { ...p, moved: { at: iso, byDriverId: driverId } } : p)), updatedAt: iso };
}

/**
 * The route the `n`-th pickup of `toRouteId` came from with its side of it (`handedPickups`) said done as the pickup says
 * (`moved`), or null when it has none or says so already: either driver's tap shows on both phones.
 */
export function handedPickupMoved(giver: Route, toRouteId: string, n: number, moved: NonNullable<Pickup['moved']>): Route | null {
  const k = giver.handedPickups?.findIndex((p) => p.toRouteId === toRouteId && p.n === n) ?? -1;
  if (k < 0 || giver.handedPickups![k]!.moved) return null;
  return { ...giver, handedPickups: giver.handedPickups!.map((p, i) => (i === k ? { ...p, moved } : p)), updatedAt: moved.at };
}
