import { AggregateField, type Firestore, type Transaction } from '@google-cloud/firestore';
import { lateBookedShift, monthBounds, type AccountSums } from '../../domain/billing';
import { taipeiDate } from '../../domain/clock';
import type { Allowance } from '../../domain/invoicing';
import type { Order } from '../../domain/orders';
import { firestoreAllowanceStore } from '../invoicing/allowance-store';
import { aggregateIn } from './credit-guard';
import { firestorePaymentStore } from './payment-store';
import { firestoreRefundStore } from './refund-store';

/**
 * Delivered orders, allowances and account sums (refunds included) for monthly statements and balances, each delivery
 * counted at its billing instant (`billedAt`: a delivery booked late, 補登, on its booked day).
 */
export function firestoreStatementStore(db: Firestore) {
  const orders = db.collection('orders');

  const delivered = (customerId: string) => orders.where('customerId', '==', customerId).where('status', '==', 'delivered');

  /**
   * A customer's deliveries booked late (補登) on or after a Taipei day: a handful at most, read whole (in `tx` when
   * given) on the index (customerId, status, delivery.bookedOn); only they carry `delivery.bookedOn`.
   */
  async function bookedLateSince(customerId: string, day: string, tx?: Transaction): Promise<Order[]> {
    const q = delivered(customerId).where('delivery.bookedOn', '>=', day);
    return (await (tx ? tx.get(q) : q.get())).docs.map((d) => d.data() as Order);
  }

  /**
   * What a customer was charged, and paid at the door, for orders billed before an instant (and from one, if given):
   * one aggregate query over `delivery.at` (no documents read) and the deliveries booked late that move across the
   * bounds (`lateBookedShift`). Firestore sums through index scans, so the summed fields are in the index too:
   * (customerId, status, delivery.at, total, delivery.cashCollected).
   */
  async function deliveredSums(customerId: string, until: string, from?: string, tx?: Transaction): Promise<{ charges: number; cashCollected: number }> {
    const before = delivered(customerId).where('delivery.at', '<', until);
    const [snap, late] = await Promise.all([
      aggregateIn(tx, (from ? before.where('delivery.at', '>=', from) : before).aggregate({ charges: AggregateField.sum('total'), cashCollected: AggregateField.sum('delivery.cashCollected') })),
      bookedLateSince(customerId, taipeiDate(new Date(from ?? until)), tx),
    ]);
    const sums = snap.data();
    const shift = lateBookedShift(late, until, from);
    return { charges: sums.charges + shift.charges, cashCollected: sums.cashCollected + shift.cashCollected };
  }

  return {
    /**
     * A customer's orders delivered within a Taipei month, by delivery time, and those booked late (補登) into it; some
     * of the first may be booked into a later month, which the statement leaves out (`billedAt`). Equality on
     * `customerId` and `status` with a range and order on `delivery.at` needs the composite index
     * (customerId, status, delivery.at) in firestore.indexes.json.
     */
    async deliveredIn(customerId: string, month: string): Promise<Order[]> {
      const { firstDay, lastDay, from, until } = monthBounds(month);
      const [snap, late] = await Promise.all([
        delivered(customerId).where('delivery.at', '>=', from).where('delivery.at', '<', until).orderBy('delivery.at').get(),
        bookedLateSince(customerId, firstDay),
      ]);
      const inMonth = snap.docs.map((d) => d.data() as Order);
      return [...inMonth, ...late.filter((o) => o.delivery?.bookedOn !== undefined && o.delivery.bookedOn <= lastDay && !inMonth.some((m) => m.id === o.id))];
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
