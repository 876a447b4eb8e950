import { loadClosures } from '../../adapters/firestore/closure-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { firestoreCylinderStockStore } from '../../adapters/firestore/cylinder-stock-store';
import { firestoreFleetStore } from '../../adapters/firestore/fleet-store';
import { firestorePredictionStore } from '../../adapters/firestore/prediction-store';
import type { Container } from '../../adapters/container';
import { addDays } from '../../domain/calendar';
import { dayLoad, type DayLoad } from '../../domain/predictions/day-load';
import { stopsPerTruckUsed } from '../../domain/predictions/stops-per-truck';
import { depotDailyStops, MAX_SPREAD_DAYS } from '../../domain/predictions/suggestion-days';
import { isActive } from '../../domain/fleet';
import { nearestDepotId, servingDepot } from '../../domain/routes';

/**
 * `GET /api/orders/day-load`: the load of a day at the depot that serves a customer (the nearest in service, as planning
 * takes orders), weighed against the stops its trucks make a day as the nightly suggestions count them. Null for a
 * customer without a pin: no depot is known to weigh the day at.
 */
export async function dayLoadFor(c: Container, customerId: string, date: string): Promise<(DayLoad & { readonly depotName: string }) | null> {
  const fleet = firestoreFleetStore(c.db);
  const [customer, depots] = await Promise.all([firestoreCustomerStore(c.db).get(customerId), fleet.depots()]);
  const depot = customer.location ? servingDepot(customer.location, depots) : undefined;
  if (!depot) return null;
  const [vehicles, drivers, learned, closures, open] = await Promise.all([
    fleet.vehicles(),
    fleet.drivers(),
    firestorePredictionStore(c.db).learnedStops(),
    loadClosures(c.db, date),
    firestoreCylinderStockStore(c.db).bookedOrders(date, addDays(date, MAX_SPREAD_DAYS)),
  ]);
  // Only the booked customers' pins are read, not every customer's: the form asks at each day picked.
  const places = await firestoreCustomerStore(c.db).locationsOf(open.map((order) => order.customerId));
  const inService = depots.filter(isActive);
  // Deactivated customers' open orders still take a stop: their pins are read whatever their status.
  const ours = (id: string) => {
    const place = places.get(id);
    return place !== undefined && nearestDepotId(place, inService) === depot.id;
  };
  const stops = depotDailyStops(depot, vehicles, drivers, stopsPerTruckUsed(depot, learned?.depots.find((figure) => figure.depotId === depot.id)).stops);
  const load = dayLoad({
    date,
    booked: open.filter((order) => ours(order.customerId)),
    stopsPerDay: stops,
    closures,
    district: customer.address.district,
    closedDays: customer.closedDays,
  });
  return { ...load, depotName: depot.name };
}
