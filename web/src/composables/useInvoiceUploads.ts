import { api, useApiResource } from './useApi';
import type { Invoice } from './useInvoices';

export type InvoiceUploadStatus = 'pending' | 'delivered' | 'accepted' | 'rejected';

/** One MIG message of a local-book invoice on its way to the MOF platform (`einvoiceUploads`, functions/src/domain/invoicing/mig-upload.ts). */
export interface InvoiceUpload {
  /** `F0401-<number>` (開立), `F0501-<number>` (作廢); an allowance's `G0401-<number>` (折讓), `G0501-<number>` (作廢折讓). */
  id: string;
  messageType: 'F0401' | 'F0501' | 'G0401' | 'G0501';
  invoiceId: string;
  invoiceNumber: string;
  status: InvoiceUploadStatus;
  createdAt: string;
  deliveredAt?: string;
  resultAt?: string;
  /** Turnkey's or the platform's error, when rejected. */
  error?: string;
  invoice: Invoice;
  /** G0401 / G0501: the allowance as issued (its number is the message's). */
  allowance?: { number: string };
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

/** 重新上傳 (admin): a refused message back to pending, with why, for the Turnkey machine's next run. */
export const requeueInvoiceUpload = (id: string, reason: string, idempotencyKey: string) =>
  api.post<InvoiceUpload>(`/api/invoices/uploads/${encodeURIComponent(id)}/requeue`, { reason }, { idempotencyKey });
