import { AggregateField, type Firestore, type Transaction } from '@google-cloud/firestore';
import { notFound } from '../../domain/errors';
import { allowedTotal, assertAllowanceFits, type Allowance, type Invoice, type InvoicePeriod } from '../../domain/invoicing';
import { runContendedTransaction } from '../firestore/contended-transaction';
import { aggregateIn } from '../firestore/credit-guard';
import { firestoreUploadStore } from './einvoice-upload-store';
import { INVOICES } from './invoice-store';

export const INVOICE_ALLOWANCES = 'invoiceAllowances';

const byIssuedAt = (a: Allowance, b: Allowance): number => a.issuedAt.localeCompare(b.issuedAt) || a.number.localeCompare(b.number);

/**
 * `invoiceAllowances/{id}`: allowances (折讓), written once, changed only to cancel them. Each write also sets its
 * invoice's `allowedTotal` (the sum of its live allowances) in the same transaction, so an invoice never shows a sum
 * its allowances do not make, and a void racing an allowance sees it (the void's transaction re-reads the invoice).
 * An allowance the local book numbered on a local-book invoice gets its G0401 (and its cancel a G0501) for the Turnkey
 * upload in those transactions too: an allowance refused there is never uploaded. An invoice's and a period's are read by
 * single-field equalities (`invoiceId`, `period`), sorted here: an invoice has a few, a period a few dozen. A customer's
 * live ones, the credits on their account, by (customer.id, status, issuedAt) and summed on (customer.id, status,
 * issuedAt, amounts.totalAmount), both composite indexes in firestore.indexes.json.
 */
export function firestoreAllowanceStore(db: Firestore) {
  const col = db.collection(INVOICE_ALLOWANCES);
  const invoices = db.collection(INVOICES);
  const uploads = firestoreUploadStore(db);
  const liveOf = (customerId: string) => col.where('customer.id', '==', customerId).where('status', '==', 'issued');
  const missing = (id: string) => notFound('INVOICE.ALLOWANCE_NOT_FOUND', `Allowance ${id} not found`, { id });

  async function invoiceAndAllowances(tx: Transaction, invoiceId: string): Promise<{ invoice: Invoice; allowances: Allowance[] }> {
    const [invoice, allowances] = await Promise.all([tx.get(invoices.doc(invoiceId)), tx.get(col.where('invoiceId', '==', invoiceId))]);
    if (!invoice.exists) throw notFound('INVOICE.NOT_FOUND', `Invoice ${invoiceId} not found`, { id: invoiceId });
    return { invoice: invoice.data() as Invoice, allowances: allowances.docs.map((d) => d.data() as Allowance) };
  }

  return {
    async find(id: string): Promise<Allowance | null> {
      const snap = await col.doc(id).get();
      return snap.exists ? (snap.data() as Allowance) : null;
    },

    /** An invoice's allowances, cancelled ones too, oldest first. */
    async ofInvoice(invoiceId: string): Promise<Allowance[]> {
      const snap = await col.where('invoiceId', '==', invoiceId).get();
      return snap.docs.map((d) => d.data() as Allowance).sort(byIssuedAt);
    },

    /** A period's allowances (by the allowance's own period), cancelled ones too, of one customer or all. */
    async ofPeriod(period: InvoicePeriod, customerId?: string): Promise<Allowance[]> {
      const snap = await col.where('period', '==', period).get();
      return snap.docs
        .map((d) => d.data() as Allowance)
        .filter((a) => customerId === undefined || a.customer.id === customerId)
        .sort(byIssuedAt);
    },

    /** A customer's live allowances issued from one instant (inclusive) until another (exclusive), by the time issued. */
    /** A customer's live allowances, newest first (at most `limit`). */
    async liveOf(customerId: string, limit: number): Promise<Allowance[]> {
      const snap = await liveOf(customerId).orderBy('issuedAt', 'desc').limit(limit).get();
      return snap.docs.map((d) => d.data() as Allowance);
    },

    async liveIssuedBetween(customerId: string, from: string, until: string): Promise<Allowance[]> {
      const snap = await liveOf(customerId).where('issuedAt', '>=', from).where('issuedAt', '<', until).orderBy('issuedAt').get();
      return snap.docs.map((d) => d.data() as Allowance);
    },

    /**
     * The tax-included total of a customer's live allowances issued before an instant, as one aggregate query (no documents
     * read), in `tx` when given; Firestore sums through index scans, hence the summed field in the index.
     */
    async sumLiveBefore(customerId: string, until: string, tx?: Transaction): Promise<number> {
      const snap = await aggregateIn(tx, liveOf(customerId).where('issuedAt', '<', until).aggregate({ total: AggregateField.sum('amounts.totalAmount') }));
      return snap.data().total;
    },

    /**
     * Stores a newly issued allowance and its invoice's new `allowedTotal`, after checking again, in the transaction,
     * that it fits what is left (another allowance or a void may have come first). One already stored under its id is
     * answered as it is.
     * @throws `INVOICE.NOT_FOUND`; see `assertAllowanceFits`.
     */
    async save(allowance: Allowance): Promise<{ allowance: Allowance; created: boolean }> {
      const ref = col.doc(allowance.id);
      return runContendedTransaction(db, async (tx) => {
        const [snap, { invoice, allowances }] = await Promise.all([tx.get(ref), invoiceAndAllowances(tx, allowance.invoiceId)]);
        if (snap.exists) return { allowance: snap.data() as Allowance, created: false };
        assertAllowanceFits(invoice, allowances, allowance.lines);
        tx.create(ref, allowance);
        tx.update(invoices.doc(invoice.id), { allowedTotal: allowedTotal([...allowances, allowance]) });
        uploads.recordAllowanceIn(tx, invoice, allowance, new Date(allowance.issuedAt));
        return { allowance, created: true };
      });
    },

    /**
     * Reads one allowance of the invoice in a transaction and runs `alongside`'s reads, checks and writes in it: a cancel
     * checked and marked in the customer's credit guard before the issuer is asked.
     * @throws `INVOICE.ALLOWANCE_NOT_FOUND` (also for an allowance of another invoice); what `alongside` throws.
     */
    async check(invoiceId: string, id: string, alongside: (tx: Transaction, current: Allowance) => Promise<void>): Promise<void> {
      await runContendedTransaction(db, async (tx) => {
        const snap = await tx.get(col.doc(id));
        const current = snap.data() as Allowance | undefined;
        if (current?.invoiceId !== invoiceId) throw missing(id);
        await alongside(tx, current);
      });
    },

    /**
     * Reads, changes (cancels) and writes one allowance of the invoice, and the invoice's `allowedTotal`, in a transaction;
     * `alongside` makes more reads (and checks) and writes in it first (the customer's credit kept: a cancel takes it away).
     * @throws `INVOICE.ALLOWANCE_NOT_FOUND` (also for an allowance of another invoice); `INVOICE.NOT_FOUND`
     */
    async mutate(invoiceId: string, id: string, change: (current: Allowance) => Allowance, alongside?: (tx: Transaction, current: Allowance) => Promise<void>): Promise<Allowance> {
      return runContendedTransaction(db, async (tx) => {
        const { invoice, allowances } = await invoiceAndAllowances(tx, invoiceId);
        const current = allowances.find((a) => a.id === id);
        if (!current) throw missing(id);
        const next = change(current);
        await alongside?.(tx, current);
        tx.set(col.doc(id), next);
        tx.update(invoices.doc(invoiceId), { allowedTotal: allowedTotal(allowances.map((a) => (a.id === id ? next : a))) });
        if (current.status !== 'void' && next.status === 'void') uploads.recordAllowanceCancelIn(tx, invoice, current, next.cancelReason ?? '', new Date(next.cancelledAt ?? Date.now()));
        return next;
      });
    },
  };
}

export type AllowanceStore = ReturnType<typeof firestoreAllowanceStore>;
