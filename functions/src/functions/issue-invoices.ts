import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { eventConsumer, processOnce } from '../adapters/pubsub/event-consumer';
import type { Customer } from '../domain/customers';
import type { EventEnvelope } from '../domain/events';
import { firestoreInvoiceStore } from '../adapters/invoicing/invoice-store';
import { taipeiDate } from '../domain/clock';
import { invoiceCadence, monthlyInvoiceId, orderInvoiceDraft } from '../domain/invoicing';
import type { Order } from '../domain/orders';
import { issueInvoice } from './use-cases/issue-invoice';

export const ISSUE_INVOICES = 'issueInvoices';

/**
 * The e-invoice of a delivered order (`order.status_changed` to `delivered` on `order-events`) for a customer paying
 * cash or by transfer, `inv-<orderId>`; monthly customers are invoiced by the `monthly-invoices` job, except a delivery
 * after their month's invoice went out (late on the month's last evening); cancelled and failed orders never. Issuing calls the issuer (for ECPay, over HTTP), so it cannot sit inside the processed-event
 * transaction: the invoice's id is what makes a redelivery issue nothing twice (`issueInvoice` answers the stored one,
 * and the issuers recognise the id), and the event is recorded as processed after. Out of numbers or a provider outage
 * throws, and Pub/Sub redelivers.
 */
export const handleInvoiceEvent = eventConsumer(ISSUE_INVOICES, async (event: EventEnvelope) => {
  const { orderId } = event.data;
  if (event.type !== 'order.status_changed' || event.data['to'] !== 'delivered' || typeof orderId !== 'string') return;
  const c = await container();
  const order = (await c.db.collection('orders').doc(orderId).get()).data() as Order | undefined;
  const customer = order && ((await c.db.collection('customers').doc(order.customerId).get()).data() as Customer | undefined);
  const monthInvoice =
    order?.delivery && customer && invoiceCadence(customer.paymentTerms) === 'monthly'
      ? await firestoreInvoiceStore(c.db).find(monthlyInvoiceId(customer.id, taipeiDate(new Date(order.delivery.at)).slice(0, 7)))
      : null;
  const draft = order && customer ? orderInvoiceDraft(order, customer, monthInvoice) : null;
  if (draft) await issueInvoice(c, draft);
  await processOnce(c.db, ISSUE_INVOICES, event, async () => undefined, () => c.clock.now());
});

cloudEvent(ISSUE_INVOICES, handleInvoiceEvent);
