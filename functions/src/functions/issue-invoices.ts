import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { eventConsumer, processOnce } from '../adapters/pubsub/event-consumer';
import type { EventEnvelope } from '../domain/events';
import { invoiceDeliveredOrder } from './use-cases/order-invoices';

export const ISSUE_INVOICES = 'issueInvoices';

/**
 * The e-invoice of a delivered order (`order.status_changed` to `delivered` on `order-events`) paid in cash or by
 * transfer, `inv-<orderId>`; orders on account are invoiced by the `monthly-invoices` job, except a delivery after
 * their month's invoice went out (late on the month's last evening); cancelled and failed orders never. Issuing calls the issuer (for ECPay, over HTTP), so it cannot sit inside the processed-event
 * transaction: the invoice's id is what makes a redelivery issue nothing twice (`issueInvoice` answers the stored one,
 * and the issuers recognise the id), and the event is recorded as processed after. Out of numbers or a provider outage
 * throws, and Pub/Sub redelivers; an event dead-lettered meanwhile is caught up by the nightly `monthly-invoices` run.
 */
export const handleInvoiceEvent = eventConsumer(ISSUE_INVOICES, async (event: EventEnvelope) => {
  const { orderId } = event.data;
  if (event.type !== 'order.status_changed' || event.data['to'] !== 'delivered' || typeof orderId !== 'string') return;
  const c = await container();
  await invoiceDeliveredOrder(c, orderId);
  await processOnce(c.db, ISSUE_INVOICES, event, async () => undefined, () => c.clock.now());
});

cloudEvent(ISSUE_INVOICES, handleInvoiceEvent);
