import { AggregateField, FieldPath, type Firestore, type Transaction } from '@google-cloud/firestore';
import { referenceTailOf, type AccountSums, type Payment, type ReferenceTailBackfillResult } from '../../domain/billing';
import { firestoreBooksStore } from './books-store';
import { aggregateIn } from './credit-guard';
import { customerRecords } from './customer-records';
import { firestoreRefundStore } from './refund-store';

/** Writes a batch commits at most (Firestore's limit). */
const BATCH = 500;

/**
 * `payments/{id}`: what customers paid the office, as it was recorded; voided, never deleted. Server-only
 * (firestore.rules give clients nothing). Composite indexes in firestore.indexes.json: (customerId, receivedOn)
 * for a customer's list, (customerId, status, receivedOn) for a month's received payments and the sum before a
 * day, (customerId, status, receivedOn desc) for the last one received.
 */
export function firestorePaymentStore(db: Firestore) {
  const { col, create, mutate } = customerRecords<Payment>(db, 'payments', 'PAYMENT.NOT_FOUND');
  const received = (customerId: string) => col.where('customerId', '==', customerId).where('status', '==', 'received');
  const books = firestoreBooksStore(db);
  return {
    /**
     * Stores a payment once per id (a retried request gets the first), with its events; a new one dated in the closed
     * books is refused, the books-closed date read in the same transaction.
     * @throws `PAYMENT.BOOKS_CLOSED` (nothing written).
     */
    create: (payment: Payment, announce: Parameters<typeof create>[1]): Promise<Payment> =>
      create(payment, announce, (tx) => books.assertOpen(tx, payment.receivedOn, 'PAYMENT.BOOKS_CLOSED', 'receivedOn')),

    /**
     * Voids a payment (`change`, which answers one already voided as it is) under the customer's credit guard
     * (credit-guard.ts), so a refund recorded at the same time runs wholly before or after it. Refused while a refund
     * recorded since the payment paid its credit back (refund-store's `keepCredit`), and for a payment dated in the
     * closed books: its correction goes into an open month.
     * @throws `PAYMENT.NOT_FOUND`; `PAYMENT.VOID_BOOKS_CLOSED`, `PAYMENT.CREDIT_REFUNDED` (nothing written).
     */
    async void(customerId: string, id: string, change: (current: Payment) => Payment, account: (tx: Transaction | undefined, deliveredBefore: string) => Promise<AccountSums>): Promise<Payment> {
      return mutate(customerId, id, change, async (tx, current) => {
        await books.assertOpen(tx, current.receivedOn, 'PAYMENT.VOID_BOOKS_CLOSED', 'receivedOn');
        await firestoreRefundStore(db).keepCredit(customerId, 'PAYMENT.CREDIT_REFUNDED', current, account, tx);
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

    /**
     * Every customer's payments, voided ones too, received between two days (both inclusive), at most `limit`: a range
     * on the one field, which its single-field index answers.
     */
    async allBetween(firstDay: string, lastDay: string, limit: number): Promise<Payment[]> {
      const snap = await col.where('receivedOn', '>=', firstDay).where('receivedOn', '<=', lastDay).orderBy('receivedOn').limit(limit).get();
      return snap.docs.map((d) => d.data() as Payment);
    },

    /**
     * Every customer's payments, voided ones too, whose `referenceTail` is `tail`, or whose reference is those five digits
     * as typed (a payment recorded before the tail was kept), at most `limit` of each: two equality reads, which the
     * fields' single-field indexes answer. The caller keeps those whose reference matches the digits sought.
     */
    async withReferenceTail(tail: string, limit: number): Promise<Payment[]> {
      const snaps = await Promise.all([col.where('referenceTail', '==', tail).limit(limit).get(), col.where('reference', '==', tail).limit(limit).get()]);
      return [...new Map(snaps.flatMap((s) => s.docs).map((d) => [d.id, d.data() as Payment])).values()];
    },

    /**
     * Writes `referenceTail` where it is missing or not the reference's (payments recorded before it was kept), on one page
     * of payments in document-id order after `after`: one field-masked read, the writes in batches. A rerun writes
     * nothing. Firestore cannot ask for a field that is missing, hence every payment read, a page at a time.
     */
    async backfillReferenceTails(after: string | undefined, limit: number): Promise<ReferenceTailBackfillResult> {
      const page = col.orderBy(FieldPath.documentId()).select('reference', 'referenceTail').limit(limit);
      const snap = await (after ? page.startAfter(after) : page).get();
      const stale = snap.docs.flatMap((d) => {
        const tail = referenceTailOf(d.get('reference') as string | undefined);
        return tail === undefined || tail === d.get('referenceTail') ? [] : [{ ref: d.ref, tail }];
      });
      for (let i = 0; i < stale.length; i += BATCH) {
        const batch = db.batch();
        for (const { ref, tail } of stale.slice(i, i + BATCH)) batch.update(ref, { referenceTail: tail });
        await batch.commit();
      }
      const last = snap.docs[snap.docs.length - 1];
      return { payments: snap.size, written: stale.length, nextCursor: snap.size === limit && last ? last.id : null };
    },

    /** The payments that count, received between two days (both inclusive). */
    async receivedBetween(customerId: string, firstDay: string, lastDay: string): Promise<Payment[]> {
      const snap = await received(customerId).where('receivedOn', '>=', firstDay).where('receivedOn', '<=', lastDay).get();
      return snap.docs.map((d) => d.data() as Payment);
    },

    /**
     * The sum of the payments that count received before a day, as one aggregate query (no documents read), in `tx` when
     * given; Firestore sums through index scans, hence the index (customerId, status, receivedOn, amount).
     */
    async sumReceivedBefore(customerId: string, day: string, tx?: Transaction): Promise<number> {
      const snap = await aggregateIn(tx, received(customerId).where('receivedOn', '<', day).aggregate({ amount: AggregateField.sum('amount') }));
      return snap.data().amount;
    },

    /** The day of the last payment that counts received on or before a Taipei day, if any. */
    async lastReceivedOn(customerId: string, onOrBefore: string): Promise<string | undefined> {
      const snap = await received(customerId).where('receivedOn', '<=', onOrBefore).orderBy('receivedOn', 'desc').limit(1).select('receivedOn').get();
      return snap.docs[0]?.get('receivedOn') as string | undefined;
    },
  };
}
