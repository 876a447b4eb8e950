import { api, useApiResource } from './useApi';
import type { Invoice } from './useInvoices';

export type InvoiceUploadStatus = 'pending' | 'delivered' | 'accepted' | 'rejected';
export type InvoiceUploadMessage = 'F0401' | 'F0501' | 'G0401' | 'G0501' | 'E0402';

/**
 * One MIG message of a local-book invoice, or of a period's unused numbers, on its way to the MOF platform
 * (`einvoiceUploads`, functions/src/domain/invoicing/mig-upload.ts).
 */
export interface InvoiceUpload {
  /**
   * `F0401-<number>` (開立), `F0501-<number>` (作廢); an allowance's `G0401-<number>` (折讓), `G0501-<number>` (作廢折讓);
   * `E0402-<字軌><yyyMM>` (空白未使用字軌號碼).
   */
  id: string;
  messageType: InvoiceUploadMessage;
  /** The invoice it is about; E0402 is about none. */
  invoiceId?: string;
  invoiceNumber?: string;
  status: InvoiceUploadStatus;
  createdAt: string;
  deliveredAt?: string;
  resultAt?: string;
  /** Turnkey's or the platform's error, when rejected. */
  error?: string;
  invoice?: Invoice;
  /** G0401 / G0501: the allowance as issued (its number is the message's). */
  allowance?: { number: string };
  /** E0402: the 字軌 and period whose numbers were never used, as runs. */
  blank?: { period: string; track: string; ranges: { from: number; to: number }[] };
  /** Each time an admin sent it again after a refusal (重新上傳), with the refusal it replaced. */
  requeues?: { at: string; reason: string; error: string }[];
}

export interface InvoiceUploadPage {
  items: InvoiceUpload[];
  nextCursor: string | null;
  counts: Record<InvoiceUploadStatus, number>;
}

const EMPTY: InvoiceUploadPage = { items: [], nextCursor: null, counts: { pending: 0, delivered: 0, accepted: 0, rejected: 0 } };
/** The rejected ones the page lists: more than this many means the Turnkey set-up itself is wrong, not single invoices. */
const REJECTED_SHOWN = 50;

/** 上傳財政部 (admin): how many messages wait, went to Turnkey or were refused, and the refused ones with their error. */
export function useInvoiceUploads() {
  return useApiResource(() => api.get<InvoiceUploadPage>('/api/invoices/uploads', { status: 'rejected', limit: REJECTED_SHOWN }), EMPTY);
}

/** A pending message held back until the platform accepted what it rests on (`GET /api/invoices/uploads/held`). */
export interface HeldInvoiceUpload extends InvoiceUpload {
  /** The messages it waits for, as each stands; `missing`: none recorded. */
  awaiting: { id: string; status: InvoiceUploadStatus | 'missing' }[];
  /** Recorded, or last sent again. */
  waitingSince: string;
}

export interface HeldInvoiceUploadPage {
  items: HeldInvoiceUpload[];
  nextCursor: string | null;
}

/** The held ones the page lists: a void waits minutes for its invoice while Turnkey runs, so more means Turnkey stopped. */
export const HELD_SHOWN = 50;

/** 上傳財政部 (admin): the messages held back, what each waits for and since when. */
export function useHeldInvoiceUploads() {
  return useApiResource(() => api.get<HeldInvoiceUploadPage>('/api/invoices/uploads/held', { limit: HELD_SHOWN }), { items: [], nextCursor: null });
}

/** 重新上傳 (admin): a refused message back to pending, with why, for the Turnkey machine's next run. */
export const requeueInvoiceUpload = (id: string, reason: string, idempotencyKey: string) =>
  api.post<InvoiceUpload>(`/api/invoices/uploads/${encodeURIComponent(id)}/requeue`, { reason }, { idempotencyKey });
