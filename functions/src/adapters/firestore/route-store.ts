import { Timestamp, type Firestore } from '@google-cloud/firestore';
import type { EventPublisher } from '../../domain/events';
import { removedStopsExpiry, type RemovedStops, type Route } from '../../domain/routes';
import { aggregateStore } from './aggregate-store';

export const ROUTES = 'routes';
/** `RemovedStops`: one document per depot and day, read by the office's planning page. */
export const REMOVED_STOPS = 'removedStops';
/** The field of a `removedStops` document that the TTL policy in infra/firestore.tf reads. */
export const REMOVED_STOPS_TTL_FIELD = 'expiresAt';

/** A `removedStops` document as stored: with the Timestamp the TTL policy deletes it after (a string would never expire). */
export const removedStopsDoc = (record: RemovedStops): RemovedStops & { readonly [REMOVED_STOPS_TTL_FIELD]: Timestamp } => ({
  ...record,
  [REMOVED_STOPS_TTL_FIELD]: Timestamp.fromDate(new Date(removedStopsExpiry(record.date))),
});
export const DRIVER_ACTIONS = 'driverActions';
export const DRIVER_LOCATIONS = 'driverLocations';

export function firestoreRouteStore(db: Firestore, publisher: EventPublisher) {
  const store = aggregateStore<Route>(db, { collection: ROUTES, notFoundCode: 'ROUTE.NOT_FOUND', publisher });
  return {
    ...store,
    /** Every route of a day (a depot plans at most a few dozen). */
    async ofDate(date: string): Promise<Route[]> {
      return (await store.collection.where('date', '==', date).get()).docs.map((d) => d.data() as Route);
    },
    async between(from: string, to: string): Promise<Route[]> {
      return (await store.collection.where('date', '>=', from).where('date', '<=', to).get()).docs.map((d) => d.data() as Route);
    },
  };
}
export type RouteStore = ReturnType<typeof firestoreRouteStore>;
