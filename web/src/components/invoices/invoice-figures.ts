import type { Invoice, InvoiceBuyer, InvoiceTotals } from '../../composables/useInvoices';
import { taipeiDate } from '../../lib/format';

/** The period's totals once one of its issued invoices is voided: its money out, counted among the void ones. */
export function totalsAfterVoid(totals: InvoiceTotals, amounts: Invoice['amounts']): InvoiceTotals {
  return {
    ...totals,
    count: totals.count - 1,
    salesAmount: totals.salesAmount - amounts.salesAmount,
    taxAmount: totals.taxAmount - amounts.taxAmount,
    totalAmount: totals.totalAmount - amounts.totalAmount,
    voidCount: totals.voidCount + 1,
  };
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

/** What 我的發票 tells a customer about where their invoices go, by how one was made out: carrier, paper, tax ID or donated. */
export function deliveryHint(buyer: InvoiceBuyer): { key: string; params: Record<string, string> } {
  const key = (kind: string) => `invoices.mine.hint.${kind}`;
  switch (buyer.type) {
    case 'carrier':
      return { key: key('carrier'), params: {} };
    case 'donation':
      return { key: key('donation'), params: { code: buyer.loveCode } };
    case 'business':
      return { key: key('business'), params: {} };
    case 'print':
      return { key: key('print'), params: {} };
  }
}

/**
 * The invoice number a clerk typed, as the API stores it (`LG00000426`), forgiving case, spaces and hyphens (people
 * read it off paper as `lg-0000 0426`); null until it is a whole number, so a half-typed one searches nothing.
 */
export function typedInvoiceNumber(typed: string): string | null {
  const number = typed.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z]{2}\d{8}$/.test(number) ? number : null;
}
