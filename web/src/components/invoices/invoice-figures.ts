import type { Invoice } from '../../composables/useInvoices';
import { taipeiDate } from '../../lib/format';

/** What a list of invoices adds up to: void ones are counted apart and left out of the money. */
export interface InvoiceTotals {
  count: number;
  voidCount: number;
  salesAmount: number;
  taxAmount: number;
  totalAmount: number;
}

export function invoiceTotals(invoices: readonly Pick<Invoice, 'status' | 'amounts'>[]): InvoiceTotals {
  const totals: InvoiceTotals = { count: 0, voidCount: 0, salesAmount: 0, taxAmount: 0, totalAmount: 0 };
  for (const { status, amounts } of invoices) {
    if (status === 'void') {
      totals.voidCount += 1;
      continue;
    }
    totals.count += 1;
    totals.salesAmount += amounts.salesAmount;
    totals.taxAmount += amounts.taxAmount;
    totals.totalAmount += amounts.totalAmount;
  }
  return totals;
}

/**
 * A carrier as a screen shows it: the first three and last two characters, the rest hidden (`/AB***34`), enough for
 * the customer to recognise the one they set without printing it whole.
 */
export function maskCarrier(code: string): string {
  if (code.length <= 5) return code;
  return `${code.slice(0, 3)}${'*'.repeat(code.length - 5)}${code.slice(-2)}`;
}

/** The Taipei day an invoice was issued (its 開立日期). */
export const issuedOn = (invoice: Pick<Invoice, 'issuedAt'>): string => taipeiDate(new Date(invoice.issuedAt));
