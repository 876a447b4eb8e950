import type { Container } from '../../adapters/container';
import { firestoreStatementStore } from '../../adapters/firestore/statement-store';
import { firestoreInvoiceStore } from '../../adapters/invoicing/invoice-store';
import { DomainError } from '../../domain/errors';
import { assertMonthInvoiceable, monthlyInvoiceDraft, monthlyInvoiceId } from '../../domain/invoicing';
import { issueInvoice } from './issue-invoice';

export interface MonthlyInvoicesReport {
  readonly month: string;
  /** Customers on monthly terms looked at. */
  readonly customers: number;
  readonly issued: number;
  /** Invoiced by an earlier run. */
  readonly existing: number;
  /** Nothing delivered in the month. */
  readonly nothingToInvoice: number;
  /** Not issued this run (out of numbers, provider down or refusing): the next run retries them. */
  readonly failed: readonly { readonly customerId: string; readonly code: string }[];
}

/**
 * 月結發票: one invoice per monthly customer for the month's delivered orders (`inv-<customerId>-<YYYY-MM>`), the same
 * orders and money as the month's statement. A rerun issues only what is still missing. One customer at a time: the
 * local book hands out numbers in one document, and concurrent transactions on it would only retry each other.
 * @throws `INVOICE.MONTH_NOT_ENDED` for the running month before its last day, or a later one.
 */
export async function issueMonthlyInvoices(c: Container, month: string): Promise<MonthlyInvoicesReport> {
  assertMonthInvoiceable(month, c.clock.now());
  const invoices = firestoreInvoiceStore(c.db);
  const statements = firestoreStatementStore(c.db);
  const customers = await invoices.monthlyCustomers();
  let issued = 0;
  let existing = 0;
  let nothingToInvoice = 0;
  const failed: { customerId: string; code: string }[] = [];
  for (const customer of customers) {
    if (await invoices.find(monthlyInvoiceId(customer.id, month))) {
      existing++;
      continue;
    }
    const draft = monthlyInvoiceDraft(customer, month, await statements.deliveredIn(customer.id, month));
    if (!draft) {
      nothingToInvoice++;
      continue;
    }
    try {
      const result = await issueInvoice(c, draft);
      if (result.created) issued++;
      else existing++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      console.error(JSON.stringify({ severity: 'ERROR', message: 'monthly invoice not issued', customerId: customer.id, month, code: error.code, error: error.message }));
      failed.push({ customerId: customer.id, code: error.code });
    }
  }
  return { month, customers: customers.length, issued, existing, nothingToInvoice, failed };
}
