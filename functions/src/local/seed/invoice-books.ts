import type { InvoiceBook } from '../../adapters/invoicing/local-invoice-book';
import { nextPeriod, periodOfDate, previousPeriod } from '../../domain/invoicing';

/** Numbers per demo book: two months of the demo's deliveries (≈ 1,700 invoices) with room to spare. */
export const DEMO_BOOK_SIZE = 5000;

/**
 * 字軌 books for the period before `today`'s, `today`'s and the next one, as the tax office allots them to a
 * self-issuing seller (the letters are the demo's own), unused: the seeded invoices (`invoices.ts`) take their numbers
 * from the first two, so the local invoice book continues after them and issues past the period's end. Stored as
 * `invoiceBooks/<period with ->`.
 */
export function demoInvoiceBooks(today: string): InvoiceBook[] {
  const current = periodOfDate(today);
  return [
    { period: previousPeriod(current), prefix: 'LF' },
    { period: current, prefix: 'LG' },
    { period: nextPeriod(current), prefix: 'LH' },
  ].map(({ period, prefix }) => ({ period, prefix, from: 0, to: DEMO_BOOK_SIZE - 1, next: 0 }));
}
