import type { Container } from '../../adapters/container';
import { firestoreInvoiceStore } from '../../adapters/invoicing/invoice-store';
import type { Customer } from '../../domain/customers';
import { monthInvoiceIdOf, orderInvoiceDraft } from '../../domain/invoicing';
import type { Order } from '../../domain/orders';
import { issueInvoice } from './issue-invoice';

/**
 * The invoice of one delivered order, if it needs its own (`needsOwnInvoice`): the `issueInvoices` consumer's work. The
 * month's invoice that could list the order is read for every order, so none is billed on both.
 * @throws the issuer's errors (see `issueInvoice`): out of numbers or the provider down is worth a retry.
 */
export async function invoiceDeliveredOrder(c: Container, orderId: string): Promise<void> {
  const order = (await c.db.collection('orders').doc(orderId).get()).data() as Order | undefined;
  if (!order) return;
  const customer = (await c.db.collection('customers').doc(order.customerId).get()).data() as Customer | undefined;
  const monthInvoiceId = monthInvoiceIdOf(order);
  const monthInvoice = monthInvoiceId === null ? null : await firestoreInvoiceStore(c.db).find(monthInvoiceId);
  const draft = customer ? orderInvoiceDraft(order, customer, monthInvoice) : null;
  if (draft) await issueInvoice(c, draft);
}
