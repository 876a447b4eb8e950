import { AggregateField, type DocumentData, type Firestore } from '@google-cloud/firestore';
import type { Payment } from '../../domain/billing';
import { notFound } from '../../domain/errors';

/**
 * `payments/{id}`: what customers paid the office, as it was recorded; voided, never deleted. Server-only
 * (firestore.rules give clients nothing). Composite indexes in firestore.indexes.json: (customerId, receivedOn)
 * for a customer's list, (customerId, status, receivedOn) for a month's received payments and the sum before a
 * day, (customerId, status, receivedOn desc) for the last one received.
 */
export function firestorePaymentStore(db: Firestore) {
  const col = db.collection('payments');
  const received = (customerId: string) => col.where('customerId', '==', customerId).where('status', '==', 'received');
  return {
    /** Stores once per id: a retried request with the same id gets the payment stored the first time. */
    async create(payment: Payment): Promise<Payment> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(payment.id);
        const existing = await tx.get(ref);
        if (existing.exists) return existing.data() as Payment;
        tx.create(ref, payment as unknown as DocumentData);
        return payment;
      });
    },

    /**
     * Changes one of a customer's payments in a transaction; another customer's payment is "not found",
     * like a missing one. An unchanged payment is not rewritten.
     */
    async mutate(customerId: string, id: string, change: (current: Payment) => Payment): Promise<Payment> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(id);
        const current = (await tx.get(ref)).data() as Payment | undefined;
        if (!current || current.customerId !== customerId) throw notFound('PAYMENT.NOT_FOUND', `Payment ${id} not found`, { id });
        const next = change(current);
        if (next !== current) tx.set(ref, next as unknown as DocumentData);
        return next;
      });
    },

    /** A customer's payments, voided ones too, received between two days (both inclusive, either open), by the day received. */
    async ofCustomer(customerId: string, from?: string, to?: string): Promise<Payment[]> {
      let q = col.where('customerId', '==', customerId);
      if (from) q = q.where('receivedOn', '>=', from);
      if (to) q = q.where('receivedOn', '<=', to);
      const snap = await q.get();
      return snap.docs.map((d) => d.data() as Payment).sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.at.localeCompare(b.at));
    },

    /** The payments that count, received between two days (both inclusive). */
    async receivedBetween(customerId: string, firstDay: string, lastDay: string): Promise<Payment[]> {
      const snap = await received(customerId).where('receivedOn', '>=', firstDay).where('receivedOn', '<=', lastDay).get();
      return snap.docs.map((d) => d.data() as Payment);
    },

    /** The sum of the payments that count received before a day, as one aggregate query (no documents read). */
    async sumReceivedBefore(customerId: string, day: string): Promise<number> {
      const snap = await received(customerId).where('receivedOn', '<', day).aggregate({ amount: AggregateField.sum('amount') }).get();
      return snap.data().amount;
    },

    /** The day of the last payment that counts, if any. */
    async lastReceivedOn(customerId: string): Promise<string | undefined> {
      const snap = await received(customerId).orderBy('receivedOn', 'desc').limit(1).select('receivedOn').get();
      return snap.docs[0]?.get('receivedOn') as string | undefined;
    },
  };
}
