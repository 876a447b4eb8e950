import type { Firestore } from '@google-cloud/firestore';
import type { EventPublisher } from '../../domain/events';
import type { Order } from '../../domain/orders';
import type { PriceEntry, PriceList } from '../../domain/pricing';
import { aggregateStore } from './aggregate-store';

export function firestoreOrderStore(db: Firestore, publisher: EventPublisher) {
  return aggregateStore<Order>(db, { collection: 'orders', notFoundCode: 'ORDER.NOT_FOUND', publisher });
}
export type OrderStore = ReturnType<typeof firestoreOrderStore>;

/** The whole price list: a few rows per size, read once per request. */
export async function loadPriceList(db: Firestore): Promise<PriceList> {
  const snap = await db.collection('priceList').get();
  return snap.docs.map((d) => d.data() as PriceEntry);
}
