import type { InvoiceBook } from '../../adapters/invoicing/local-invoice-book';
import { nextPeriod, periodDocId, periodOfDate } from '../../domain/invoicing';

/** Numbers per demo book: two months of the demo's deliveries (≈ 900) with room to spare. */
export const DEMO_BOOK_SIZE = 5000;

/**
 * 字軌 books for the period of `today` and the next one, as the tax office allots them to a self-issuing seller
 * (the letters are the demo's own), so the local invoice book issues from the first delivery on and past the
 * period's end. Ids `invoiceBooks/<period with ->`.
 */
export function demoInvoiceBooks(today: string): { path: string; data: InvoiceBook }[] {
  const current = periodOfDate(today);
  return [
    { period: current, prefix: 'LG' },
    { period: nextPeriod(current), prefix: 'LH' },
  ].map(({ period, prefix }) => ({ path: `invoiceBooks/${periodDocId(period)}`, data: { period, prefix, from: 0, to: DEMO_BOOK_SIZE - 1, next: 0 } }));
}
