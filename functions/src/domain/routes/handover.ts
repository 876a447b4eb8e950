/**
 * Handing a route the office already gave a driver to another one (改派): the driver fell ill, left, or their truck broke
 * down. Pure: the function decides which route documents the hand-over writes.
 */
import type { LatLng } from '../../optimizer/travel-matrix';
import { sizeQuantityListSchema, sumBySize } from '../cylinders';
import { conflict } from '../errors';
import { isActive, type Driver, type Vehicle } from '../fleet';
import { z } from '../schema';
import { drivenKm } from './analytics';
import type { Route, RouteStop } from './route';

export interface HandOverTo {
  readonly driverId: string;
  readonly vehicleId: string;
}

/** What the new driver's phone is told of the hand-over and cannot look up itself: the first driver's name and the plates. */
export interface HandOverNames {
  readonly fromDriverName: string;
  readonly plate: string;
  /** The route's truck before the hand-over, named when the fulls move off it. */
  readonly fromPlate?: string;
}

export interface HandOver {
  /** The first driver's route after the hand-over; absent when the whole route changed hands (it was not started). */
  readonly kept?: Route;
  /** The route the new driver drives: the same document for a route not started, a new one for a started route's rest. */
  readonly handed: Route;
}

/**
 * The truck the stops handed over go on: the one the office names, else the route's own while it runs (what is loaded for
 * the stops is on it; a started route's is out on the road, where the new driver takes it over), else (retired, broken
 * down) the new driver's regular truck, `loadToMove` then saying what to carry across. Undefined when none is known.
 */
export function handOverVehicleId(route: Pick<Route, 'vehicleId'>, driver: Pick<Driver, 'vehicleId'>, vehicles: readonly Vehicle[], chosen?: string): string | undefined {
  if (chosen) return chosen;
  return vehicles.some((v) => v.id === route.vehicleId && isActive(v)) ? route.vehicleId : (driver.vehicleId ?? route.vehicleId);
}

export const loadToMoveSchema = z
  .object({ fromVehicleId: z.string(), toVehicleId: z.string(), cylinders: sizeQuantityListSchema })
  .openapi('HandOverLoadToMove');
/** The fulls a hand-over leaves on the route's truck that the stops handed over need on another one. */
export type LoadToMove = z.infer<typeof loadToMoveSchema>;

/**
 * What must move from truck to truck when the route handed over changes truck: the fulls of its stops, loaded on the first
 * truck (a started route's are on the road). Null when the truck stays, the route's truck is unknown, or nothing is loaded
 * for those stops (回收空瓶 only). The books follow the route either way: the stops and their load are the new driver's.
 */
export function loadToMove(before: Pick<Route, 'vehicleId'>, handed: Pick<Route, 'vehicleId' | 'stops'>): LoadToMove | null {
  const cylinders = sumBySize(handed.stops.map((s) => s.demand));
  if (!before.vehicleId || !handed.vehicleId || before.vehicleId === handed.vehicleId || cylinders.length === 0) return null;
  return { fromVehicleId: before.vehicleId, toVehicleId: handed.vehicleId, cylinders };
}

/** The id of the route a started route's unfinished stops go to; one per new driver, so a retried hand-over lands on it again. */
export const handedRouteId = (route: Pick<Route, 'id'>, driverId: string): string => `${route.id}~${driverId}`;

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The share of a started route's plan its stops left take: their circuit from the depot against both parts' circuits
 * (straight lines, as analytics measures what was driven), or their count when the stops share the depot's place. The
 * plan itself may have been timed on roads, so it is split rather than estimated again: the parts add up to it, and the
 * day's planned kilometres count the route once.
 */
function leftShare(done: readonly RouteStop[], left: readonly RouteStop[], depot: LatLng | undefined): number {
  const [doneKm, leftKm] = [drivenKm(depot, done), drivenKm(depot, left)];
  return doneKm + leftKm > 0 ? leftKm / (doneKm + leftKm) : left.length / Math.max(1, done.length + left.length);
}

/**
 * A published route changes driver and truck as it is; its stops keep their times, which customers were told. A started
 * route keeps its stops with an outcome (their cylinders and cash are the first driver's, for 司機日結) and is completed,
 * and its stops without one go, in the same order and at the same times, to a new published route of the new driver;
 * the planned distance and duration are split between the two (`leftShare`). `depot`: where the route starts and ends.
 * With `names`, the handed route says whose it was, its truck, when it changed hands and the fulls to carry across
 * (`takenOver`), for the new driver's phone.
 * 409 ROUTE.NOT_HANDABLE for a draft (assign it instead) or a completed route, ROUTE.SAME_DRIVER to the driver it has.
 */
export function handOverRoute(route: Route, to: HandOverTo, at: Date, depot?: LatLng, names?: HandOverNames): HandOver {
  if (route.status !== 'published' && route.status !== 'in_progress') {
    throw conflict('ROUTE.NOT_HANDABLE', `Route ${route.id} is ${route.status}; only a published or started route is handed over`, { id: route.id, status: route.status });
  }
  if (route.driverId === to.driverId) throw conflict('ROUTE.SAME_DRIVER', `Route ${route.id} is already ${to.driverId}'s`, { id: route.id, driverId: to.driverId });
  const iso = at.toISOString();
  const left = route.stops.filter((s) => !s.outcome);
  const load = loadToMove(route, { vehicleId: to.vehicleId, stops: left });
  const takenOver: Pick<Route, 'takenOver'> = names
    ? {
        takenOver: {
          fromDriverName: names.fromDriverName,
          plate: names.plate,
          at: iso,
          ...(load && names.fromPlate ? { loadToMove: { fromPlate: names.fromPlate, cylinders: load.cylinders } } : {}),
        },
      }
    : {};
  if (route.status === 'published') return { handed: { ...route, driverId: to.driverId, vehicleId: to.vehicleId, updatedAt: iso, ...takenOver } };
  const done = route.stops.filter((s) => s.outcome);
  const { startedAt: _started, completedAt: _completed, ...plan } = route;
  const id = handedRouteId(route, to.driverId);
  const share = leftShare(done, left, depot);
  const handedKm = round1(route.distanceKm * share);
  const handedMin = Math.round(route.durationMin * share);
  return {
    kept: {
      ...route,
      stops: done,
      distanceKm: round1(route.distanceKm - handedKm),
      durationMin: route.durationMin - handedMin,
      status: 'completed',
      completedAt: iso,
      updatedAt: iso,
      handedOver: { driverId: to.driverId, routeId: id, stops: left.length, at: iso },
    },
    handed: {
      ...plan,
      id,
      distanceKm: handedKm,
      durationMin: handedMin,
      driverId: to.driverId,
      vehicleId: to.vehicleId,
      status: 'published',
      stops: left.map((s, i) => ({ ...s, seq: i + 1 })),
      createdAt: iso,
      publishedAt: iso,
      updatedAt: iso,
      ...takenOver,
    },
  };
}
