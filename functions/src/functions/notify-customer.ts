import { cloudEvent } from '@google-cloud/functions-framework';
import { Timestamp } from '@google-cloud/firestore';
import { container } from '../adapters/container';
import { readClosures } from '../adapters/firestore/closure-store';
import { selectSender } from '../adapters/notify/select-sender';
import { eventConsumer, processOnce } from '../adapters/pubsub/event-consumer';
import { notificationLocaleOf, type Customer } from '../domain/customers';
import type { EventEnvelope } from '../domain/events';
import { CALL_OFF_HOLD_MS, holdsNotice, mayNotify, noticeFor, recipientOf, renderOrderNotice } from '../domain/notifications';
import type { Order } from '../domain/orders';
import { NOTIFICATION_STATE, type HeldNotice } from './use-cases/held-notices';
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
 * The failure of a stop a closure called off is not sent at once but held on the order's state (`holdsNotice`): the
 * order's next notice replaces it there in the same transaction that records that notice (the move's new day), and the
 * sweep sends it if none came within `CALL_OFF_HOLD_MS` (`releaseHeldNotices`). The next notice arriving first makes the
 * failure stale, so either order of events, or a redelivery, sends one of the two, never both nor neither.
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

  // The day the stop failed on, as the event says it, not the order's now: a move committed before this event is handled gave it another.
  const day = event.data['requestedDate'];
  const failedOn = { requestedDate: typeof day === 'string' ? day : order.requestedDate, district: order.district };
  const held = notice.kind === 'failed' && holdsNotice(notice, failedOn, await readClosures(c.db, failedOn.requestedDate));

  const dispatchRef = dispatchRecord(c.db, event.id);
  const stateRef = c.db.collection(NOTIFICATION_STATE).doc(orderId);
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
    const now = c.clock.now();
    if (held) {
      const waiting: HeldNotice = { eventId: event.id, customerId: customer.id, notice, until: Timestamp.fromMillis(now.getTime() + CALL_OFF_HOLD_MS) };
      tx.set(stateRef, { lastSequence: event.sequence, orderId, held: waiting });
      return;
    }
    // The whole state is written anew: a failure notice held on it is replaced by this one.
    tx.set(stateRef, { lastSequence: event.sequence, orderId });
    tx.create(dispatchRef, { ...dispatch, createdAt: Timestamp.fromDate(now) });
  });

  // A redelivery after a crash between the commit and the send finds the dispatch still pending.
  await sendPending(c, event.id, `${event.id}:${customer.id}`, sender);
});

cloudEvent(NOTIFY_CUSTOMER, handleNotifyEvent);
