/**
 * 配送追蹤: what a customer waiting for an order out for delivery reads on its card in the portal (how many stops are
 * still before hers, who brings it and how to reach them, when it is now expected). Customers may not read routes, which
 * name every other customer's stop, so the server writes each waiting order's share of its route as
 * `orderTracking/{orderId}`, readable by that customer alone (firestore.rules), whenever the route moves on.
 */
import { canonicalJson } from '../canonical-json';
import type { Driver } from '../fleet';
import type { Order } from '../orders';
import type { Route } from '../routes';
import { instantSchema, z } from '../schema';
import { technicianName } from './service-call-notice';

export const ORDER_TRACKING = 'orderTracking';

export const orderTrackingSchema = z
  .object({
    orderId: z.string().min(1),
    customerId: z.string().min(1),
    routeId: z.string().min(1),
    /** The route's stops still open that the driver visits before this one. */
    stopsBefore: z.number().int().min(0),
    /**
     * When the driver is now expected: the planned arrival pushed back by as much as the latest stop done was late, as
     * the delay notices (`delayNotices`) tell it; the plan's own time while nobody is late.
     */
    eta: instantSchema,
    /**
     * Who brings it, as the customer calls them (`technicianName`), per language since the page may switch; absent when
     * the fleet no longer has the route's driver.
     */
    driverName: z.object({ 'zh-TW': z.string().min(1), en: z.string().min(1) }).optional(),
    /** The driver's phone as the fleet has it; absent when it has none, and the card gives the depot's. */
    driverPhone: z.string().min(1).optional(),
    updatedAt: instantSchema,
  })
  .openapi('OrderTracking');
export type OrderTracking = z.infer<typeof orderTrackingSchema>;

/** How late (ms) the driver is running: the latest stop done, late by so much; never less than 0, an early one moves nothing. */
function runningLate(stops: Route['stops']): number {
  const latest = stops.filter((s) => s.outcome).sort((a, b) => Date.parse(b.outcome!.at) - Date.parse(a.outcome!.at))[0];
  return latest ? Math.max(0, Date.parse(latest.outcome!.at) - Date.parse(latest.eta)) : 0;
}

/** Whether two trackings say the same to the customer (`updatedAt` aside): a route event that changes nothing writes nothing. */
export const sameTracking = (a: OrderTracking, b: OrderTracking): boolean => canonicalJson({ ...a, updatedAt: '' }) === canonicalJson({ ...b, updatedAt: '' });

/**
 * The tracking of every order of a started route still waiting for the driver (out for delivery on this route, its stop
 * open), counting the open stops the driver visits before it (in `seq` order, those of the trip under way or later); the
 * route's other orders get none. Computed from the route as it stands, so the same route gives the same
 * records however often, and in whatever order, its events arrive.
 */
export function orderTrackingOf(
  route: Pick<Route, 'id' | 'status' | 'stops'>,
  orders: readonly (Pick<Order, 'id' | 'customerId' | 'status' | 'routeId'> | null)[],
  driver: Pick<Driver, 'name' | 'phone' | 'addressedAs'> | null,
  now: Date,
): OrderTracking[] {
  if (route.status !== 'in_progress') return [];
  const waiting = new Map(orders.flatMap((o) => (o && o.status === 'out_for_delivery' && o.routeId === route.id ? [[o.id, o] as const] : [])));
  const late = runningLate(route.stops);
  // The driver is on the furthest trip a stop is done on: a stop of an earlier trip still open was left behind at the
  // reload (to be reported, not driven to first), so it comes before none of the stops of the trip under way.
  const trip = Math.max(0, ...route.stops.filter((s) => s.outcome).map((s) => s.trip));
  const open = { behind: 0, ahead: 0 };
  const tracked: OrderTracking[] = [];
  // `seq` is the visiting order: the stored order of the stops need not be (a stop handed over or added is appended).
  for (const stop of [...route.stops].sort((a, b) => a.seq - b.seq)) {
    if (stop.outcome) continue;
    const side = stop.trip < trip ? 'behind' : 'ahead';
    const order = waiting.get(stop.orderId);
    if (order) {
      tracked.push({
        orderId: order.id,
        customerId: order.customerId,
        routeId: route.id,
        stopsBefore: open[side],
        eta: new Date(Date.parse(stop.eta) + late).toISOString(),
        ...(driver ? { driverName: { 'zh-TW': technicianName(driver.name, 'zh-TW', driver.addressedAs), en: technicianName(driver.name, 'en', driver.addressedAs) } } : {}),
        ...(driver?.phone ? { driverPhone: driver.phone } : {}),
        updatedAt: now.toISOString(),
      });
    }
    open[side] += 1;
  }
  return tracked;
}
