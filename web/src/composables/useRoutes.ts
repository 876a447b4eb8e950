import { collection, query, where } from 'firebase/firestore';
import type { WatchSource } from 'vue';
import type { DeliveryRoute, SizeQuantity } from '../lib/types';
import { api } from './useApi';
import { useLiveQuery } from './useFirestoreQuery';

/** Live routes of a date (office route planning). */
export function useRoutesForDate(date: WatchSource<string>) {
  const live = useLiveQuery<DeliveryRoute, string>(date, (db, d) => query(collection(db, 'routes'), where('date', '==', d)));
  return { routes: live.items, loading: live.loading, error: live.error };
}

/**
 * The driver's routes of a date once published (drafts stay with the office); completed ones stay
 * listed so the last delivery does not make the day's work vanish. Rules let a driver read only their own.
 */
export function useDriverRoutes(source: WatchSource<{ driverId: string | undefined; date: string }>) {
  const live = useLiveQuery<DeliveryRoute, { driverId: string | undefined; date: string }>(source, (db, { driverId, date }) =>
    driverId
      ? query(
          collection(db, 'routes'),
          where('driverId', '==', driverId),
          where('date', '==', date),
          where('status', 'in', ['published', 'in_progress', 'completed']),
        )
      : null,
  );
  return { routes: live.items, loading: live.loading, error: live.error, synced: live.synced };
}

/** A driver's routes still to drive, any day: started, or published (their customers were told a time). */
export async function openRoutesOf(driverId: string): Promise<DeliveryRoute[]> {
  const pages = await Promise.all(
    (['in_progress', 'published'] as const).map((status) => api.get<{ items: DeliveryRoute[] }>('/api/routes', { driverId, status })),
  );
  return pages.flatMap((p) => p.items);
}

export const publishRoute = (id: string) => api.post<DeliveryRoute>(`/api/routes/${encodeURIComponent(id)}/publish`, {});

/** Gives a draft route another driver and/or truck; the API refuses (409, with reasons) one who cannot take it. */
export const assignRoute = (id: string, choice: { driverId?: string; vehicleId?: string }) =>
  api.post<DeliveryRoute>(`/api/routes/${encodeURIComponent(id)}/assign`, choice);

/**
 * Hands a published route, or a started one's stops without an outcome, to another driver (改派); `handed` is the route the
 * new driver drives (the same one, or a new one for a started route's rest), `kept` a started route's delivered part. A
 * retry under the same key answers the first hand-over again instead of being refused as already done. `vehicleId`: the
 * new driver's truck when the route's own broke down (車輛故障) though still in service on the fleet page.
 */
export const handOverRoute = (id: string, choice: { driverId: string; vehicleId?: string; orderIds?: string[] }, idempotencyKey: string) =>
  api.post<{ kept: DeliveryRoute | null; handed: DeliveryRoute; loadToMove: LoadToMove | null }>(`/api/routes/${encodeURIComponent(id)}/hand-over`, choice, { idempotencyKey });

/** The fulls loaded for the stops handed over that must go from the route's truck onto the new one (its own was out of service). */
export interface LoadToMove {
  fromVehicleId: string;
  toVehicleId: string;
  cylinders: SizeQuantity[];
}

/** A constraint a draft breaks after an office edit (the API's RouteViolation): `stopId` is the stop's order id, `amount` how far over (minutes, kg or slots). */
export interface RouteViolation {
  code: string;
  stopId?: string;
  amount: number;
}

/** A draft as an edit answers it, with what it breaks. */
export type EditedRoute = DeliveryRoute & { violations: RouteViolation[] };

export interface MoveStop {
  orderId: string;
  /** Another draft of the day; absent: reordered within the same route. */
  toRouteId?: string;
  /** 0-based place in the target's visiting order; past the end appends. Absent: where it costs the target least. */
  toIndex?: number;
}

/** Moves a stop of a draft; both drafts are re-timed and what they break comes back (a move is never refused for it). */
export const moveStop = (routeId: string, move: MoveStop, idempotencyKey: string) =>
  api.post<{ from: EditedRoute; to: EditedRoute; violations: RouteViolation[] }>(`/api/routes/${encodeURIComponent(routeId)}/move-stop`, move, { idempotencyKey });

/** Takes a stop off a draft, which is re-timed; the order waits for planning again. */
export const removeStop = (routeId: string, orderId: string, idempotencyKey: string) =>
  api.post<EditedRoute>(`/api/routes/${encodeURIComponent(routeId)}/remove-stop`, { orderId }, { idempotencyKey });
