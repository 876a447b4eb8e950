import { AggregateField, type Firestore, type Transaction } from '@google-cloud/firestore';
import { monthBounds, type AccountSums } from '../../domain/billing';
import type { Allowance } from '../../domain/invoicing';
import type { Order } from '../../domain/orders';
import { firestoreAllowanceStore } from '../invoicing/allowance-store';
import { aggregateIn } from './credit-guard';
import { firestorePaymentStore } from './payment-store';
import { firestoreRefundStore } from './refund-store';

/** Delivered orders, allowances and account sums (refunds included) for monthly statements and balances. */
export function firestoreStatementStore(db: Firestore) {
  const orders = db.collection('orders');

  /**
   * What a customer was charged, and paid at the door, for orders delivered before an instant (and from one,
   * if given): one aggregate query (no documents read). Firestore sums through index scans, so the summed fields
   * are in the index too: (customerId, status, delivery.at, total, delivery.cashCollected).
   */
  async function deliveredSums(customerId: string, until: string, from?: string, tx?: Transaction): Promise<{ charges: number; cashCollected: number }> {
    const before = orders.where('customerId', '==', customerId).where('status', '==', 'delivered').where('delivery.at', '<', until);
    const snap = await aggregateIn(tx, (from ? before.where('delivery.at', '>=', from) : before).aggregate({ charges: AggregateField.sum('total'), cashCollected: AggregateField.sum('delivery.cashCollected') }));
    return snap.data();
  }

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

    /** What a Taipei month's deliveries left owed (charges less cash at the door), as one aggregate query. */
    async owedIn(customerId: string, month: string): Promise<number> {
      const { from, until } = monthBounds(month);
      const sums = await deliveredSums(customerId, until, from);
      return sums.charges - sums.cashCollected;
    },

    /** A customer's live allowances (折讓) issued within a Taipei month, by the time issued. */
    async allowancesIn(customerId: string, month: string): Promise<Allowance[]> {
      const { from, until } = monthBounds(month);
      return firestoreAllowanceStore(db).liveIssuedBetween(customerId, from, until);
    },

    /**
     * The account before a Taipei month began: five sums from four aggregate queries, whatever the history's length; read
     * in `tx` when given (a credit check: see credit-guard.ts); `deliveredBefore` leaves out deliveries from that instant on.
     */
    async accountBefore(customerId: string, month: string, { tx, deliveredBefore }: { tx?: Transaction; deliveredBefore?: string } = {}): Promise<AccountSums> {
      const { firstDay, from } = monthBounds(month);
      const [delivered, payments, allowances, refunds] = await Promise.all([
        deliveredSums(customerId, deliveredBefore && deliveredBefore < from ? deliveredBefore : from, undefined, tx),
        firestorePaymentStore(db).sumReceivedBefore(customerId, firstDay, tx),
        firestoreAllowanceStore(db).sumLiveBefore(customerId, from, tx),
        firestoreRefundStore(db).sumPaidBefore(customerId, firstDay, tx),
      ]);
      return { ...delivered, payments, allowances, refunds };
    },
  };
}
