/**
 * Handing a route the office already gave a driver to another one (改派): the driver fell ill, left, or their truck broke
 * down. Pure: the function decides which route documents the hand-over writes.
 */
import { conflict } from '../errors';
import type { Route } from './route';

export interface HandOverTo {
  readonly driverId: string;
  readonly vehicleId: string;
}

export interface HandOver {
  /** The first driver's route after the hand-over; absent when the whole route changed hands (it was not started). */
  readonly kept?: Route;
  /** The route the new driver drives: the same document for a route not started, a new one for a started route's rest. */
  readonly handed: Route;
}

/** The id of the route a started route's unfinished stops go to; one per new driver, so a retried hand-over lands on it again. */
export const handedRouteId = (route: Pick<Route, 'id'>, driverId: string): string => `${route.id}~${driverId}`;

/**
 * A published route changes driver and truck as it is; its stops keep their times, which customers were told. A started
 * route keeps its stops with an outcome (their cylinders and cash are the first driver's, for 司機日結) and is completed,
 * and its stops without one go, in the same order and at the same times, to a new published route of the new driver.
 * 409 ROUTE.NOT_HANDABLE for a draft (assign it instead) or a completed route, ROUTE.SAME_DRIVER to the driver it has.
 */
export function handOverRoute(route: Route, to: HandOverTo, at: Date): HandOver {
  if (route.status !== 'published' && route.status !== 'in_progress') {
    throw conflict('ROUTE.NOT_HANDABLE', `Route ${route.id} is ${route.status}; only a published or started route is handed over`, { id: route.id, status: route.status });
  }
  if (route.driverId === to.driverId) throw conflict('ROUTE.SAME_DRIVER', `Route ${route.id} is already ${to.driverId}'s`, { id: route.id, driverId: to.driverId });
  const iso = at.toISOString();
  if (route.status === 'published') return { handed: { ...route, driverId: to.driverId, vehicleId: to.vehicleId, updatedAt: iso } };
  const done = route.stops.filter((s) => s.outcome);
  const left = route.stops.filter((s) => !s.outcome);
  const { startedAt: _started, completedAt: _completed, ...plan } = route;
  const id = handedRouteId(route, to.driverId);
  return {
    kept: { ...route, stops: done, status: 'completed', completedAt: iso, updatedAt: iso, handedOver: { driverId: to.driverId, routeId: id, stops: left.length, at: iso } },
    handed: {
      ...plan,
      id,
      driverId: to.driverId,
      vehicleId: to.vehicleId,
      status: 'published',
      stops: left.map((s, i) => ({ ...s, seq: i + 1 })),
      createdAt: iso,
      publishedAt: iso,
      updatedAt: iso,
    },
  };
}
