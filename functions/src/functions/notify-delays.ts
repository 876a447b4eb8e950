import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { selectSender } from '../adapters/notify/select-sender';
import { eventConsumer } from '../adapters/pubsub/event-consumer';
import type { Customer } from '../domain/customers';
import type { EventEnvelope } from '../domain/events';
import { delayNoticeId, delayNotices, orderCode, renderOrderNotice, type NoticeLocale } from '../domain/notifications';
import type { Order } from '../domain/orders';
import type { Route } from '../domain/routes';
import { dispatchToCustomer } from './use-cases/notification-dispatch';

export const NOTIFY_DELAYS = 'notifyDelays';

/** Orders whose customer was told an hour and still waits for it. */
const WAITING: readonly string[] = ['scheduled', 'out_for_delivery'];

function stopDone(event: EventEnvelope): { routeId: string; orderId: string; at: string } | null {
  if (event.type !== 'route.stop_delivered' && event.type !== 'route.stop_failed') return null;
  const { routeId, orderId, at } = event.data;
  return typeof routeId === 'string' && typeof orderId === 'string' && typeof at === 'string' ? { routeId, orderId, at } : null;
}

/**
 * When a stop is done later than planned, tells the customers further down the route who will now
 * wait past the hour they were told (`domain/notifications/delay-notice.ts`). Each order's notice is a
 * dispatch record written before the send, so a redelivered or repeated event sends nothing twice and
 * a send that failed is retried with the redelivery; no processed-event marker is needed on top.
 */
export const handleDelayEvent = eventConsumer(NOTIFY_DELAYS, async (event: EventEnvelope) => {
  const done = stopDone(event);
  if (!done) return;
  const c = await container();
  const route = (await c.db.collection('routes').doc(done.routeId).get()).data() as Route | undefined;
  if (!route) return;
  const open = route.stops.filter((s) => !s.outcome);
  if (open.length === 0) return;
  const orders = (await c.db.getAll(...open.map((s) => c.db.collection('orders').doc(s.orderId)))).flatMap((d) => (d.exists ? [d.data() as Order] : []));
  const told = new Map(orders.flatMap((o) => (o.eta && WAITING.includes(o.status) ? [[o.id, o.eta] as const] : [])));
  const notices = delayNotices(route, done, told);
  if (notices.length === 0) return;
  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  for (const notice of notices) {
    const snap = await c.db.collection('customers').doc(notice.customerId).get();
    if (!snap.exists) continue;
    const about = { kind: 'delay', orderId: notice.orderId, eta: notice.eta };
    const text = (locale: NoticeLocale) => renderOrderNotice({ kind: 'delayed', orderCode: orderCode(notice.orderId), eta: notice.eta }, locale);
    await dispatchToCustomer(c, select, delayNoticeId(notice.orderId), snap.data() as Customer, about, text);
  }
});

cloudEvent(NOTIFY_DELAYS, handleDelayEvent);
