import type { Container } from '../../adapters/container';
import { planningMatrix, type PlanningMatrix } from '../../adapters/maps/route-matrix';
import { firstDeparture, type RouteStop, type RouteTravel, type TimingContext } from '../../domain/routes';
import type { LatLng } from '../../optimizer/travel-matrix';

/**
 * The travel matrix over `places` for trucks leaving at `departureTime`: road times when a Maps
 * key is configured, straight lines without one and when the Routes API fails. A failure is
 * logged as a warning with `context` (who asked, about what); it never fails the caller.
 */
export async function travelOver(
  c: Pick<Container, 'config'>,
  places: readonly LatLng[],
  departureTime: string,
  context: Readonly<Record<string, string>>,
): Promise<PlanningMatrix> {
  const planned = await planningMatrix(places, c.config.maps, { departureTime });
  if (planned.fallback) {
    const { code, message } = planned.fallback;
    console.warn(JSON.stringify({ severity: 'WARNING', ...context, message: 'Routes API failed, timing on straight lines', code, error: message }));
  }
  return planned;
}

/**
 * Travel for re-timing the routes of `timings` after an edit, one per timing: over its depot and
 * every stop in `stops` (a moved stop belongs to either route), keyed by order id so any visiting
 * order reads it right. One matrix per depot, leaving when the first of its trucks does, as the
 * optimisation times the day.
 */
export async function routeTravel(
  c: Pick<Container, 'config' | 'clock'>,
  date: string,
  stops: readonly Pick<RouteStop, 'orderId' | 'lat' | 'lng'>[],
  timings: readonly TimingContext[],
  context: Readonly<Record<string, string>>,
): Promise<RouteTravel[]> {
  const places = [...new Map(stops.map((s) => [s.orderId, { lat: s.lat, lng: s.lng }])).entries()];
  const indexOf = new Map(places.map(([orderId], i) => [orderId, i + 1]));
  const byDepot = new Map<string, Promise<RouteTravel>>();
  for (const { depot } of timings) {
    if (byDepot.has(depot.id)) continue;
    const vehicles = timings.filter((t) => t.depot.id === depot.id).map((t) => t.vehicle);
    const departure = firstDeparture(date, vehicles, c.clock.now());
    byDepot.set(
      depot.id,
      travelOver(c, [depot.location, ...places.map(([, p]) => p)], departure, context).then(({ matrix, travelTimes }) => ({ matrix, travelTimes, indexOf })),
    );
  }
  return Promise.all(timings.map((t) => byDepot.get(t.depot.id)!));
}
