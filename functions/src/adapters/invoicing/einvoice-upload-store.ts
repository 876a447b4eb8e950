import { FieldPath, type Firestore, type Transaction } from '@google-cloud/firestore';
import type { Allowance, Invoice } from '../../domain/invoicing';
import {
  allowanceCancelUpload,
  allowanceUpload,
  applyResult,
  EINVOICE_UPLOAD_STATUSES,
  isOverdue,
  issueUpload,
  markDelivered,
  voidUpload,
  type EinvoiceUpload,
  type EinvoiceUploadStatus,
  type UploadResult,
} from '../../domain/invoicing/mig-upload';

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
 * number allowances, so a number handed out always has its F0401 / G0401, and changed only by the Turnkey machine's reports. Queries use equality on
 * `status` alone (ordered by id), which Firestore's automatic single-field indexes serve.
 */
export function firestoreUploadStore(db: Firestore) {
  const col = db.collection(EINVOICE_UPLOADS);

  /** Reads every id, changes those `change` answers for, in one transaction: a batch is applied whole or not at all. */
  async function changeEach(ids: readonly string[], change: (upload: EinvoiceUpload, id: string) => EinvoiceUpload | null): Promise<UploadBatchOutcome> {
    const unique = [...new Set(ids)];
    return db.runTransaction(async (tx) => {
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

    /** Messages in one status, by id; `cursor` is the last id of the previous page. */
    async list(query: { status: EinvoiceUploadStatus; limit: number; cursor?: string }): Promise<{ items: EinvoiceUpload[]; nextCursor: string | null }> {
      let q = col.where('status', '==', query.status).orderBy(FieldPath.documentId());
      if (query.cursor) q = q.startAfter(query.cursor);
      const snap = await q.limit(query.limit + 1).get();
      const items = snap.docs.slice(0, query.limit).map((d) => d.data() as EinvoiceUpload);
      const last = items[items.length - 1];
      return { items, nextCursor: snap.size > query.limit && last ? last.id : null };
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

    markDelivered: (ids: readonly string[], now: Date) => changeEach(ids, (upload) => markDelivered(upload, now)),

    recordResults(results: readonly UploadResult[], now: Date): Promise<UploadBatchOutcome> {
      const byId = new Map(results.map((r) => [r.id, r]));
      return changeEach([...byId.keys()], (upload, id) => applyResult(upload, byId.get(id)!, now));
    },
  };
}

export type UploadStore = ReturnType<typeof firestoreUploadStore>;
