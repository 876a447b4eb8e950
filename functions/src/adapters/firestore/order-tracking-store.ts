import type { DocumentReference, Firestore } from '@google-cloud/firestore';
import type { Driver } from '../../domain/fleet';
import { ORDER_TRACKING, orderTrackingOf, sameTracking, type OrderTracking } from '../../domain/notifications';
import type { Order } from '../../domain/orders';
import type { Route } from '../../domain/routes';
import { runContendedTransaction } from './contended-transaction';
import { ROUTES } from './route-store';

/** What one pass over a route wrote: the trackings set (new or changed) and those deleted. */
export interface TrackingWrites {
  readonly set: number;
  readonly deleted: number;
}

/**
 * Brings `orderTracking` true to route `routeId` as it stands, in one transaction: the tracking of each of its orders
 * still waiting (`orderTrackingOf`) is written when it says something new, and the route's trackings no longer due (the
 * stop done, taken off, the route done) are deleted; a stop handed to another route (改派) gets that route's from its pass. Read in the transaction, so two passes over
 * the same route at once end as the later state says; a pass that finds nothing changed writes nothing.
 */
export function trackRoute(db: Firestore, routeId: string, now: Date): Promise<TrackingWrites> {
  const col = db.collection(ORDER_TRACKING);
  return runContendedTransaction(db, async (tx) => {
    const route = (await tx.get(db.collection(ROUTES).doc(routeId))).data() as Route | undefined;
    const stored = (await tx.get(col.where('routeId', '==', routeId))).docs;
    const orderRefs = route ? route.stops.filter((s) => !s.outcome).map((s) => db.collection('orders').doc(s.orderId)) : [];
    const driverRef: DocumentReference | null = route?.driverId ? db.collection('drivers').doc(route.driverId) : null;
    const refs = [...orderRefs, ...(driverRef ? [driverRef] : [])];
    const docs = refs.length > 0 ? await tx.getAll(...refs) : [];
    const orders = docs.slice(0, orderRefs.length).map((d) => (d.exists ? (d.data() as Order) : null));
    const driver = driverRef ? ((docs[orderRefs.length]?.data() as Driver | undefined) ?? null) : null;
    const due = route ? orderTrackingOf(route, orders, driver, now) : [];
    const current = new Map(stored.map((d) => [d.id, d.data() as OrderTracking]));
    const kept = new Set(due.map((t) => t.orderId));
    let set = 0;
    let deleted = 0;
    for (const tracking of due) {
      const before = current.get(tracking.orderId);
      if (before && sameTracking(before, tracking)) continue;
      tx.set(col.doc(tracking.orderId), tracking);
      set += 1;
    }
    for (const id of current.keys()) {
      if (kept.has(id)) continue;
      tx.delete(col.doc(id));
      deleted += 1;
    }
    return { set, deleted };
  });
}
