/**
 * Today's routes for the demo, in the shape of `routes/{id}` (domain/routes): one per driver with
 * orders on the road today, a single trip with stops in nearest-neighbour order from the depot, and
 * the outcome of the stops already served. Routes of past days are not kept in the demo (history
 * orders still name the route they were on).
 */
import { serviceTimeMinutes, type Customer } from '../../domain/customers';
import { taipeiInstant } from '../../domain/calendar';
import type { SizeQuantity } from '../../domain/cylinders';
import type { DriverSkill } from '../../domain/fleet';
import type { Order } from '../../domain/orders';
import type { LatLng, TimeWindow } from '../../domain/schema';
import { distanceKm } from './districts';
import { DEPOTS, depotOf, DRIVERS, skillsNeeded } from './fleet';
import { demoRouteId } from './history';

export interface DemoRouteStop {
  readonly orderId: string;
  readonly customerId: string;
  readonly seq: number;
  readonly trip: number;
  /** Planned start of service, ISO instant. */
  readonly eta: string;
  readonly lat: number;
  readonly lng: number;
  readonly serviceMin: number;
  readonly demand: SizeQuantity[];
  readonly windows: TimeWindow[];
  readonly requiredSkills: DriverSkill[];
  readonly outcome?: { readonly status: 'delivered' | 'failed'; readonly at: string; readonly actionId: string };
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
  readonly startsAt: string;
  readonly endsAt: string;
  readonly violations: [];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt: string;
  readonly startedAt?: string;
}

/** City driving: roads are ~1.3× the straight line, about 20 km/h with traffic. */
const ROAD_FACTOR = 1.3;
const KMH = 20;
const START = '08:30';
const PLANNED = '07:00';

function outcomeOf(order: Order): DemoRouteStop['outcome'] {
  if (order.status !== 'delivered' && order.status !== 'failed') return undefined;
  return { status: order.status, at: order.updatedAt, actionId: `demo-${order.id}` };
}

function windowsOf(order: Order, customer: Customer | undefined): TimeWindow[] {
  return order.timeWindow ? [order.timeWindow] : (customer?.deliveryWindows ?? []).slice(0, 2);
}

export function todaysRoutes(today: string, orders: readonly Order[], customers: ReadonlyMap<string, Customer>): DemoRoute[] {
  const onRoad = orders.filter((o) => o.requestedDate === today && o.routeId && o.driverId);
  const startMs = Date.parse(taipeiInstant(today, START));
  const at = (minutes: number): string => new Date(startMs + Math.round(minutes) * 60_000).toISOString();
  return DRIVERS.flatMap((driver): DemoRoute[] => {
    const mine = onRoad.filter((o) => o.driverId === driver.id);
    const depot = DEPOTS.find((d) => d.id === depotOf(driver.id));
    if (mine.length === 0 || !depot) return [];
    const left = [...mine];
    const stops: DemoRouteStop[] = [];
    let here: LatLng = depot.location;
    let km = 0;
    let minutes = 0;
    while (left.length > 0) {
      left.sort((a, b) => distanceKm(here, a.location ?? here) - distanceKm(here, b.location ?? here) || a.id.localeCompare(b.id));
      const order = left.shift() as Order;
      const loc = order.location ?? here;
      const leg = distanceKm(here, loc) * ROAD_FACTOR;
      km += leg;
      minutes += (leg / KMH) * 60;
      const customer = customers.get(order.customerId);
      const demand = order.items.map(({ size, quantity }) => ({ size, quantity }));
      const serviceMin = serviceTimeMinutes(customer ?? { floorsWithoutElevator: 0 }, demand.reduce((s, l) => s + l.quantity, 0));
      const outcome = outcomeOf(order);
      stops.push({
        orderId: order.id,
        customerId: order.customerId,
        seq: stops.length + 1,
        trip: 0,
        eta: at(minutes),
        lat: loc.lat,
        lng: loc.lng,
        serviceMin,
        demand,
        windows: windowsOf(order, customer),
        requiredSkills: customer ? skillsNeeded(demand, customer) : [],
        ...(outcome ? { outcome } : {}),
      });
      minutes += serviceMin;
      here = loc;
    }
    const back = distanceKm(here, depot.location) * ROAD_FACTOR;
    km += back;
    minutes += (back / KMH) * 60;
    const started = mine.filter((o) => o.status !== 'scheduled').map((o) => o.timeline.find((e) => e.to === 'out_for_delivery')?.at ?? o.updatedAt);
    const publishedAt = taipeiInstant(today, PLANNED);
    const updatedAt = [publishedAt, ...mine.map((o) => o.updatedAt)].sort().at(-1) ?? publishedAt;
    return [
      {
        id: demoRouteId(today, driver.id),
        date: today,
        depotId: depot.id,
        driverId: driver.id,
        vehicleId: driver.vehicleId,
        status: started.length > 0 ? 'in_progress' : 'published',
        stops,
        distanceKm: Math.round(km * 10) / 10,
        durationMin: Math.round(minutes),
        startsAt: at(0),
        endsAt: at(minutes),
        violations: [],
        createdAt: publishedAt,
        updatedAt,
        publishedAt,
        ...(started.length > 0 ? { startedAt: [...started].sort()[0] as string } : {}),
      },
    ];
  });
}
