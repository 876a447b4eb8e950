import { FieldPath, type Firestore, type Transaction } from '@google-cloud/firestore';
import { notFound } from '../../domain/errors';
import type { Actor } from '../../domain/events';
import type { Allowance, Invoice } from '../../domain/invoicing';
import {
  allowanceCancelUpload,
  allowanceUpload,
  applyResult,
  awaitedUploads,
  EINVOICE_UPLOAD_STATUSES,
  heldUpload,
  isOverdue,
  issueUpload,
  markDelivered,
  requeueUpload,
  voidUpload,
  type EinvoiceUpload,
  type EinvoiceUploadStatus,
  type HeldUpload,
  type RequeueUploadInput,
  type UploadResult,
} from '../../domain/invoicing/mig-upload';
import { runContendedTransaction } from '../firestore/contended-transaction';

export const EINVOICE_UPLOADS = 'einvoiceUploads';

/** What the local book numbered is uploaded by us through the Turnkey; ECPay reports its own. */
const ours = (invoice: Invoice, allowance: Allowance): boolean => invoice.provider === 'local-book' && allowance.provider === 'local-book';

/** What a batch of ids did: those changed, those already past that step, those no record has. */
export interface UploadBatchOutcome {
  readonly updated: string[];
  readonly unchanged: string[];
  readonly unknown: string[];
}

export type UploadCounts = Readonly<Record<EinvoiceUploadStatus, number>>;

/**
 * `einvoiceUploads/{messageType}-{number}`: the MIG messages the Turnkey machine uploads to the MOF platform,
 * server-only (firestore.rules). Written by the local 字軌 book in the transactions that number and void invoices and
 * number allowances, so a number handed out always has its F0401 / G0401, and changed by the Turnkey machine's reports
 * and an admin's 重新上傳 of a refused one. Queries use equality on `status` alone (ordered by id), or `invoiceId` in a
 * list, which Firestore's automatic single-field indexes serve.
 */
export function firestoreUploadStore(db: Firestore) {
  const col = db.collection(EINVOICE_UPLOADS);

  /** Reads every id, changes those `change` answers for, in one transaction: a batch is applied whole or not at all. */
  async function changeEach(ids: readonly string[], change: (upload: EinvoiceUpload, id: string) => EinvoiceUpload | null): Promise<UploadBatchOutcome> {
    const unique = [...new Set(ids)];
    return runContendedTransaction(db, async (tx) => {
      const snaps = await tx.getAll(...unique.map((id) => col.doc(id)));
      const outcome: UploadBatchOutcome = { updated: [], unchanged: [], unknown: [] };
      for (const snap of snaps) {
        if (!snap.exists) {
          outcome.unknown.push(snap.id);
          continue;
        }
        const next = change(snap.data() as EinvoiceUpload, snap.id);
        if (next) {
          tx.set(snap.ref, next);
          outcome.updated.push(snap.id);
        } else {
          outcome.unchanged.push(snap.id);
        }
      }
      return outcome;
    });
  }

  /** Firestore's `in` takes at most 30 values. */
  const IN_LIMIT = 30;

  /** Every message of the invoices a void or an allowance among `pending` is about: what `awaitedUploads` reads. */
  async function sameInvoiceOf(pending: readonly EinvoiceUpload[]): Promise<EinvoiceUpload[]> {
    const invoiceIds = [...new Set(pending.flatMap((u) => (u.messageType === 'F0401' || u.messageType === 'E0402' ? [] : [u.invoiceId])))];
    const chunks = Array.from({ length: Math.ceil(invoiceIds.length / IN_LIMIT) }, (_, i) => invoiceIds.slice(i * IN_LIMIT, (i + 1) * IN_LIMIT));
    const snaps = await Promise.all(chunks.map((ids) => col.where('invoiceId', 'in', ids).get()));
    return snaps.flatMap((snap) => snap.docs.map((d) => d.data() as EinvoiceUpload));
  }

  /**
   * Of pending messages, those the platform can take now: a void or an allowance waits until what it rests on is
   * accepted (`awaitedUploads`), read from the messages of the same invoices.
   */
  async function uploadable(pending: EinvoiceUpload[]): Promise<EinvoiceUpload[]> {
    const sameInvoice = await sameInvoiceOf(pending);
    return pending.filter((u) => awaitedUploads(u, sameInvoice).length === 0);
  }

  /** A page of pending messages by id after `cursor`, and whether more follow. */
  async function pendingPage(limit: number, cursor?: string): Promise<{ page: EinvoiceUpload[]; more: boolean }> {
    let q = col.where('status', '==', 'pending').orderBy(FieldPath.documentId());
    if (cursor) q = q.startAfter(cursor);
    const snap = await q.limit(limit + 1).get();
    return { page: snap.docs.slice(0, limit).map((d) => d.data() as EinvoiceUpload), more: snap.size > limit };
  }

  /** Pending messages scanned per read while looking for held ones. */
  const HELD_SCAN = 300;

  return {
    /**
     * The F0401 of an invoice just numbered, in the numbering transaction (after its reads). The number is new, so no
     * record can be there: `create` would fail the transaction rather than overwrite one.
     */
    recordIssueIn(tx: Transaction, invoice: Invoice, now: Date): void {
      const upload = issueUpload(invoice, now);
      tx.create(col.doc(upload.id), upload);
    },

    /**
     * The F0501 of a local-book invoice, in the transaction that marks it void (after its reads): an invoice is voided
     * once, so `create` never overwrites, and a void the transaction refuses queues nothing. Another provider's invoice
     * is that provider's to report.
     */
    recordVoidIn(tx: Transaction, invoice: Invoice, reason: string, now: Date): void {
      if (invoice.provider !== 'local-book') return;
      const upload = voidUpload(invoice, reason, now);
      tx.create(col.doc(upload.id), upload);
    },

    /**
     * The G0401 of an allowance the local book numbered against a local-book invoice, in the transaction that stores
     * the allowance (after its reads): one refused there (another allowance used up what was left) is never uploaded.
     */
    recordAllowanceIn(tx: Transaction, invoice: Invoice, allowance: Allowance, now: Date): void {
      if (!ours(invoice, allowance)) return;
      const upload = allowanceUpload(invoice, allowance, now);
      tx.create(col.doc(upload.id), upload);
    },

    /** The G0501 of such an allowance (as issued), in the transaction that cancels it: once, as a cancel happens once. */
    recordAllowanceCancelIn(tx: Transaction, invoice: Invoice, allowance: Allowance, reason: string, now: Date): void {
      if (!ours(invoice, allowance)) return;
      const upload = allowanceCancelUpload({ invoice, allowance }, reason, now);
      tx.create(col.doc(upload.id), upload);
    },

    async get(id: string): Promise<EinvoiceUpload | null> {
      const snap = await col.doc(id).get();
      return snap.exists ? (snap.data() as EinvoiceUpload) : null;
    },

    /**
     * Messages in one status, by id; `cursor` is the last id of the previous page. Pending means ready to upload: a
     * pending void or allowance still waiting for what it rests on is left out (so a page may hold fewer than `limit`
     * while `nextCursor` goes on), whoever asks, as this is what the Turnkey machine uploads.
     */
    async list(query: { status: EinvoiceUploadStatus; limit: number; cursor?: string }): Promise<{ items: EinvoiceUpload[]; nextCursor: string | null }> {
      let q = col.where('status', '==', query.status).orderBy(FieldPath.documentId());
      if (query.cursor) q = q.startAfter(query.cursor);
      const snap = await q.limit(query.limit + 1).get();
      const page = snap.docs.slice(0, query.limit).map((d) => d.data() as EinvoiceUpload);
      const last = page[page.length - 1];
      const items = query.status === 'pending' ? await uploadable(page) : page;
      return { items, nextCursor: snap.size > query.limit && last ? last.id : null };
    },

    /**
     * Pending messages held back for what they rest on (the ones `list` leaves out), by id, at most `limit`, each with
     * what it waits for and since when; `nextCursor` (the last id listed) when more pending ones are left to look at.
     * Reads pending messages page by page until it has `limit` held ones: pending empties within minutes while Turnkey
     * runs, so that is few.
     */
    async held(query: { limit: number; cursor?: string }): Promise<{ items: HeldUpload[]; nextCursor: string | null }> {
      const items: HeldUpload[] = [];
      let cursor = query.cursor;
      for (;;) {
        const { page, more } = await pendingPage(HELD_SCAN, cursor);
        const sameInvoice = await sameInvoiceOf(page);
        for (const [i, upload] of page.entries()) {
          const held = heldUpload(upload, sameInvoice);
          if (!held) continue;
          items.push(held);
          if (items.length === query.limit) return { items, nextCursor: more || i < page.length - 1 ? upload.id : null };
        }
        const last = page[page.length - 1];
        if (!more || !last) return { items, nextCursor: null };
        cursor = last.id;
      }
    },

    /** How many messages are in each status (count aggregations, nothing read). */
    async counts(): Promise<UploadCounts> {
      const counted = await Promise.all(EINVOICE_UPLOAD_STATUSES.map(async (s) => [s, (await col.where('status', '==', s).count().get()).data().count] as const));
      return Object.fromEntries(counted) as Record<EinvoiceUploadStatus, number>;
    },

    /** Pending or delivered for longer than allowed. Reads only those two statuses, which empty within hours when Turnkey runs. */
    async overdue(now: Date): Promise<EinvoiceUpload[]> {
      const snap = await col.where('status', 'in', ['pending', 'delivered']).get();
      return snap.docs.map((d) => d.data() as EinvoiceUpload).filter((u) => isOverdue(u, now));
    },

    /**
     * 重新上傳 of a refused message, in a transaction (a result or another requeue between the read and the write is seen).
     * @throws `INVOICE.UPLOAD_NOT_FOUND` (404); see `requeueUpload`.
     */
    async requeue(id: string, input: RequeueUploadInput, ctx: { readonly by: Actor; readonly now: Date }): Promise<EinvoiceUpload> {
      return runContendedTransaction(db, async (tx) => {
        const snap = await tx.get(col.doc(id));
        if (!snap.exists) throw notFound('INVOICE.UPLOAD_NOT_FOUND', `Upload ${id} not found`, { id });
        const next = requeueUpload(snap.data() as EinvoiceUpload, input, ctx);
        tx.set(snap.ref, next);
        return next;
      });
    },

    markDelivered: (ids: readonly string[], now: Date) => changeEach(ids, (upload) => markDelivered(upload, now)),

    recordResults(results: readonly UploadResult[], now: Date): Promise<UploadBatchOutcome> {
      const byId = new Map(results.map((r) => [r.id, r]));
      return changeEach([...byId.keys()], (upload, id) => applyResult(upload, byId.get(id)!, now));
    },
  };
}

export type UploadStore = ReturnType<typeof firestoreUploadStore>;
