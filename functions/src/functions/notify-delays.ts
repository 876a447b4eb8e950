import type { Firestore } from '@google-cloud/firestore';
import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { selectSender } from '../adapters/notify/select-sender';
import { eventConsumer } from '../adapters/pubsub/event-consumer';
import type { Customer } from '../domain/customers';
import type { EventEnvelope } from '../domain/events';
import {
  delayNoticeId,
  delayNoticeIds,
  delayNotices,
  handOverDelayNotices,
  renderDelayNotice,
  type DelayNotice,
  type NoticeLocale,
  type ToldArrival,
} from '../domain/notifications';
import type { Order } from '../domain/orders';
import type { Route } from '../domain/routes';
import { dispatchRecord, dispatchToCustomer, type Dispatch } from './use-cases/notification-dispatch';

export const NOTIFY_DELAYS = 'notifyDelays';

/** Orders whose customer was told an hour and still waits for it. */
const WAITING: readonly string[] = ['scheduled', 'out_for_delivery'];

/** The route whose customers may now wait longer, and who of them to tell given what each has heard. */
interface Delay {
  readonly routeId: string;
  readonly notices: (route: Route, told: ReadonlyMap<string, ToldArrival>) => DelayNotice[];
  /**
   * Order id → the arrival its customer was told before the event: a hand-over wrote the new times on the orders in its
   * transaction, so theirs now is not what the customer heard.
   */
  readonly toldBefore?: Readonly<Record<string, unknown>>;
}

/** A stop done (late or not), or a route handed to another driver (改派), whose stops still open are now theirs. */
function delayOf(event: EventEnvelope): Delay | null {
  if (event.type === 'route.handed_over') {
    const { toRouteId, toldEtas } = event.data;
    if (typeof toRouteId !== 'string') return null;
    return { routeId: toRouteId, notices: handOverDelayNotices, ...(toldEtas && typeof toldEtas === 'object' ? { toldBefore: toldEtas as Record<string, unknown> } : {}) };
  }
  if (event.type !== 'route.stop_delivered' && event.type !== 'route.stop_failed') return null;
  const { routeId, orderId, at } = event.data;
  return typeof routeId === 'string' && typeof orderId === 'string' && typeof at === 'string'
    ? { routeId, notices: (route, told) => delayNotices(route, { orderId, at }, told) }
    : null;
}

/**
 * What each waiting order's customer has heard: the hour announced, and the times of the delay
 * notices recorded for it. A notice still pending is left out, so the event that recorded it computes
 * it again on redelivery, finds its record and sends it (`dispatchOnce`).
 */
async function toldArrivals(db: Firestore, orders: readonly Order[], toldBefore: Readonly<Record<string, unknown>> = {}): Promise<Map<string, ToldArrival>> {
  const promised = (o: Order): string | undefined => {
    const before = toldBefore[o.id];
    return typeof before === 'string' ? before : o.eta;
  };
  const waiting = orders.filter((o) => promised(o) && WAITING.includes(o.status));
  const refs = waiting.flatMap((o) => delayNoticeIds(o.id).map((id) => dispatchRecord(db, id)));
  const records = new Map(refs.length === 0 ? [] : (await db.getAll(...refs)).map((d) => [d.id, d.data() as (Dispatch & { eta: string }) | undefined]));
  return new Map(
    waiting.map((o) => {
      const delays = delayNoticeIds(o.id).flatMap((id) => {
        const record = records.get(id);
        return record && record.status !== 'pending' ? [record.eta] : [];
      });
      return [o.id, { promised: promised(o) as string, delays }] as const;
    }),
  );
}

/**
 * When a stop is done later than planned, or a route is handed to another driver (改派) too late for its stops' times
 * (the hand-over timed them again), tells the customers further down the route who will now wait past the hour they were told, and again (a few times at most) those who will wait well past
 * the time of their last delay notice (`domain/notifications/delay-notice.ts`). Each notice is a
 * dispatch record with a deterministic id, written before the send, so a redelivered or repeated
 * event, or another one bringing the same news, sends nothing twice, and a send that failed is
 * retried with the redelivery; no processed-event marker is needed on top.
 */
export const handleDelayEvent = eventConsumer(NOTIFY_DELAYS, async (event: EventEnvelope) => {
  const delay = delayOf(event);
  if (!delay) return;
  const c = await container();
  const route = (await c.db.collection('routes').doc(delay.routeId).get()).data() as Route | undefined;
  if (!route) return;
  const open = route.stops.filter((s) => !s.outcome);
  if (open.length === 0) return;
  const orders = (await c.db.getAll(...open.map((s) => c.db.collection('orders').doc(s.orderId)))).flatMap((d) => (d.exists ? [d.data() as Order] : []));
  const notices = delay.notices(route, await toldArrivals(c.db, orders, delay.toldBefore));
  if (notices.length === 0) return;
  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  for (const notice of notices) {
    const snap = await c.db.collection('customers').doc(notice.customerId).get();
    if (!snap.exists) continue;
    const about = { kind: 'delay', orderId: notice.orderId, eta: notice.eta };
    const text = (locale: NoticeLocale) => renderDelayNotice(notice, locale);
    await dispatchToCustomer(c, select, delayNoticeId(notice.orderId, notice.sequence), snap.data() as Customer, about, text);
  }
});

cloudEvent(NOTIFY_DELAYS, handleDelayEvent);
