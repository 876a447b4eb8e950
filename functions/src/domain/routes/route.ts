/**
 * `routes/{id}`: one vehicle's plan for a day and, once published, the driver's progress on it.
 * A route keeps everything needed to recompute its schedule (each stop's cylinders, service
 * minutes, windows, skills and priority), so an office edit can be re-timed without reloading orders,
 * and publishing can tell which orders changed since (`staleStops`).
 */
import { closureDetails, heldByClosure, type ClosureList } from '../closures';
import { conflict, invalid } from '../errors';
import { sizeQuantityListSchema } from '../cylinders';
import { PRIORITIES, type Order } from '../orders/order';
import { calendarDateSchema, instantSchema, latLngSchema, timeWindowSchema, z } from '../schema';

export const ROUTE_STATUSES = ['draft', 'published', 'in_progress', 'completed'] as const;
export type RouteStatus = (typeof ROUTE_STATUSES)[number];
/** Statuses in which the route's driver sees it (firestore.rules says the same). */
export const DRIVER_VISIBLE_ROUTE: readonly RouteStatus[] = ['published', 'in_progress', 'completed'];

export const ROUTE_EVENTS = 'route-events' as const;
export const DRIVER_EVENTS = 'driver-events' as const;

export const stopOutcomeSchema = z.object({
  status: z.enum(['delivered', 'failed']),
  at: instantSchema,
  actionId: z.string().min(1),
});
export type StopOutcome = z.infer<typeof stopOutcomeSchema>;

export const routeStopSchema = z.object({
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  /** 1-based visiting order across the whole route. */
  seq: z.number().int().min(1),
  /** 0-based trip: the truck reloads at the depot between trips. */
  trip: z.number().int().min(0),
  /** Planned start of service. */
  eta: instantSchema,
  lat: z.number(),
  lng: z.number(),
  serviceMin: z.number().nonnegative(),
  demand: sizeQuantityListSchema,
  /** Windows the service must start in (Taipei times); empty means any time in the shift. */
  windows: z.array(timeWindowSchema).max(2),
  requiredSkills: z.array(z.string()),
  /** The order's priority the solver weighed; absent on stops planned before it was recorded. */
  priority: z.enum(PRIORITIES).optional(),
  outcome: stopOutcomeSchema.optional(),
});
export type RouteStop = z.infer<typeof routeStopSchema>;

/** One trip's clock times: leaving the depot loaded, and back at it (to reload, or at the day's end). */
export const tripTimeSchema = z.object({ departsAt: instantSchema, returnsAt: instantSchema });
export type TripTime = z.infer<typeof tripTimeSchema>;

export const routeViolationSchema = z.object({
  code: z.string(),
  stopId: z.string().optional(),
  /** How far over the limit (kg, slots or minutes). */
  amount: z.number(),
});
export type RouteViolation = z.infer<typeof routeViolationSchema>;

/** What a route's times were computed with: the Routes API's road times, or the straight-line estimate. */
export const travelTimesSchema = z.enum(['roads', 'straight-line']);
export type TravelTimes = z.infer<typeof travelTimesSchema>;

/**
 * The fulls a driver must fetch for stops handed to them (改派) onto another truck than the one they were on: per size,
 * those loaded on the first driver's truck (the trip it is loaded for, `loadedTrip`) and those never loaded (a later
 * trip's, loaded at the depot's reload), with whom and where to meet. Names and plate are copied at the hand-over because
 * a driver's phone does not read the fleet. `moved` once a driver of either route says the fulls are across: the product
 * keeps no stock per truck (the stock moves at the 司機日結, the load follows the stops), so it is the drivers' word for
 * the office, not a stock movement.
 */
export const pickupSchema = z
  .object({
    /** When the stops were handed over. */
    at: instantSchema,
    fromRouteId: z.string().min(1),
    fromDriverName: z.string().min(1),
    /** The first driver's truck, the fulls on it. */
    fromPlate: z.string().min(1).optional(),
    /** Where that truck was: its route's last stop made; absent when it had not left the depot. */
    where: latLngSchema.optional(),
    fromTruck: sizeQuantityListSchema,
    fromDepot: sizeQuantityListSchema,
    moved: z.object({ at: instantSchema, byDriverId: z.string().min(1) }).optional(),
  })
  .openapi('HandOverPickup');
export type Pickup = z.infer<typeof pickupSchema>;

/**
 * The first driver's side of a pickup (改派): who comes for the fulls on their truck (`toRouteId`'s `pickups[n]`), with the
 * new driver's name and phone copied at the hand-over (a driver's phone reads neither the fleet nor another's route), and
 * `moved` as that pickup has it, so either phone shows it done. Only when fulls are on the first truck: those at the
 * depot are none of the first driver's doing.
 */
export const handedPickupSchema = z
  .object({
    at: instantSchema,
    toRouteId: z.string().min(1),
    n: z.number().int().min(0),
    toDriverName: z.string().min(1),
    toDriverPhone: z.string().min(1).optional(),
    cylinders: sizeQuantityListSchema,
    moved: z.object({ at: instantSchema, byDriverId: z.string().min(1) }).optional(),
  })
  .openapi('HandedPickup');
export type HandedPickup = z.infer<typeof handedPickupSchema>;

export const routeSchema = z
  .object({
    id: z.string().min(1),
    date: calendarDateSchema,
    depotId: z.string().min(1),
    /** The optimisation job that drafted it; a rerun of that job replaces its drafts. */
    jobId: z.string().optional(),
    driverId: z.string().optional(),
    vehicleId: z.string().optional(),
    status: z.enum(ROUTE_STATUSES),
    stops: z.array(routeStopSchema),
    distanceKm: z.number().nonnegative(),
    durationMin: z.number().nonnegative(),
    /** Planned departure from and final return to the depot. */
    startsAt: instantSchema.optional(),
    endsAt: instantSchema.optional(),
    /** Each trip's departure and return, by the stops' `trip`; absent on routes timed before they were recorded. */
    trips: z.array(tripTimeSchema).optional(),
    /** Constraints the current plan breaks (after a manual edit); empty when feasible. */
    violations: z.array(routeViolationSchema),
    /** Travel times of the latest timing (plan or edit); absent on routes timed before it was recorded. */
    travelTimes: travelTimesSchema.optional(),
    createdAt: instantSchema,
    updatedAt: instantSchema,
    publishedAt: instantSchema.optional(),
    startedAt: instantSchema.optional(),
    completedAt: instantSchema.optional(),
    /**
     * A route some or all of whose stops left were handed to another driver (改派): to whom, the route they went to, how
     * many and when (the latest hand-over, when handed in parts). The first driver's open phone reads it to say where its
     * stops went (the route it kept stays visible to it).
     */
    handedOver: z.object({ driverId: z.string().min(1), routeId: z.string().min(1), stops: z.number().int().min(0), at: instantSchema }).optional(),
    /**
     * A route the new driver took over from another (改派): whose it was and the truck to drive. Names and plates are
     * copied at the hand-over because a driver's phone does not read the fleet; `at` is when the route became theirs, the
     * plan's departure being the first driver's. The fulls to fetch when the truck changed are in `pickups`.
     */
    takenOver: z
      .object({
        fromDriverName: z.string().min(1),
        plate: z.string().min(1),
        at: instantSchema,
        /** Where a started route's stops were when they changed hands (its last stop made, else the depot). */
        from: z.object({ lat: z.number(), lng: z.number() }).optional(),
      })
      .optional(),
    /** The fulls to fetch for the stops each hand-over (改派) brought onto this route on another truck, oldest first. */
    pickups: z.array(pickupSchema).max(200).optional(),
    /** The fulls on this route's truck that drivers of the stops it handed over (改派) come for, oldest first. */
    handedPickups: z.array(handedPickupSchema).max(200).optional(),
  })
  .openapi('Route');
export type Route = z.infer<typeof routeSchema>;

/** `{depotId}_{date}`: the id of what is kept per depot and day (its plan lock, the stops taken off its drafts). */
export const depotDayId = (day: { readonly depotId: string; readonly date: string }): string => `${day.depotId}_${day.date}`;

export const isDriverVisible = (route: Pick<Route, 'status'>): boolean => DRIVER_VISIBLE_ROUTE.includes(route.status);

export function assertDraft(route: Route): void {
  if (route.status !== 'draft') {
    throw conflict('ROUTE.NOT_DRAFT', `Route ${route.id} is ${route.status}; only drafts can be changed`, { id: route.id, status: route.status });
  }
}

/** draft → published: needs a driver, a vehicle and a stop (a draft the office emptied has nothing to drive). */
export function publishRoute(route: Route, at: Date): Route {
  assertDraft(route);
  if (route.stops.length === 0) throw conflict('ROUTE.NO_STOPS', `Route ${route.id} has no stops to publish`, { id: route.id });
  if (!route.driverId || !route.vehicleId) {
    throw invalid('ROUTE.UNASSIGNED', `Route ${route.id} needs a driver and a vehicle before publishing`, { id: route.id });
  }
  const iso = at.toISOString();
  return { ...route, status: 'published', publishedAt: iso, updatedAt: iso };
}

/** How many customers a closed day's refusal names; the rest are counted. */
const CLOSED_DAY_NAMED = 5;

/**
 * A route of a day called off goes out only when every stop is delivered through the closure anyway (緊急配送): a draft
 * planned before the closure was declared would otherwise send a truck for the day's every order, and the driver is told
 * to deliver only the emergencies. 409 ROUTE.CLOSED_DAY names the closure and the orders without an override
 * (`details.orders`, each with its customer), for the office to move off the closure or mark before publishing.
 */
export function assertOpenForStops(
  route: Pick<Route, 'id'>,
  closures: ClosureList,
  orders: readonly (Pick<Order, 'id' | 'customerName' | 'requestedDate' | 'district' | 'closureOverride'> | null)[],
): void {
  const held = orders.filter((o): o is NonNullable<typeof o> => o !== null && heldByClosure(closures, o));
  const first = held[0];
  const closure = first && closures.find((c) => heldByClosure([c], first));
  if (!closure) return;
  const names = [...new Set(held.map((o) => o.customerName))];
  throw conflict('ROUTE.CLOSED_DAY', `Route ${route.id} is on ${closure.name}; orders without closureOverride: ${held.map((o) => o.id).join(', ')}`, {
    ...closureDetails(closure),
    count: held.length,
    customers: `${names.slice(0, CLOSED_DAY_NAMED).join('、')}${names.length > CLOSED_DAY_NAMED ? '…' : ''}`,
    orders: held.map((o) => ({ orderId: o.id, customerName: o.customerName })),
  });
}

/** published → in_progress on the driver's first action; later actions leave it as it is. */
export function startRoute(route: Route, at: Date): Route {
  if (route.status === 'in_progress') return route;
  if (route.status !== 'published') {
    throw conflict('ROUTE.NOT_STARTABLE', `Route ${route.id} is ${route.status}`, { id: route.id, status: route.status });
  }
  const iso = at.toISOString();
  return { ...route, status: 'in_progress', startedAt: iso, updatedAt: iso };
}

/**
 * A scheduled order leaving its route after it was published (cancelled, or taken back to planning): the truck skips its stop. The others keep their times
 * (skipping a stop only makes the rest earlier), and the route completes if nothing is left to do, as it would after its
 * last delivery, instead of waiting for an outcome that can never come.
 */
export function withoutStop(route: Route, orderId: string, at: Date): Route {
  const stops = route.stops
    .filter((s) => s.orderId !== orderId)
    .sort((a, b) => a.seq - b.seq)
    .map((s, i) => ({ ...s, seq: i + 1 }));
  const iso = at.toISOString();
  const done = route.status !== 'draft' && route.status !== 'completed' && stops.every((s) => s.outcome);
  return { ...route, stops, updatedAt: iso, ...(done ? { status: 'completed' as const, completedAt: iso } : {}) };
}

/**
 * Records what happened at one stop; starts the route if needed and completes it when every stop
 * has an outcome.
 */
export function recordOutcome(route: Route, orderId: string, outcome: StopOutcome): Route {
  const started = startRoute(route, new Date(outcome.at));
  if (!started.stops.some((s) => s.orderId === orderId)) {
    throw conflict('ROUTE.STOP_NOT_ON_ROUTE', `Order ${orderId} is not on route ${route.id}`, { id: route.id, orderId });
  }
  const stops = started.stops.map((s) => (s.orderId === orderId ? { ...s, outcome } : s));
  const done = stops.every((s) => s.outcome);
  return {
    ...started,
    stops,
    updatedAt: outcome.at,
    ...(done ? { status: 'completed' as const, completedAt: outcome.at } : {}),
  };
}
