/**
 * Planned against actual, per route and per driver, from route documents alone: the plan is the
 * stop list with its ETAs, what happened is each stop's recorded outcome (the driver's action time).
 */
import { DEFAULT_HAVERSINE, haversineKm, type LatLng } from '../../optimizer/travel-matrix';
import { minutesOfDay, instantAt } from './planning';
import { calendarDateSchema, z } from '../schema';
import { ROUTE_STATUSES, type Route, type RouteStop } from './route';

/** Without a promised window a stop is on time within this many minutes of its ETA. */
export const ETA_GRACE_MIN = 30;

const figuresShape = {
  distanceKm: z.number(),
  durationMin: z.number(),
  stops: z.number().int(),
};
export const figuresSchema = z.object(figuresShape).openapi('RouteFigures');
export type Figures = z.infer<typeof figuresSchema>;

export const actualFiguresSchema = z
  .object({
    ...figuresShape,
    delivered: z.number().int(),
    failed: z.number().int(),
    /** Delivered stops served by their deadline, over delivered stops; null when none was delivered. */
    onTimeShare: z.number().min(0).max(1).nullable(),
    minutesLate: z.number(),
  })
  .openapi('RouteActualFigures');
export type ActualFigures = z.infer<typeof actualFiguresSchema>;

export const routeAnalyticsSchema = z
  .object({
    routeId: z.string(),
    date: calendarDateSchema,
    driverId: z.string().nullable(),
    status: z.enum(ROUTE_STATUSES),
    planned: figuresSchema,
    actual: actualFiguresSchema,
  })
  .openapi('RouteAnalytics');
export type RouteAnalytics = z.infer<typeof routeAnalyticsSchema>;

export const driverAnalyticsSchema = z
  .object({ driverId: z.string(), routes: z.number().int(), planned: figuresSchema, actual: actualFiguresSchema })
  .openapi('DriverAnalytics');
export type DriverAnalytics = z.infer<typeof driverAnalyticsSchema>;

/** Latest acceptable service start: the end of the last promised window, else the ETA plus grace. */
/**
 * Routes written before stops carried their windows (the demo seed's) count as having none.
 */
export function deadlineOf(date: string, stop: Pick<RouteStop, 'eta'> & Partial<Pick<RouteStop, 'windows'>>): number {
  const last = stop.windows?.[stop.windows.length - 1];
  return last ? Date.parse(instantAt(date, minutesOfDay(last.end))) : Date.parse(stop.eta) + ETA_GRACE_MIN * 60_000;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * Road kilometres along the stops in the order given (served, or planned), from `start` and back to `end`, both the depot
 * unless given; an absent place adds no leg.
 */
export function drivenKm(depot: LatLng | undefined, stops: readonly RouteStop[], start = depot, end = depot): number {
  const legs: LatLng[] = [...(start ? [start] : []), ...stops.map((s) => ({ lat: s.lat, lng: s.lng })), ...(end ? [end] : [])];
  let km = 0;
  for (let i = 1; i < legs.length; i++) km += haversineKm(legs[i - 1]!, legs[i]!) * DEFAULT_HAVERSINE.roadFactor;
  return km;
}

/**
 * Where a route's driving starts and ends for its actual distance: the depot, except around a hand-over on the road (改派)
 * so that the two parts add up to the path the stops were driven: a route taken over starts where its stops were handed
 * over (`takenOver.from`, the first driver's last stop), and a route the hand-over ended (completed with it) ends at its
 * last stop made, where the truck and its load were left; the first driver's way back is not the route's. A route kept
 * in part and driven on returns to the depot like every other route.
 */
function drivenEnds(route: Route, depot: LatLng | undefined, served: readonly RouteStop[]): { start: LatLng | undefined; end: LatLng | undefined } {
  const endedByHandOver = route.handedOver !== undefined && route.completedAt === route.handedOver.at;
  const last = served[served.length - 1];
  return {
    start: route.takenOver?.from ?? depot,
    end: endedByHandOver && last ? { lat: last.lat, lng: last.lng } : depot,
  };
}

export function routeAnalytics(route: Route, depot?: LatLng): RouteAnalytics {
  const served = route.stops.filter((s) => s.outcome).sort((a, b) => Date.parse(a.outcome!.at) - Date.parse(b.outcome!.at));
  const delivered = served.filter((s) => s.outcome!.status === 'delivered');
  const lateBy = delivered.map((s) => Math.max(0, (Date.parse(s.outcome!.at) - deadlineOf(route.date, s)) / 60_000));
  const lastAt = served[served.length - 1]?.outcome?.at;
  const began = route.startedAt ?? served[0]?.outcome?.at;
  const ends = drivenEnds(route, depot, served);
  return {
    routeId: route.id,
    date: route.date,
    driverId: route.driverId ?? null,
    status: route.status,
    planned: { distanceKm: route.distanceKm, durationMin: route.durationMin, stops: route.stops.length },
    actual: {
      distanceKm: served.length > 0 ? round1(drivenKm(depot, served, ends.start, ends.end)) : 0,
      durationMin: began && lastAt ? Math.round((Date.parse(lastAt) - Date.parse(began)) / 60_000) : 0,
      stops: served.length,
      delivered: delivered.length,
      failed: served.length - delivered.length,
      onTimeShare: delivered.length > 0 ? round1((100 * lateBy.filter((m) => m === 0).length) / delivered.length) / 100 : null,
      minutesLate: Math.round(lateBy.reduce((a, b) => a + b, 0)),
    },
  };
}

const addFigures = (a: Figures, b: Figures): Figures => ({
  distanceKm: round1(a.distanceKm + b.distanceKm),
  durationMin: a.durationMin + b.durationMin,
  stops: a.stops + b.stops,
});

/** Sums routes per driver; the on-time share is weighted by delivered stops. */
export function driverAnalytics(routes: readonly RouteAnalytics[]): DriverAnalytics[] {
  const byDriver = new Map<string, RouteAnalytics[]>();
  for (const r of routes) if (r.driverId) byDriver.set(r.driverId, [...(byDriver.get(r.driverId) ?? []), r]);
  return [...byDriver.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([driverId, rs]) => {
      const zero: ActualFigures = { distanceKm: 0, durationMin: 0, stops: 0, delivered: 0, failed: 0, onTimeShare: null, minutesLate: 0 };
      let onTime = 0;
      const actual = rs.reduce<ActualFigures>((acc, r) => {
        onTime += (r.actual.onTimeShare ?? 0) * r.actual.delivered;
        return {
          ...addFigures(acc, r.actual),
          delivered: acc.delivered + r.actual.delivered,
          failed: acc.failed + r.actual.failed,
          onTimeShare: null,
          minutesLate: acc.minutesLate + r.actual.minutesLate,
        };
      }, zero);
      return {
        driverId,
        routes: rs.length,
        planned: rs.reduce<Figures>((acc, r) => addFigures(acc, r.planned), { distanceKm: 0, durationMin: 0, stops: 0 }),
        actual: { ...actual, onTimeShare: actual.delivered > 0 ? Math.round((100 * onTime) / actual.delivered) / 100 : null },
      };
    });
}
