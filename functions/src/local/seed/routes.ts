/**
 * A day's routes for the demo, in the shape of `routes/{id}` (domain/routes): one per driver with
 * orders planned that day, a single trip that serves next the stop whose service can start
 * earliest (so promised windows come first), timed by the solver's own evaluation like any planned
 * route, and the outcome of the stops already served. Routes of past days are not kept in the demo
 * (history orders still name the route they were on).
 */
import { createHash } from 'node:crypto';
import type { Customer } from '../../domain/customers';
import { transition, type Order } from '../../domain/orders';
import { minutesOfDay, solverVehicle, stopPlanFor, timeStops, type Route, type RouteStop, type StopPlan } from '../../domain/routes';
import type { LatLng } from '../../domain/schema';
import { distanceKm } from './districts';
import { DEPOTS, depotOf, DRIVERS, VEHICLES } from './fleet';
import { demoRouteId, driverActor } from './history';

export type DemoRouteStop = RouteStop;

export interface DemoRoute {
  readonly id: string;
  readonly date: string;
  readonly depotId: string;
  readonly driverId: string;
  readonly vehicleId: string;
  readonly status: 'published' | 'in_progress';
  readonly stops: DemoRouteStop[];
  readonly distanceKm: number;
  readonly durationMin: number;
  readonly startsAt?: string;
  readonly endsAt?: string;
  readonly violations: Route['violations'];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt: string;
  readonly startedAt?: string;
}

/** City driving for choosing the order: roads are ~1.3× the straight line, about 20 km/h with traffic. */
const ROAD_FACTOR = 1.3;
const KMH = 20;

/**
 * The driver app's action id of a stop's outcome: a UUID, as the API takes it, derived from the order so the route's
 * stop and the delivery's audit entry name the same action.
 */
export function demoActionId(orderId: string): string {
  const hex = createHash('sha256').update(`action/${orderId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function outcomeOf(order: Order): RouteStop['outcome'] {
  if (order.status !== 'delivered' && order.status !== 'failed') return undefined;
  return { status: order.status, at: order.updatedAt, actionId: demoActionId(order.id) };
}

/** Stops in the order a dispatcher would drive them: earliest possible service start first, nearest on a tie. */
function windowsFirst(depot: LatLng, startMinute: number, stops: readonly StopPlan[]): StopPlan[] {
  const left = [...stops];
  const ordered: StopPlan[] = [];
  let here = depot;
  let clock = startMinute;
  const serviceStart = (s: StopPlan): number => {
    const arrive = clock + ((distanceKm(here, s) * ROAD_FACTOR) / KMH) * 60;
    const open = s.windows.find((w) => minutesOfDay(w.end) >= arrive);
    return open ? Math.max(arrive, minutesOfDay(open.start)) : arrive;
  };
  while (left.length > 0) {
    left.sort((a, b) => serviceStart(a) - serviceStart(b) || distanceKm(here, a) - distanceKm(here, b) || a.orderId.localeCompare(b.orderId));
    const next = left.shift() as StopPlan;
    clock = serviceStart(next) + next.serviceMin;
    here = next;
    ordered.push(next);
  }
  return ordered;
}

/** Statuses of an order whose driver has set out with it. */
const LEFT: readonly Order['status'][] = ['out_for_delivery', 'delivered', 'failed'];

/**
 * A driver starts a route once, and every order on it goes out for delivery then (`POST /driver/routes/:id/start`): the
 * orders drawn one by one still `scheduled` on a route another of its orders left on go out with the first that did (or
 * when scheduled, if later), so no started route has an order waiting at the depot.
 */
export function startedTogether(orders: readonly Order[]): Order[] {
  const startedAt = new Map<string, string>();
  for (const o of orders) {
    const left = LEFT.includes(o.status) ? o.timeline.find((e) => e.to === 'out_for_delivery')?.at : undefined;
    if (o.routeId && left && left < (startedAt.get(o.routeId) ?? '~')) startedAt.set(o.routeId, left);
  }
  return orders.map((o) => {
    const started = o.routeId ? startedAt.get(o.routeId) : undefined;
    if (o.status !== 'scheduled' || !started || !o.driverId) return o;
    const at = [started, o.updatedAt].sort().at(-1) as string;
    return transition(o, 'out_for_delivery', { by: driverActor(o.driverId), at: new Date(at) });
  });
}

/** When an order was put on its route: the route is published when its first order is (the evening plan). */
const scheduledAt = (order: Order): string => order.timeline.find((e) => e.to === 'scheduled')?.at ?? order.updatedAt;

export function routesOfDay(date: string, orders: readonly Order[], customers: ReadonlyMap<string, Customer>): DemoRoute[] {
  const onRoad = orders.filter((o) => o.requestedDate === date && o.routeId && o.driverId);
  return DRIVERS.flatMap((driver): DemoRoute[] => {
    const mine = onRoad.filter((o) => o.driverId === driver.id);
    const depot = DEPOTS.find((d) => d.id === depotOf(driver.id));
    const vehicle = VEHICLES.find((v) => v.id === driver.vehicleId);
    if (mine.length === 0 || !depot || !vehicle) return [];
    const byId = new Map(mine.map((o) => [o.id, o]));
    const plans = mine.map((o) => stopPlanFor(o, customers.get(o.customerId))).filter((p): p is StopPlan => 'lat' in p);
    const trip = windowsFirst(depot.location, minutesOfDay(driver.shift.start), plans).map((p) => {
      const outcome = outcomeOf(byId.get(p.orderId) as Order);
      return outcome ? { ...p, outcome } : p;
    });
    const timed = timeStops(date, [trip], { depot, vehicle: solverVehicle(vehicle, driver, depot) });
    const started = mine.filter((o) => o.status !== 'scheduled').map((o) => o.timeline.find((e) => e.to === 'out_for_delivery')?.at ?? o.updatedAt);
    const publishedAt = mine.map(scheduledAt).sort()[0] as string;
    const updatedAt = [publishedAt, ...mine.map((o) => o.updatedAt)].sort().at(-1) ?? publishedAt;
    return [
      {
        id: demoRouteId(date, driver.id),
        date,
        depotId: depot.id,
        driverId: driver.id,
        vehicleId: vehicle.id,
        status: started.length > 0 ? 'in_progress' : 'published',
        ...timed,
        createdAt: publishedAt,
        updatedAt,
        publishedAt,
        ...(started.length > 0 ? { startedAt: [...started].sort()[0] as string } : {}),
      },
    ];
  });
}

/**
 * The orders with the times their routes plan for them (`eta`), as publishing a route writes them: the delay notice judges
 * a late stop's customers against it and the portal shows it, so a demo order on a route without one would do neither.
 */
export function withRouteEtas(orders: readonly Order[], routes: readonly DemoRoute[]): Order[] {
  const eta = new Map(routes.flatMap((r) => r.stops.map((s) => [s.orderId, s.eta] as const)));
  return orders.map((o) => {
    const planned = eta.get(o.id);
    return planned ? { ...o, eta: planned } : o;
  });
}
