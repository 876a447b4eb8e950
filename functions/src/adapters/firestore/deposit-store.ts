import type { Firestore } from '@google-cloud/firestore';
import { applyDeposit, assertRefundedWhereHeld, depositsHeld, type CustomerDepositsNow, type Deposit } from '../../domain/billing';
import { revised, type Customer, type OnSiteLine } from '../../domain/customers';
import { notFound } from '../../domain/errors';
import { firestoreBooksStore } from './books-store';
import { firestoreCustomerStore } from './customer-store';
import { runContendedTransaction } from './contended-transaction';

/** The collection of a customer's deposits, for a transaction that writes records alongside other documents (a delivery). */
export const depositsOf = (customerId: string): string => `customers/${customerId}/deposits`;

/**
 * `customers/{customerId}/deposits/{id}`: deposits (押金) collected and refunded, as the office recorded them, never
 * edited. Written only here (firestore.rules let the customer and staff read them); single-field queries only, the
 * month's journal across customers on the collection group's `receivedOn`, the drivers' cash month also on its
 * `collectedOn` (their field overrides in firestore.indexes.json).
 */
export function firestoreDepositStore(db: Firestore) {
  const customers = db.collection('customers');
  const deposits = (customerId: string) => db.collection(depositsOf(customerId));

  return {
    /**
     * Records a deposit and moves the customer's `depositPaid` in one transaction, once per id: a retried request gets
     * the record stored the first time and the customer is not touched again. A new one dated in the closed books is
     * refused, the books-closed date read in the same transaction.
     * @throws `CUSTOMER.NOT_FOUND`; `DEPOSIT.BOOKS_CLOSED`, `DEPOSIT.AT_BRANCH` (a head office's refund of its branches'),
     *   `DEPOSIT.REFUND_EXCEEDS_HELD`, `DEPOSIT.CYLINDERS_ON_SITE` (nothing written).
     */
    async record(deposit: Deposit, now: Date): Promise<{ deposit: Deposit; customer: Customer }> {
      return runContendedTransaction(db, async (tx) => {
        const customerRef = customers.doc(deposit.customerId);
        const depositRef = deposits(deposit.customerId).doc(deposit.id);
        const [customerSnap, existing] = await tx.getAll(customerRef, depositRef);
        if (!customerSnap?.exists) throw notFound('CUSTOMER.NOT_FOUND', `Customer ${deposit.customerId} not found`, { id: deposit.customerId });
        const customer = customerSnap.data() as Customer;
        if (existing?.exists) return { deposit: existing.data() as Deposit, customer };
        await firestoreBooksStore(db).assertOpen(tx, deposit.receivedOn, 'DEPOSIT.BOOKS_CLOSED', 'receivedOn');
        if (deposit.kind === 'refund') assertRefundedWhereHeld(customer.cylindersOnSite, deposit, await firestoreCustomerStore(db).branchesOf(customer.id, tx));
        const next: Customer = revised(customer, { cylindersOnSite: applyDeposit(customer.cylindersOnSite, deposit) }, now);
        tx.set(customerRef, next);
        tx.create(depositRef, deposit);
        return { deposit, customer: next };
      });
    },

    /**
     * A customer's deposits, newest first (by the day the money changed hands, then by when recorded), at most `limit`.
     * Sorted here rather than by a composite index: a customer has a handful.
     */
    async ofCustomer(customerId: string, limit: number): Promise<Deposit[]> {
      const snap = await deposits(customerId).get();
      return snap.docs
        .map((d) => d.data() as Deposit)
        .sort((a, b) => b.receivedOn.localeCompare(a.receivedOn) || b.at.localeCompare(a.at))
        .slice(0, limit);
    },

    /** A customer's deposits from a day on (inclusive), by the day and then by when recorded. */
    async since(customerId: string, firstDay: string): Promise<Deposit[]> {
      const snap = await deposits(customerId).where('receivedOn', '>=', firstDay).get();
      return snap.docs.map((d) => d.data() as Deposit).sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.at.localeCompare(b.at));
    },

    /**
     * The deposits drivers collected at doors on the days from `firstDay` through `lastDay`, every customer's: those dated
     * in them (`receivedOn`) and those booked later because the day was closed by the time the phone synced (補登, the
     * door day kept as `collectedOn`). Two range reads of the collection group, each on its single-field index, rather
     * than a read per customer delivered (a month's reach hundreds).
     */
    async collectedBetween(firstDay: string, lastDay: string): Promise<(Deposit & { orderId: string })[]> {
      const group = db.collectionGroup('deposits');
      const snaps = await Promise.all(
        (['receivedOn', 'collectedOn'] as const).map((field) => group.where(field, '>=', firstDay).where(field, '<=', lastDay).get()),
      );
      const byPath = new Map(snaps.flatMap((snap) => snap.docs.map((d) => [d.ref.path, d.data() as Deposit] as const)));
      return [...byPath.values()].flatMap((d) => (d.orderId ? [{ ...d, orderId: d.orderId }] : []));
    },

    /** Every customer's deposits dated from `firstDay` through `lastDay`, at most `limit` (the caller refuses more). */
    async allBetween(firstDay: string, lastDay: string, limit: number): Promise<Deposit[]> {
      const snap = await db.collectionGroup('deposits').where('receivedOn', '>=', firstDay).where('receivedOn', '<=', lastDay).limit(limit).get();
      return snap.docs.map((d) => d.data() as Deposit);
    },

    /** Every customer's deposits dated after `day`: undone from what is held now to give what was held on it. */
    async allAfter(day: string): Promise<Deposit[]> {
      const snap = await db.collectionGroup('deposits').where('receivedOn', '>', day).get();
      return snap.docs.map((d) => d.data() as Deposit);
    },

    /** What every customer holds now per size, with when they became one (one field-masked read of the customers). */
    async heldNow(): Promise<CustomerDepositsNow[]> {
      const snap = await customers.select('cylindersOnSite', 'createdAt').get();
      return snap.docs.map((d) => ({
        customerId: d.id,
        createdAt: d.get('createdAt') as string,
        held: depositsHeld((d.get('cylindersOnSite') as OnSiteLine[] | undefined) ?? []),
      }));
    },

    /** The cylinders-on-site lines of the customers given (one field-masked read), customers not found left out. */
    async onSiteOf(customerIds: readonly string[]): Promise<Map<string, OnSiteLine[]>> {
      const ids = [...new Set(customerIds)];
      if (ids.length === 0) return new Map();
      const snaps = await db.getAll(...ids.map((id) => customers.doc(id)), { fieldMask: ['cylindersOnSite'] });
      return new Map(snaps.flatMap((s) => (s.exists ? [[s.id, (s.get('cylindersOnSite') as OnSiteLine[] | undefined) ?? []] as const] : [])));
    },
  };
}
