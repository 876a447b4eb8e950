import { api } from '../../composables/useApi';
import type { InvoiceBuyer, InvoiceStatus } from '../../composables/useInvoices';

/** The 電子發票證明聯 as `GET` / `POST /api/invoices/:id/print` answer it (functions/src/domain/invoicing/proof.ts). */
export interface InvoiceProof {
  title: string;
  /** 補印: not the invoice's first proof. */
  reprint: boolean;
  /** `25` on a B2B proof. */
  format?: string;
  sellerName: string;
  sellerTaxId: string;
  periodLabel: string;
  /** `AB-12345678`, as printed. */
  number: string;
  /** Taipei `YYYY-MM-DD HH:mm:ss`. */
  issuedAt: string;
  randomNumber: string;
  totalAmount: number;
  buyerTaxId?: string;
  buyerTitle?: string;
  salesAmount?: number;
  taxAmount?: number;
  lines: { description: string; quantity: number; unitPrice: number; amount: number }[];
  /** Code 39 text. */
  barcode: string;
  qrLeft: string;
  qrRight: string;
}

export interface PrintedProof {
  proof: InvoiceProof;
  /** Prints of this invoice's proof, this one included. */
  printCount: number;
  reprint: boolean;
  printedAt: string;
}

/** The proof before printing (`GET /api/invoices/:id/print`): the next print's, nothing counted. */
export interface ProofPreview {
  proof: InvoiceProof;
  /** Prints so far; 0 before the first. */
  printCount: number;
  /** The next print is a 補印. */
  reprint: boolean;
  printedAt?: string;
}

/**
 * Whether the invoice gets a printed proof: an issued one made out on paper (B2C `print`) or to a business. A carrier
 * or donated invoice never does, a void one no more.
 */
export const isPrintable = (invoice: { status: InvoiceStatus; buyer: InvoiceBuyer }): boolean =>
  invoice.status === 'issued' && (invoice.buyer.type === 'print' || invoice.buyer.type === 'business');

/** Prints (and counts) the proof; the same key answers the first print again. 409 void, 422 carrier or donated. */
export const printInvoiceProof = (id: string, idempotencyKey: string) =>
  api.post<PrintedProof>(`/api/invoices/${encodeURIComponent(id)}/print`, undefined, { idempotencyKey });

/** The proof the next print would give, counting nothing. 409 void, 422 carrier or donated. */
export const previewInvoiceProof = (id: string) => api.get<ProofPreview>(`/api/invoices/${encodeURIComponent(id)}/print`);
