import { collection, query, where } from 'firebase/firestore';
import type { WatchSource } from 'vue';
import type { DeliveryRoute } from '../lib/types';
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
  return { routes: live.items, loading: live.loading, error: live.error };
}

export const publishRoute = (id: string) => api.post<DeliveryRoute>(`/api/routes/${encodeURIComponent(id)}/publish`, {});

/** Gives a draft route another driver; the API refuses (409, with reasons) one who cannot take it. */
export const assignDriver = (id: string, driverId: string) =>
  api.post<DeliveryRoute>(`/api/routes/${encodeURIComponent(id)}/assign`, { driverId });
