import { loadClosures } from '../../adapters/firestore/closure-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { firestoreCylinderStockStore } from '../../adapters/firestore/cylinder-stock-store';
import { firestoreFleetStore } from '../../adapters/firestore/fleet-store';
import { firestorePredictionStore } from '../../adapters/firestore/prediction-store';
import type { Container } from '../../adapters/container';
import { addDays } from '../../domain/calendar';
import type { Customer } from '../../domain/customers';
import { dayLoad, fullDays, type DayLoad } from '../../domain/predictions/day-load';
import { stopsPerTruckUsed } from '../../domain/predictions/stops-per-truck';
import { depotDailyStops, MAX_SPREAD_DAYS } from '../../domain/predictions/suggestion-days';
import { isActive } from '../../domain/fleet';
import { nearestDepotId, servingDepot } from '../../domain/routes';

/**
 * The depot serving `customer` (the nearest in service, as planning takes orders), the stops its trucks make a day as the
 * nightly suggestions count them, and its open orders from `from` through `through`: the orders of the span are read in
 * one query, whatever days are then weighed. Undefined for a customer without a pin: no depot is known to weigh a day at.
 */
async function depotBookings(c: Container, customer: Promise<Customer>, from: string, through: string) {
  const fleet = firestoreFleetStore(c.db);
  const [found, depots] = await Promise.all([customer, fleet.depots()]);
  const depot = found.location ? servingDepot(found.location, depots) : undefined;
  if (!depot) return undefined;
  const [vehicles, drivers, learned, closures, open] = await Promise.all([
    fleet.vehicles(),
    fleet.drivers(),
    firestorePredictionStore(c.db).learnedStops(),
    loadClosures(c.db, from),
    firestoreCylinderStockStore(c.db).bookedOrders(from, through),
  ]);
  // Only the booked customers' pins are read, not every customer's: the form asks at each day picked.
  const places = await firestoreCustomerStore(c.db).locationsOf(open.map((order) => order.customerId));
  const inService = depots.filter(isActive);
  // Deactivated customers' open orders still take a stop: their pins are read whatever their status.
  const ours = (id: string) => {
    const place = places.get(id);
    return place !== undefined && nearestDepotId(place, inService) === depot.id;
  };
  const stopsPerDay = depotDailyStops(depot, vehicles, drivers, stopsPerTruckUsed(depot, learned?.depots.find((figure) => figure.depotId === depot.id)).stops);
  return { customer: found, depot, closures, stopsPerDay, booked: open.filter((order) => ours(order.customerId)) };
}

/**
 * `GET /api/orders/day-load`: the load of a day at the depot that serves a customer, weighed against the stops its trucks
 * make a day. Null for a customer without a pin.
 */
export async function dayLoadFor(c: Container, customerId: string, date: string): Promise<(DayLoad & { readonly depotName: string }) | null> {
  const at = await depotBookings(c, firestoreCustomerStore(c.db).get(customerId), date, addDays(date, MAX_SPREAD_DAYS));
  if (!at) return null;
  const { customer, depot, closures, stopsPerDay, booked } = at;
  const load = dayLoad({ date, booked, stopsPerDay, closures, district: customer.address.district, closedDays: customer.closedDays });
  return { ...load, depotName: depot.name };
}

/** `GET /api/orders/full-days`: the days of the span already full at the customer's depot; none for a customer without a pin. */
export async function fullDaysFor(c: Container, customer: Promise<Customer>, from: string, through: string): Promise<string[]> {
  const at = await depotBookings(c, customer, from, through);
  return at ? fullDays(at.booked, at.stopsPerDay, from, through) : [];
}
