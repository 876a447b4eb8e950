import type { Container } from '../../adapters/container';
import { firestoreInvoiceStore } from '../../adapters/invoicing/invoice-store';
import { firestoreInvoicedOrders } from '../../adapters/invoicing/invoiced-orders';
import { DomainError } from '../../domain/errors';
import { doorMonthInvoiceIdOf, monthInvoiceIdOf, needsOwnInvoice, orderInvoiceDraft, orderInvoiceId, type CatchUpWindow, type Invoice, type InvoicedOrder } from '../../domain/invoicing';
import type { Order } from '../../domain/orders';
import { issueInvoice } from './issue-invoice';

/**
 * The invoice of one delivered order, if it needs its own (`needsOwnInvoice`): the `issueInvoices` consumer's work. The
 * month's invoice that could list the order (and a late-booked one's door month's) is read for every order, so none is
 * billed on both.
 * @throws the issuer's errors (see `issueInvoice`): out of numbers or the provider down is worth a retry.
 */
export async function invoiceDeliveredOrder(c: Container, orderId: string): Promise<void> {
  const order = (await c.db.collection('orders').doc(orderId).get()).data() as Order | undefined;
  if (!order) return;
  const customer = (await firestoreInvoicedOrders(c.db).customers([order.customerId])).get(order.customerId);
  const invoices = firestoreInvoiceStore(c.db);
  const find = async (id: string | null) => (id === null ? null : invoices.find(id));
  const [monthInvoice, doorMonthInvoice] = await Promise.all([find(monthInvoiceIdOf(order)), find(doorMonthInvoiceIdOf(order))]);
  const draft = customer ? orderInvoiceDraft(order, customer, monthInvoice, doorMonthInvoice) : null;
  if (draft) await issueInvoice(c, draft);
}

export interface OrderInvoicesReport extends CatchUpWindow {
  readonly delivered: number;
  /** Orders found without the invoice of their own they need. */
  readonly missing: number;
  readonly issued: number;
  /** Not issued this run: the next run (Cloud Scheduler's retry, or the next evening's) tries again. */
  readonly failed: readonly { readonly orderId: string; readonly code: string }[];
  /** Not tried this run: the issuer was out of numbers or down, which the ones after would have met too. */
  readonly notTried: number;
}

/**
 * The catch-up: issues the invoice of their own that orders delivered since `window.since`, or booked late since
 * `window.bookedSince` (`catchUpWindow`), need and do not have — the consumer's event dead-lettered while the number book was used up or the provider down, or an order on account that committed
 * while its month's invoice was being issued, after the run had read the month's orders. Run after the month's
 * invoices: a delivery whose consumer found no month's invoice committed before that invoice was stored, so before this
 * read, which finds it. Invoice ids are deterministic, so a rerun, or the consumer at the same time, issues nothing twice.
 * Oldest first, one at a time (the local book hands numbers out from one document).
 */
export async function catchUpOrderInvoices(c: Container, window: CatchUpWindow): Promise<OrderInvoicesReport> {
  const invoices = firestoreInvoiceStore(c.db);
  const orders = firestoreInvoicedOrders(c.db);
  const delivered = await orders.inCatchUpWindow(window);
  const own = await invoices.sources(delivered.map((o) => orderInvoiceId(o.id)));
  const candidates = delivered.filter((o) => !own.has(orderInvoiceId(o.id)));
  const monthInvoices = await invoices.sources(candidates.flatMap((o) => [monthInvoiceIdOf(o), doorMonthInvoiceIdOf(o)]).filter((id) => id !== null));
  const read = (id: string | null): Pick<Invoice, 'source'> | null => monthInvoices.get(id ?? '') ?? null;
  const monthInvoicesOf = (o: InvoicedOrder) => [read(monthInvoiceIdOf(o)), read(doorMonthInvoiceIdOf(o))] as const;
  const missing = candidates
    .filter((o) => needsOwnInvoice(o, ...monthInvoicesOf(o)))
    .sort((a, b) => (a.delivery?.at ?? '').localeCompare(b.delivery?.at ?? ''));
  const customers = await orders.customers(missing.map((o) => o.customerId));
  let issued = 0;
  const failed: { orderId: string; code: string }[] = [];
  let tried = 0;
  for (const order of missing) {
    tried++;
    const customer = customers.get(order.customerId);
    // Customers are deactivated, never deleted: one not on file bills nothing, as in the consumer.
    const draft = customer ? orderInvoiceDraft(order, customer, ...monthInvoicesOf(order)) : null;
    if (!draft) continue;
    try {
      if ((await issueInvoice(c, draft)).created) issued++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      console.error(JSON.stringify({ severity: 'ERROR', message: 'order invoice not caught up', orderId: order.id, code: error.code, error: error.message }));
      failed.push({ orderId: order.id, code: error.code });
      if (error.kind === 'unavailable') break;
    }
  }
  return { ...window, delivered: delivered.length, missing: missing.length, issued, failed, notTried: missing.length - tried };
}
