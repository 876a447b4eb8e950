import type { DeliveryRoute, Order, OrderStatus, RouteStop, SizeQuantity } from '../../lib/types';

/**
 * 派車單: a route as the office reads it and the driver takes it on paper — its stops in order with who, where, when
 * and what, and the truck's load. Routes store only order ids and positions; the rest comes from the day's orders.
 */

/** The order the planner made a job's routes in: `opt-…-2` before `opt-…-10`. */
const byRouteId = (a: Pick<DeliveryRoute, 'id'>, b: Pick<DeliveryRoute, 'id'>) => a.id.localeCompare(b.id, 'en', { numeric: true });

/**
 * The order a day's routes are numbered in: those given out first, in the order they were published, then the drafts
 * in the order they were planned. A route's number, once it is published (and its 派車單 printed), does not change when
 * the office plans again for a late order and that plan's job id sorts before it.
 */
export const byGivenOut = (a: DeliveryRoute, b: DeliveryRoute): number =>
  Number(!a.publishedAt) - Number(!b.publishedAt) ||
  (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') ||
  (a.createdAt ?? '').localeCompare(b.createdAt ?? '') ||
  byRouteId(a, b);

/**
 * A route's name for people: its depot and its number among that depot's routes of the day (「三重站 2」), instead of
 * the planner's id.
 */
export function routeLabels(routes: readonly DeliveryRoute[], depotName: (depotId: string) => string): Map<string, string> {
  const labels = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const route of [...routes].sort(byGivenOut)) {
    const n = (counts.get(route.depotId) ?? 0) + 1;
    counts.set(route.depotId, n);
    labels.set(route.id, `${depotName(route.depotId)} ${n}`);
  }
  return labels;
}

/**
 * How roughly an order's stop is placed when its customer was located only at a road's (`street`) or a district's centre
 * (`district`, what the gazetteer answers): the route there may be off, so the office checks the pin. Null when placed at
 * the address or by a person's pin (or on an order from before the precision was kept).
 */
export function approximateLocation(order: Pick<Order, 'locationPrecision'>): 'street' | 'district' | null {
  return order.locationPrecision === 'street' || order.locationPrecision === 'district' ? order.locationPrecision : null;
}

/** The orders still to be put on a route: the confirmed ones the planner takes, and the pending ones it will once confirmed. */
const TO_PLAN: readonly OrderStatus[] = ['pending', 'confirmed'];

/** The day's orders still to plan whose customer is located only roughly, by customer name: the pins to check first. */
export const approximateToPlan = (orders: readonly Order[]): Order[] =>
  orders.filter((o) => TO_PLAN.includes(o.status) && approximateLocation(o) !== null).sort((a, b) => a.customerName.localeCompare(b.customerName, 'zh-TW'));

export interface RouteSheetStop {
  readonly seq: number;
  readonly orderId: string;
  readonly eta: string;
  /** Set on the first stop of every trip after the first: the truck goes back to the depot to reload before it. */
  readonly startsTrip?: number;
  /** With `startsTrip`, when the route has its trips' times: back at the depot from the trip before, and out again. */
  readonly reload?: { readonly back: string; readonly departs: string };
  readonly outcome: RouteStop['outcome'];
  /** Undefined while the order is not read yet, or when it was deleted after planning. */
  readonly order?: Order;
}

export interface RouteSheet {
  readonly stops: readonly RouteSheetStop[];
  /** Full cylinders to load at the depot, by size, smallest first. */
  readonly load: readonly SizeQuantity[];
  /** Empties to bring back, by size, smallest first. */
  readonly empties: readonly SizeQuantity[];
  /** What the driver collects at the door: the cash orders' totals. */
  readonly cashToCollect: number;
  /** Stops whose order is not among `orders`. */
  readonly missing: number;
  /** Stops placed only roughly (`approximateLocation`). */
  readonly approximate: number;
}

/** Lines added up by size, smallest first, sizes that come to nothing left out. */
export function addUp(lines: readonly SizeQuantity[]): SizeQuantity[] {
  const bySize = new Map<number, number>();
  for (const { size, quantity } of lines) bySize.set(size, (bySize.get(size) ?? 0) + quantity);
  return [...bySize].filter(([, quantity]) => quantity > 0).sort(([a], [b]) => a - b).map(([size, quantity]) => ({ size, quantity }));
}

export function routeSheet(route: Pick<DeliveryRoute, 'stops' | 'trips'>, orders: readonly Order[]): RouteSheet {
  const byId = new Map(orders.map((o) => [o.id, o]));
  const stops = [...route.stops]
    .sort((a, b) => a.seq - b.seq)
    .map((stop, i, sorted): RouteSheetStop => {
      const order = byId.get(stop.orderId);
      const before = sorted[i - 1];
      const back = before && route.trips?.[before.trip]?.returnsAt;
      const departs = route.trips?.[stop.trip]?.departsAt;
      const startsTrip = before && stop.trip !== before.trip ? { startsTrip: stop.trip + 1, ...(back && departs ? { reload: { back, departs } } : {}) } : {};
      return { seq: stop.seq, orderId: stop.orderId, eta: stop.eta, ...startsTrip, outcome: stop.outcome, ...(order ? { order } : {}) };
    });
  const known = stops.flatMap((s) => (s.order ? [s.order] : []));
  return {
    stops,
    load: addUp(known.flatMap((o) => o.items)),
    empties: addUp(known.flatMap((o) => o.emptiesToCollect)),
    cashToCollect: known.filter((o) => o.paymentMethod === 'cash').reduce((sum, o) => sum + o.total, 0),
    missing: stops.length - known.length,
    approximate: known.filter((o) => approximateLocation(o) !== null).length,
  };
}
