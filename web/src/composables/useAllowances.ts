import { api, downloadFile } from './useApi';
import type { Invoice } from './useInvoices';

/** `invoiceAllowances/{id}` as `GET /api/invoices/:id/allowances` answers it (functions/src/domain/invoicing/allowance.ts). */
export interface Allowance {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  kind: 'B2B' | 'B2C';
  /** 折讓單號: `AL` + yyyyMMdd + 4 digits (our book) or ECPay's. */
  number: string;
  customer: { id: string; code: string; name: string };
  issuedAt: string;
  /** `2027-01/02`: the VAT period it reduces. */
  period: string;
  /** `invoiceLine`: the index of the invoice line it reduces (none for an amount). */
  lines: { description: string; quantity: number; unitPrice: number; amount: number; invoiceLine?: number }[];
  amounts: Invoice['amounts'];
  reason: string;
  status: 'issued' | 'void';
  /** The last Taipei day it may be cancelled. */
  cancellableUntil: string;
  cancelledAt?: string;
  cancelReason?: string;
}

export interface AllowanceList {
  items: Allowance[];
  /** The live allowances' sum, tax included, and what is left of the invoice. */
  allowedTotal: number;
  remaining: number;
}

/** What 開立折讓 sends: lines (invoice line, how many, at what unit price) or an amount, with the reason. */
export type AllowanceInput =
  | { reason: string; lines: { invoiceLine: number; quantity: number; unitPrice?: number }[] }
  | { reason: string; amount: number };

const allowancesPath = (invoiceId: string) => `/api/invoices/${encodeURIComponent(invoiceId)}/allowances`;

/** An invoice's allowances, cancelled ones too (staff; a customer their own invoice's). */
export const listAllowances = (invoiceId: string) => api.get<AllowanceList>(allowancesPath(invoiceId));

/** A customer's live (issued) allowances, newest first, for 退款 to name the one it pays back (office, admin, the customer). */
export const customerLiveAllowances = async (customerId: string): Promise<Allowance[]> =>
  (await api.get<{ items: Allowance[] }>(`/api/customers/${encodeURIComponent(customerId)}/allowances`)).items;

/** 開立折讓 (office, admin); the same key replays the first answer. 422 more than is left, 409 a void invoice. */
export const issueAllowance = (invoiceId: string, input: AllowanceInput, idempotencyKey: string) =>
  api.post<Allowance>(allowancesPath(invoiceId), input, { idempotencyKey });

/** 作廢折讓 with a reason (office, admin). 409 already cancelled, 422 past its deadline. */
export const cancelAllowance = (invoiceId: string, allowanceId: string, reason: string, idempotencyKey: string) =>
  api.post<Allowance>(`${allowancesPath(invoiceId)}/${encodeURIComponent(allowanceId)}/cancel`, { reason }, { idempotencyKey });

/** 匯出折讓 CSV: a period's allowances for the accountant (the 401 return subtracts them). */
/** A period's allowances of every invoice, cancelled ones too, in the order issued. */
export const periodAllowances = async (period: string): Promise<Allowance[]> => (await api.get<{ items: Allowance[] }>('/api/invoices/allowances', { period })).items;

export const exportAllowances = (period: string, fileName: string) => downloadFile('/api/invoices/allowances/export', { period }, fileName);

/**
 * The sales / tax split the API will make, shown before it is asked (the API's answer is what is stored): B2C total ÷ 1.05;
 * B2B the whole-NT$ sales whose 5 % tax makes the total, else the B2C split; the allowance taking all that is left takes
 * the invoice's remaining sales and tax exactly.
 */
export function allowanceSplit(invoice: Pick<Invoice, 'kind' | 'amounts'>, live: readonly Pick<Allowance, 'amounts' | 'status'>[], total: number): Invoice['amounts'] {
  const taken = live.filter((a) => a.status === 'issued').reduce((s, a) => ({ sales: s.sales + a.amounts.salesAmount, tax: s.tax + a.amounts.taxAmount, total: s.total + a.amounts.totalAmount }), { sales: 0, tax: 0, total: 0 });
  const left = { salesAmount: invoice.amounts.salesAmount - taken.sales, taxAmount: invoice.amounts.taxAmount - taken.tax };
  if (total === invoice.amounts.totalAmount - taken.total) return { ...left, totalAmount: total };
  const b2c = Math.round((total * 100) / 105);
  const b2b = invoice.kind === 'B2B' ? [b2c, b2c - 1, b2c + 1].find((s) => s >= 0 && s + Math.round((s * 5) / 100) === total) : undefined;
  const taxAmount = Math.min(total - (b2b ?? b2c), left.taxAmount);
  return { salesAmount: total - taxAmount, taxAmount, totalAmount: total };
}
