/**
 * Today's routes for the demo, in the shape of the API contract's `routes/{id}`: one per driver with
 * orders on the road today, stops in nearest-neighbour order from the depot. Routes of past days are
 * not kept in the demo (history orders still name the route they were on).
 */
import { serviceTimeMinutes, type Customer } from '../../domain/customers';
import { taipeiInstant } from '../../domain/calendar';
import type { Order } from '../../domain/orders';
import type { LatLng } from '../../domain/schema';
import { distanceKm } from './districts';
import { DEPOTS, depotOf, DRIVERS } from './fleet';
import { demoRouteId } from './history';

export interface DemoRouteStop {
  readonly orderId: string;
  readonly customerId: string;
  readonly seq: number;
  /** ISO instant. */
  readonly eta: string;
  readonly lat: number;
  readonly lng: number;
}

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
}

/** City driving: roads are ~1.3× the straight line, about 20 km/h with traffic. */
const ROAD_FACTOR = 1.3;
const KMH = 20;
const START = '08:30';

export function todaysRoutes(today: string, orders: readonly Order[], customers: ReadonlyMap<string, Customer>): DemoRoute[] {
  const onRoad = orders.filter((o) => o.requestedDate === today && o.routeId && o.driverId);
  return DRIVERS.flatMap((driver) => {
    const mine = onRoad.filter((o) => o.driverId === driver.id);
    if (mine.length === 0) return [];
    const vehicleDepot = DEPOTS.find((d) => d.id === depotOf(driver.id));
    if (!vehicleDepot) return [];
    const left = [...mine];
    const stops: DemoRouteStop[] = [];
    let here: LatLng = vehicleDepot.location;
    let km = 0;
    let minutes = 0;
    const startMs = Date.parse(taipeiInstant(today, START));
    while (left.length > 0) {
      left.sort((a, b) => distanceKm(here, a.location ?? here) - distanceKm(here, b.location ?? here) || a.id.localeCompare(b.id));
      const next = left.shift() as Order;
      const loc = next.location ?? here;
      const leg = distanceKm(here, loc) * ROAD_FACTOR;
      km += leg;
      minutes += (leg / KMH) * 60;
      stops.push({
        orderId: next.id,
        customerId: next.customerId,
        seq: stops.length + 1,
        eta: new Date(startMs + Math.round(minutes) * 60_000).toISOString(),
        lat: loc.lat,
        lng: loc.lng,
      });
      const cylinders = next.items.reduce((s, l) => s + l.quantity, 0);
      const customer = customers.get(next.customerId);
      minutes += serviceTimeMinutes(customer ?? { floorsWithoutElevator: 0 }, cylinders);
      here = loc;
    }
    const back = distanceKm(here, vehicleDepot.location) * ROAD_FACTOR;
    km += back;
    minutes += (back / KMH) * 60;
    const started = mine.some((o) => o.status !== 'scheduled');
    return [
      {
        id: demoRouteId(today, driver.id),
        date: today,
        depotId: vehicleDepot.id,
        driverId: driver.id,
        vehicleId: driver.vehicleId,
        status: started ? 'in_progress' : 'published',
        stops,
        distanceKm: Math.round(km * 10) / 10,
        durationMin: Math.round(minutes),
      },
    ];
  });
}
