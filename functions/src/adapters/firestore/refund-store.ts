import { AggregateField, type DocumentData, type Firestore } from '@google-cloud/firestore';
import type { Refund } from '../../domain/billing';
import { customerRecords } from './customer-records';

/**
 * `refunds/{id}`: what the office paid back to customers, as it was recorded; voided, never deleted. Server-only
 * (firestore.rules give clients nothing). Composite indexes in firestore.indexes.json: (customerId, paidOn) for a
 * customer's list, (customerId, status, paidOn, amount) for a month's paid refunds and the sum before a day.
 */
export function firestoreRefundStore(db: Firestore) {
  const { col, mutate } = customerRecords<Refund>(db, 'refunds', 'REFUND.NOT_FOUND');
  const paid = (customerId: string) => col.where('customerId', '==', customerId).where('status', '==', 'paid');
  const sumOf = (customerId: string, before?: string) => (before ? paid(customerId).where('paidOn', '<', before) : paid(customerId)).aggregate({ amount: AggregateField.sum('amount') });
  return {
    mutate,

    /**
     * Stores the refund `build` makes from the sum of the customer's refunds paid so far, read in the same transaction,
     * so two refunds recorded at once cannot both spend the same credit. A refund stored under the id before (a retried
     * request) is answered as it is, unchecked: its own amount is already spent.
     */
    async create(customerId: string, id: string, build: (refundsPaid: number) => Refund): Promise<Refund> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(id);
        const existing = await tx.get(ref);
        if (existing.exists) return existing.data() as Refund;
        const refund = build((await tx.get(sumOf(customerId))).data().amount);
        tx.create(ref, refund as unknown as DocumentData);
        return refund;
      });
    },

    /** A customer's refunds, voided ones too, by the day paid. */
    async ofCustomer(customerId: string): Promise<Refund[]> {
      const snap = await col.where('customerId', '==', customerId).orderBy('paidOn').get();
      return snap.docs.map((d) => d.data() as Refund).sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.at.localeCompare(b.at));
    },

    /** The refunds that count, paid between two days (both inclusive). */
    async paidBetween(customerId: string, firstDay: string, lastDay: string): Promise<Refund[]> {
      const snap = await paid(customerId).where('paidOn', '>=', firstDay).where('paidOn', '<=', lastDay).get();
      return snap.docs.map((d) => d.data() as Refund);
    },

    /** The sum of the refunds that count paid before a day, as one aggregate query (no documents read). */
    async sumPaidBefore(customerId: string, day: string): Promise<number> {
      return (await sumOf(customerId, day).get()).data().amount;
    },
  };
}
