import type { Container } from '../../adapters/container';
import { firestoreInvoiceStore } from '../../adapters/invoicing/invoice-store';
import { firestoreInvoicedOrders } from '../../adapters/invoicing/invoiced-orders';
import { DomainError } from '../../domain/errors';
import { assertMonthInvoiceable, invoicedElsewhere, monthlyInvoiceDraft, monthlyInvoiceId } from '../../domain/invoicing';
import { issueInvoice } from './issue-invoice';
import { onAccountByCustomer, otherInvoiceIds } from './monthly-invoices-due';

export interface MonthlyInvoicesReport {
  readonly month: string;
  /** Customers with orders on account billed in the month (`billedMonth`), looked at. */
  readonly customers: number;
  readonly issued: number;
  /** Invoiced by an earlier run. */
  readonly existing: number;
  /** Their month bills nothing (each order already invoiced on its own, or nothing charged). */
  readonly nothingToInvoice: number;
  /** Not issued this run (out of numbers, provider down or refusing): the next run retries them. */
  readonly failed: readonly { readonly customerId: string; readonly code: string }[];
}

/**
 * 月結發票: one invoice per customer for the month's delivered orders on account (`inv-<customerId>-<YYYY-MM>`), by the
 * month each is billed in (a delivery booked late into the next month, 補登, is on that month's invoice), found by the
 * orders, not by the customers' terms now, so a customer moved off monthly terms mid-month is still invoiced for the
 * deliveries before. An order that already has its own invoice, or is on its door month's, is left out. A rerun issues only what is still
 * missing. One customer at a time: the local book hands out numbers in one document, and concurrent transactions on it
 * would only retry each other.
 * @throws `INVOICE.MONTH_NOT_ENDED` for the running month before its last day, or a later one.
 */
export async function issueMonthlyInvoices(c: Container, month: string): Promise<MonthlyInvoicesReport> {
  assertMonthInvoiceable(month, c.clock.now());
  const invoices = firestoreInvoiceStore(c.db);
  const orders = firestoreInvoicedOrders(c.db);
  const byCustomer = await onAccountByCustomer(orders, month);
  let issued = 0;
  let existing = 0;
  let nothingToInvoice = 0;
  const failed: { customerId: string; code: string }[] = [];
  for (const [customerId, theirs] of [...byCustomer].sort(([a], [b]) => a.localeCompare(b))) {
    if (await invoices.find(monthlyInvoiceId(customerId, month))) {
      existing++;
      continue;
    }
    try {
      const known = await invoices.sources(otherInvoiceIds(theirs));
      const draft = monthlyInvoiceDraft(await orders.customer(customerId), month, theirs, invoicedElsewhere(theirs, known));
      if (!draft) {
        nothingToInvoice++;
        continue;
      }
      const result = await issueInvoice(c, draft);
      if (result.created) issued++;
      else existing++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      console.error(JSON.stringify({ severity: 'ERROR', message: 'monthly invoice not issued', customerId, month, code: error.code, error: error.message }));
      failed.push({ customerId, code: error.code });
    }
  }
  return { month, customers: byCustomer.size, issued, existing, nothingToInvoice, failed };
}
