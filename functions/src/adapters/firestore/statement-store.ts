import type { Firestore } from '@google-cloud/firestore';
import { monthBounds } from '../../domain/billing';
import type { Order } from '../../domain/orders';

/** Delivered orders for monthly statements. */
export function firestoreStatementStore(db: Firestore) {
  const orders = db.collection('orders');
  return {
    /**
     * A customer's orders delivered within a Taipei month, by delivery time. Equality on
     * `customerId` and `status` with a range and order on `delivery.at` needs the composite index
     * (customerId, status, delivery.at) in firestore.indexes.json.
     */
    async deliveredIn(customerId: string, month: string): Promise<Order[]> {
      const { from, until } = monthBounds(month);
      const snap = await orders
        .where('customerId', '==', customerId)
        .where('status', '==', 'delivered')
        .where('delivery.at', '>=', from)
        .where('delivery.at', '<', until)
        .orderBy('delivery.at')
        .get();
      return snap.docs.map((d) => d.data() as Order);
    },
  };
}
