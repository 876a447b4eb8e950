import type { Firestore } from '@google-cloud/firestore';
import type { EventPublisher } from '../../domain/events';
import { REPRICEABLE_STATUSES, type Order, type OrderStatus } from '../../domain/orders';
import type { PriceEntry, PriceList } from '../../domain/pricing';
import { aggregateStore, type Versioned } from './aggregate-store';
import type { UnitOfWork } from './unit-of-work';

export function firestoreOrderStore(db: Firestore, publisher: EventPublisher) {
  return aggregateStore<Order>(db, { collection: 'orders', notFoundCode: 'ORDER.NOT_FOUND', publisher });
}
export type OrderStore = ReturnType<typeof firestoreOrderStore>;

/** The whole price list: a few rows per size, read once per request. */
export async function loadPriceList(db: Firestore): Promise<PriceList> {
  const snap = await db.collection('priceList').get();
  return snap.docs.map((d) => d.data() as PriceEntry);
}

/**
 * The orders a new price may re-price: not yet on a route and requested from `from` up to, not including, `before`
 * (index status, requestedDate). As many as are booked ahead, a few days of deliveries.
 */
export async function repriceableOrders(db: Firestore, days: { readonly from: string; readonly before?: string }): Promise<Order[]> {
  const from = db.collection('orders').where('status', 'in', [...REPRICEABLE_STATUSES]).where('requestedDate', '>=', days.from);
  const snap = await (days.before ? from.where('requestedDate', '<', days.before) : from).get();
  return snap.docs.map((d) => d.data() as Order);
}

/** A customer's orders in some statuses (those that follow an edit of them, `statusesFollowing`), read in the unit of work; at most `limit`. */
export async function customerOrdersIn(uow: UnitOfWork, customerId: string, statuses: readonly OrderStatus[], limit: number): Promise<Versioned<Order>[]> {
  const q = uow.db.collection('orders').where('customerId', '==', customerId).where('status', 'in', [...statuses]);
  return uow.query<Order>(q.limit(limit));
}
