import { AggregateField, type Firestore, type Query } from '@google-cloud/firestore';
import { MAX_REISSUES, type BilledInvoice } from '../../domain/billing';
import { notFound } from '../../domain/errors';
import { monthBounds } from '../../domain/billing/statement';
import { markReissued, type ChainedInvoice, type Invoice, type InvoicePeriod, type InvoiceStatus, type MonthInvoice } from '../../domain/invoicing';
import { firestoreUploadStore } from './einvoice-upload-store';
import { runContendedTransaction } from '../firestore/contended-transaction';

export const INVOICES = 'invoices';
/** Documents read by id per request: a month's deliveries run to thousands. */
const BY_ID_BATCH = 300;
/** What a statement names of an invoice, and what leads to its reissue. */
const BILLED_FIELDS = ['number', 'status', 'source', 'reissuedAs'] as const satisfies readonly (keyof BilledInvoice)[];
const CHAINED_FIELDS = [...BILLED_FIELDS, 'issuedAt'] as const satisfies readonly (keyof ChainedInvoice)[];

/** Whose invoices, of which period: the filters a page and its period's totals share. */
export interface InvoiceScope {
  readonly customerId?: string;
  readonly period?: InvoicePeriod;
}

export interface InvoiceQuery extends InvoiceScope {
  readonly status?: InvoiceStatus;
  readonly limit: number;
  /** The id of the last invoice of the previous page. */
  readonly cursor?: string;
}

/** What a period's invoices add up to: the issued ones counted and summed, the void ones only counted. */
export interface InvoiceTotals {
  readonly count: number;
  readonly salesAmount: number;
  readonly taxAmount: number;
  readonly totalAmount: number;
  readonly voidCount: number;
}

/** `invoices/{id}`: issued invoices, written once, changed only to void them and, once void, to point at their reissue. */
export function firestoreInvoiceStore(db: Firestore) {
  const col = db.collection(INVOICES);
  const missing = (id: string) => notFound('INVOICE.NOT_FOUND', `Invoice ${id} not found`, { id });
  const uploads = firestoreUploadStore(db);
  const scoped = (scope: InvoiceScope, status?: InvoiceStatus): Query => {
    let q: Query = col;
    if (scope.customerId) q = q.where('customer.id', '==', scope.customerId);
    if (scope.period) q = q.where('period', '==', scope.period);
    return status ? q.where('status', '==', status) : q;
  };

  /** The fields given of the invoices of these ids that are stored (void ones too), read by id a few hundred at a time. */
  const byIds = async <K extends keyof Invoice>(ids: readonly string[], fields: readonly K[]): Promise<Map<string, Pick<Invoice, K>>> => {
    const found = new Map<string, Pick<Invoice, K>>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += BY_ID_BATCH) {
      const snaps = await db.getAll(...unique.slice(i, i + BY_ID_BATCH).map((id) => col.doc(id)), { fieldMask: [...fields] });
      for (const snap of snaps) if (snap.exists) found.set(snap.id, snap.data() as Pick<Invoice, K>);
    }
    return found;
  };

  /** The invoices a query finds, counted and their amounts summed from the index entries (no invoice read). */
  const summed = async (q: Query): Promise<Omit<InvoiceTotals, 'voidCount'>> =>
    (
      await q
        .aggregate({
          count: AggregateField.count(),
          salesAmount: AggregateField.sum('amounts.salesAmount'),
          taxAmount: AggregateField.sum('amounts.taxAmount'),
          totalAmount: AggregateField.sum('amounts.totalAmount'),
        })
        .get()
    ).data();

  /** The invoices of these ids that are stored, and the reissues of the void ones among them, at most `MAX_REISSUES` rounds. */
  const withReissues = async <K extends keyof Invoice>(ids: readonly string[], fields: readonly (K | 'reissuedAs')[]): Promise<Map<string, Pick<Invoice, K | 'reissuedAs'>>> => {
    const found = new Map<string, Pick<Invoice, K | 'reissuedAs'>>();
    let next = ids;
    for (let round = 0; round <= MAX_REISSUES && next.length > 0; round++) {
      for (const [id, invoice] of await byIds(next, fields)) found.set(id, invoice);
      next = [...found.values()].flatMap((i) => (i.reissuedAs && !found.has(i.reissuedAs) ? [i.reissuedAs] : []));
    }
    return found;
  };

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
      return runContendedTransaction(db, async (tx) => {
        const snap = await tx.get(ref);
        if (snap.exists) return { invoice: snap.data() as Invoice, created: false };
        tx.create(ref, invoice);
        return { invoice, created: true };
      });
    },

    /**
     * Stores a void invoice's reissue and marks the void one `reissuedAs` it, in one transaction: both or neither. The
     * reissue already stored (a concurrent request for the same reissue got there first) is answered as it is.
     * @throws `INVOICE.NOT_FOUND`; `INVOICE.ALREADY_REISSUED` when the void one was reissued as another meanwhile.
     */
    async saveReissue(voidedId: string, reissue: Invoice): Promise<{ invoice: Invoice; created: boolean }> {
      const voidedRef = col.doc(voidedId);
      const ref = col.doc(reissue.id);
      return runContendedTransaction(db, async (tx) => {
        const [voided, existing] = await Promise.all([tx.get(voidedRef), tx.get(ref)]);
        if (!voided.exists) throw missing(voidedId);
        if (existing.exists) return { invoice: existing.data() as Invoice, created: false };
        tx.set(voidedRef, markReissued(voided.data() as Invoice, reissue));
        tx.create(ref, reissue);
        return { invoice: reissue, created: true };
      });
    },

    /**
     * Reads, changes and writes one invoice in a transaction; the change that voids a local-book invoice also queues its
     * F0501 for the Turnkey in it, so a void refused here (an allowance came first) is never uploaded.
     * @throws `INVOICE.NOT_FOUND`
     */
    async mutate(id: string, change: (current: Invoice) => Invoice): Promise<Invoice> {
      const ref = col.doc(id);
      return runContendedTransaction(db, async (tx) => {
        const snap = await tx.get(ref);
        if (!snap.exists) throw missing(id);
        const current = snap.data() as Invoice;
        const next = change(current);
        tx.set(ref, next);
        if (current.status !== 'void' && next.status === 'void') uploads.recordVoidIn(tx, next, next.voidReason ?? '', new Date(next.voidedAt ?? Date.now()));
        return next;
      });
    },

    /**
     * Newest first. Equality on `customer.id`, `period` and / or `status` with the order on `issuedAt` needs, in
     * firestore.indexes.json, the composite indexes (customer.id, issuedAt desc), (period, issuedAt desc),
     * (customer.id, period, issuedAt desc) and, with `status`, (status, issuedAt desc), (customer.id, status, issuedAt
     * desc), (period, status, issuedAt desc), (customer.id, period, status, issuedAt desc).
     */
    async list(query: InvoiceQuery): Promise<{ items: Invoice[]; nextCursor: string | null }> {
      let base = scoped(query, query.status).orderBy('issuedAt', 'desc');
      if (query.cursor) {
        const last = await col.doc(query.cursor).get();
        if (last.exists) base = base.startAfter(last);
      }
      const snap = await base.limit(query.limit + 1).get();
      const items = snap.docs.slice(0, query.limit).map((d) => d.data() as Invoice);
      const last = items[items.length - 1];
      return { items, nextCursor: snap.size > query.limit && last ? last.id : null };
    },

    /**
     * The void invoices never reissued, newest first, at most `limit` when given: sales that have no valid invoice until the
     * office reissues them. Equality on `status` alone (its single-field index); voids are few, so the rest is checked here.
     */
    async voidNotReissued(limit?: number): Promise<Invoice[]> {
      const snap = await col.where('status', '==', 'void').get();
      return snap.docs
        .map((d) => d.data() as Invoice)
        .filter((i) => !i.reissuedAs)
        .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))
        .slice(0, limit);
    },

    /**
     * The invoices of a number, newest first: one, or a few where a 字軌 came round again in another year. Equality on
     * `number` alone (its single-field index); the scope and status are checked here on those few.
     */
    async withNumber(number: string, scope: InvoiceScope & { readonly status?: InvoiceStatus }): Promise<Invoice[]> {
      const snap = await col.where('number', '==', number).get();
      return snap.docs
        .map((d) => d.data() as Invoice)
        .filter((i) => (!scope.customerId || i.customer.id === scope.customerId) && (!scope.period || i.period === scope.period) && (!scope.status || i.status === scope.status))
        .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
    },

    /**
     * A period's totals, of one customer or all, as two aggregate queries (no invoice read, whatever the period's size).
     * The counts need only equality on (customer.id,) period and status, which the `list` indexes' prefixes serve; the
     * sums are read from index entries, so they need the amounts in the index: (period, status, amounts.salesAmount,
     * amounts.taxAmount, amounts.totalAmount) and the same behind customer.id.
     */
    async totals(scope: InvoiceScope & { readonly period: InvoicePeriod }): Promise<InvoiceTotals> {
      const [issued, voided] = await Promise.all([
        summed(scoped(scope, 'issued')),
        scoped(scope, 'void').count().get(),
      ]);
      return { ...issued, voidCount: voided.data().count };
    },

    /**
     * A Taipei month's invoices by the time issued (of one customer or all, within a period), as two aggregate queries:
     * the valid ones counted and summed, the void ones counted and their totals summed. A range on `issuedAt` after the
     * equalities, so the sums need (period, status, issuedAt, amounts.salesAmount, amounts.taxAmount,
     * amounts.totalAmount) and the same behind customer.id.
     */
    async monthTotals(scope: InvoiceScope & { readonly period: InvoicePeriod }, month: string): Promise<InvoiceTotals & { readonly voidTotal: number }> {
      const { from, until } = monthBounds(month);
      const inMonth = (status: InvoiceStatus) => scoped(scope, status).where('issuedAt', '>=', from).where('issuedAt', '<', until);
      const [issued, voided] = await Promise.all([
        summed(inMonth('issued')),
        inMonth('void').aggregate({ count: AggregateField.count(), totalAmount: AggregateField.sum('amounts.totalAmount') }).get(),
      ]);
      return { ...issued, voidCount: voided.data().count, voidTotal: voided.data().totalAmount };
    },

    /** The valid invoices issued in a Taipei month, their number and amounts: (status, issuedAt desc), as `list` uses. */
    async validIn(month: string): Promise<MonthInvoice[]> {
      const { from, until } = monthBounds(month);
      const snap = await col.where('status', '==', 'issued').where('issuedAt', '>=', from).where('issuedAt', '<', until).orderBy('issuedAt', 'desc').select('number', 'amounts').get();
      return snap.docs.map((d) => ({ ...(d.data() as Omit<MonthInvoice, 'id'>), id: d.id }));
    },

    /** Every invoice of a period, void ones too: the accountant's export. */
    async ofPeriod(period: InvoicePeriod): Promise<Invoice[]> {
      const snap = await col.where('period', '==', period).get();
      return snap.docs.map((d) => d.data() as Invoice);
    },

    /**
     * What the invoices of these ids bill, by id, for those stored (void ones too): whether an order has its own invoice,
     * and which orders a month's invoice lists. Read by id, a few hundred at a time, only the source of each.
     */
    sources: (ids: readonly string[]): Promise<Map<string, Pick<Invoice, 'source'>>> => byIds(ids, ['source']),

    /**
     * The invoices of these ids that are stored, and the reissues of the void ones among them (each round reads the
     * next reissues, at most `MAX_REISSUES` rounds): what a statement's lines were billed on (`withInvoices`).
     */
    billed: (ids: readonly string[]): Promise<Map<string, BilledInvoice>> => withReissues(ids, BILLED_FIELDS),

    /** The same for a month's reconciliation (`reconcileMonth`), which also reads when each was issued. */
    chained: (ids: readonly string[]): Promise<Map<string, ChainedInvoice>> => withReissues(ids, CHAINED_FIELDS),
  };
}

export type InvoiceStore = ReturnType<typeof firestoreInvoiceStore>;
