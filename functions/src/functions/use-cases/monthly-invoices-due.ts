import type { Container } from '../../adapters/container';
import { firestoreInvoiceStore } from '../../adapters/invoicing/invoice-store';
import { firestoreInvoicedOrders } from '../../adapters/invoicing/invoiced-orders';
import { doorMonthInvoiceIdOf, invoicedElsewhere, monthlyInvoiceDraft, monthlyInvoiceId, orderInvoiceId, type InvoicedOrder } from '../../domain/invoicing';

// Apart from the run (monthly-invoices.ts), which issues through the e-invoice provider: 關帳 asks what is due here and so
// needs none of the provider's secrets.

/** The month's orders on account (`onAccountIn`), by customer. */
export async function onAccountByCustomer(orders: ReturnType<typeof firestoreInvoicedOrders>, month: string): Promise<Map<string, InvoicedOrder[]>> {
  const byCustomer = new Map<string, InvoicedOrder[]>();
  for (const o of await orders.onAccountIn(month)) byCustomer.set(o.customerId, [...(byCustomer.get(o.customerId) ?? []), o]);
  return byCustomer;
}

/** The invoices that may already bill these orders instead of the month's: each one's own, and its door month's. */
export const otherInvoiceIds = (theirs: readonly InvoicedOrder[]): string[] => theirs.flatMap((o) => [orderInvoiceId(o.id), doorMonthInvoiceIdOf(o)]).filter((id) => id !== null);

/**
 * The customers whose invoice of `month` its run would still issue (月結發票 not gone out, or failed for them): those
 * with orders on account billed in it, no month's invoice stored, and a draft, by the run's own rule (`monthlyInvoiceDraft`),
 * that bills something. Batched reads by id; issues nothing.
 */
export async function monthlyInvoicesDue(c: Container, month: string): Promise<string[]> {
  const invoices = firestoreInvoiceStore(c.db);
  const orders = firestoreInvoicedOrders(c.db);
  const byCustomer = await onAccountByCustomer(orders, month);
  const stored = await invoices.sources([...byCustomer.keys()].map((id) => monthlyInvoiceId(id, month)));
  const waiting = [...byCustomer].filter(([id]) => !stored.has(monthlyInvoiceId(id, month)));
  const [known, customers] = await Promise.all([
    invoices.sources(waiting.flatMap(([, theirs]) => otherInvoiceIds(theirs))),
    orders.customers(waiting.map(([id]) => id)),
  ]);
  return waiting.flatMap(([id, theirs]) => {
    const customer = customers.get(id);
    return customer && monthlyInvoiceDraft(customer, month, theirs, invoicedElsewhere(theirs, known)) ? [id] : [];
  });
}
