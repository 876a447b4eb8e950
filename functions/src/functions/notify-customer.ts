import { cloudEvent } from '@google-cloud/functions-framework';
import { Timestamp } from '@google-cloud/firestore';
import { container } from '../adapters/container';
import { selectSender } from '../adapters/notify/select-sender';
import { eventConsumer, processOnce } from '../adapters/pubsub/event-consumer';
import { notificationLocaleOf, type Customer } from '../domain/customers';
import type { EventEnvelope } from '../domain/events';
import { mayNotify, noticeFor, recipientOf, renderOrderNotice } from '../domain/notifications';
import type { Order } from '../domain/orders';
import { dispatchRecord, sendPending, type Dispatch } from './use-cases/notification-dispatch';

export const NOTIFY_CUSTOMER = 'notifyCustomer';

/** An order event's message: the dispatch record is keyed by the event id. */
interface OrderDispatch extends Dispatch {
  readonly eventId: string;
  readonly orderId: string;
}

/**
 * Tells a customer about their order's progress. Exactly one message per event (dispatch record
 * written once with the processed marker), and none for a stale event: a delivery of "out for
 * delivery" after "delivered" has a lower sequence than the last one announced and is skipped.
 */
export const handleNotifyEvent = eventConsumer(NOTIFY_CUSTOMER, async (event: EventEnvelope) => {
  if (!mayNotify(event)) return;
  const c = await container();
  const orderId = String(event.data['orderId'] ?? event.subject.replace(/^orders\//, ''));
  const orderSnap = await c.db.collection('orders').doc(orderId).get();
  if (!orderSnap.exists) return;
  const order = orderSnap.data() as Order;
  const customerSnap = await c.db.collection('customers').doc(order.customerId).get();
  if (!customerSnap.exists) return;
  const customer = customerSnap.data() as Customer;
  // Nobody is left to tell once their personal data is erased (刪除個資), and a message recorded would be about them again.
  if (customer.erasure) return;
  const notice = noticeFor(event, order);
  if (!notice) return;

  const dispatchRef = dispatchRecord(c.db, event.id);
  const stateRef = c.db.collection('notificationState').doc(orderId);
  const { address, sender } = selectSender(c.config, { db: c.db, clock: c.clock })(recipientOf(customer));
  const dispatch: OrderDispatch = {
    eventId: event.id,
    orderId,
    customerId: customer.id,
    channel: address.channel,
    to: address.to,
    text: renderOrderNotice(notice, notificationLocaleOf(customer)),
    status: 'pending',
  };

  await processOnce(c.db, NOTIFY_CUSTOMER, event, async (tx) => {
    const state = await tx.get(stateRef);
    const last = (state.data()?.['lastSequence'] as number | undefined) ?? 0;
    if (event.sequence <= last) return;
    tx.set(stateRef, { lastSequence: event.sequence, orderId });
    tx.create(dispatchRef, { ...dispatch, createdAt: Timestamp.fromDate(c.clock.now()) });
  });

  // A redelivery after a crash between the commit and the send finds the dispatch still pending.
  await sendPending(c, event.id, `${event.id}:${customer.id}`, sender);
});

cloudEvent(NOTIFY_CUSTOMER, handleNotifyEvent);
