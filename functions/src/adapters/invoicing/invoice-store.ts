import type { Firestore, Query } from '@google-cloud/firestore';
import type { Customer } from '../../domain/customers';
import { notFound } from '../../domain/errors';
import type { Invoice, InvoicePeriod } from '../../domain/invoicing';

export const INVOICES = 'invoices';

export interface InvoiceQuery {
  readonly customerId?: string;
  readonly period?: InvoicePeriod;
  readonly limit: number;
  /** The id of the last invoice of the previous page. */
  readonly cursor?: string;
}

/** `invoices/{id}`: issued invoices, written once, changed only to void them. */
export function firestoreInvoiceStore(db: Firestore) {
  const col = db.collection(INVOICES);
  const missing = (id: string) => notFound('INVOICE.NOT_FOUND', `Invoice ${id} not found`, { id });

  return {
    async find(id: string): Promise<Invoice | null> {
      const snap = await col.doc(id).get();
      return snap.exists ? (snap.data() as Invoice) : null;
    },

    /** @throws `INVOICE.NOT_FOUND` */
    async get(id: string): Promise<Invoice> {
      const snap = await col.doc(id).get();
      if (!snap.exists) throw missing(id);
      return snap.data() as Invoice;
    },

    /** Stores a newly issued invoice; one already stored under its id wins (the issuers answer the same number). */
    async save(invoice: Invoice): Promise<{ invoice: Invoice; created: boolean }> {
      const ref = col.doc(invoice.id);
      return db.runTransaction(async (tx) => {
        const snap = await tx.get(ref);
        if (snap.exists) return { invoice: snap.data() as Invoice, created: false };
        tx.create(ref, invoice);
        return { invoice, created: true };
      });
    },

    /** Reads, changes and writes one invoice in a transaction. @throws `INVOICE.NOT_FOUND` */
    async mutate(id: string, change: (current: Invoice) => Invoice): Promise<Invoice> {
      const ref = col.doc(id);
      return db.runTransaction(async (tx) => {
        const snap = await tx.get(ref);
        if (!snap.exists) throw missing(id);
        const next = change(snap.data() as Invoice);
        tx.set(ref, next);
        return next;
      });
    },

    /**
     * Newest first. Equality on `customer.id` and / or `period` with the order on `issuedAt` needs the composite
     * indexes (customer.id, issuedAt desc), (period, issuedAt desc) and (customer.id, period, issuedAt desc) in
     * firestore.indexes.json.
     */
    async list(query: InvoiceQuery): Promise<{ items: Invoice[]; nextCursor?: string }> {
      let base: Query = col;
      if (query.customerId) base = base.where('customer.id', '==', query.customerId);
      if (query.period) base = base.where('period', '==', query.period);
      base = base.orderBy('issuedAt', 'desc');
      if (query.cursor) {
        const last = await col.doc(query.cursor).get();
        if (last.exists) base = base.startAfter(last);
      }
      const snap = await base.limit(query.limit + 1).get();
      const items = snap.docs.slice(0, query.limit).map((d) => d.data() as Invoice);
      const last = items[items.length - 1];
      return { items, ...(snap.size > query.limit && last ? { nextCursor: last.id } : {}) };
    },

    /** Every invoice of a period, void ones too: the accountant's export. */
    async ofPeriod(period: InvoicePeriod): Promise<Invoice[]> {
      const snap = await col.where('period', '==', period).get();
      return snap.docs.map((d) => d.data() as Invoice);
    },

    /** Customers on monthly terms (月結), inactive ones too: a customer who left still gets the last month's invoice. */
    async monthlyCustomers(): Promise<Customer[]> {
      const snap = await db.collection('customers').where('paymentTerms', '==', 'monthly').get();
      return snap.docs.map((d) => d.data() as Customer);
    },
  };
}

export type InvoiceStore = ReturnType<typeof firestoreInvoiceStore>;
