import { taipeiInstant } from '../calendar';
import type { ClosurePeriod } from '../closures';
import type { SizeQuantity } from '../cylinders';
import type { EventEnvelope } from '../events';
import type { Order } from '../orders';
import { closureCallingOff } from '../orders/failure-reason';
import { OPEN_STATUSES } from '../orders/status';
import type { DeliveryWindow, OrderNotice } from './templates';

/** The short code customers see: the tail of the order id, upper case (ids are random, tails rarely clash per customer). */
export const orderCode = (orderId: string): string => orderId.replace(/^[a-z]+-/, '').slice(-6).toUpperCase();

/** Edits that change when the customer should expect us. */
const RESCHEDULING_FIELDS: readonly string[] = ['requestedDate', 'timeWindow'];

/** The cylinders an `order.updated` carries for the customer to be told of: those their head office set (`orderUpdatedEvent`). */
const toldItems = (event: EventEnvelope): readonly SizeQuantity[] | undefined => {
  const items = event.data['items'];
  return Array.isArray(items) ? (items as SizeQuantity[]) : undefined;
};

/** Whether an event can concern the customer at all, before the order is read. */
export function mayNotify(event: EventEnvelope): boolean {
  if (event.type === 'order.status_changed') return true;
  const fields = event.data['fields'];
  return event.type === 'order.updated' && ((Array.isArray(fields) && fields.some((f) => RESCHEDULING_FIELDS.includes(String(f)))) || toldItems(event) !== undefined);
}

/** The order's day and hours, business hours when it names none. */
const windowOf = (order: Order): DeliveryWindow => ({
  date: order.requestedDate,
  from: order.timeWindow?.start ?? '08:00',
  to: order.timeWindow?.end ?? '18:00',
});

/**
 * Which order events a customer hears about, and what they are told. Creation is acknowledged on the
 * phone or the portal already; a customer hears when the order is confirmed (not again when it comes
 * off a route), when a confirmed order's day or hours change (a pending one is told its day when
 * confirmed, unless a closure or the office with a reason moved it), when a branch's head office changes its cylinders
 * (with the new day, or alone while the order is still to come), when a published route gives it a planned time, and at each delivery step.
 */
export function noticeFor(event: EventEnvelope, order: Order): OrderNotice | null {
  if (!mayNotify(event)) return null;
  const code = orderCode(order.id);
  if (event.type === 'order.updated') {
    const closure = event.data['closure'] as ClosurePeriod | undefined;
    const reason = typeof event.data['reason'] === 'string' ? event.data['reason'] : undefined;
    const items = toldItems(event);
    // A head office's change of the cylinders alone: the branch's day and hours stay, what arrives does not.
    if (items && closure === undefined && reason === undefined) {
      return OPEN_STATUSES.includes(order.status) ? { kind: 'cylinders_changed', orderCode: code, window: windowOf(order), items } : null;
    }
    // A closure's move, or one the office gives a reason for (分裝場缺氣), changes the day the customer asked for, confirmed
    // or not (their own pending order, or one whose stop an afternoon called off marked failed): a pending order moved
    // without one is the customer's own change or one agreed on the phone. A nightly suggestion nobody asked for is the
    // office's to call about.
    const movedByUs = (closure !== undefined || reason !== undefined) && order.status === 'pending' && order.source !== 'forecast';
    if (order.status !== 'confirmed' && !movedByUs) return null;
    // Brought back to its day once the closure was lifted there (恢復配送): told so, not that we are closed.
    if (closure && event.data['closureLifted'] === true) return { kind: 'closure_lifted', orderCode: code, window: windowOf(order), closure };
    return { kind: 'rescheduled', orderCode: code, window: windowOf(order), ...(closure ? { closure } : {}), ...(reason ? { reason } : {}), ...(items ? { items } : {}) };
  }
  const data = event.data as { from?: string; to?: string; reason?: string; eta?: string };
  switch (data.to) {
    case 'confirmed':
      // Taken off its route (re-planned, or moved off a closure with its new day told apart): confirmed long ago already.
      return data.from === 'scheduled' ? null : { kind: 'confirmed', orderCode: code, window: windowOf(order) };
    case 'scheduled': {
      // A route without a planned time says nothing the confirmation did not.
      const eta = data.eta ?? order.eta;
      return eta ? { kind: 'scheduled', orderCode: code, eta } : null;
    }
    case 'out_for_delivery':
      return {
        kind: 'out_for_delivery',
        orderCode: code,
        eta: data.eta ?? taipeiInstant(order.requestedDate, order.timeWindow?.start ?? '08:00'),
      };
    case 'delivered':
      return { kind: 'delivered', orderCode: code, amount: order.delivery?.cashCollected || order.total };
    case 'failed':
      return { kind: 'failed', orderCode: code, reason: data.reason ?? order.failureReason ?? '' };
    case 'cancelled': {
      const reason = data.reason ?? order.cancelReason;
      return { kind: 'cancelled', orderCode: code, ...(reason ? { reason } : {}) };
    }
    default:
      return null;
  }
}

/**
 * How long the failure notice of a stop a closure called off waits (`holdsNotice`) before it is sent anyway: the board's
 * 全部移到休息後 follows its 出車中的訂單標記未送達 within minutes, and the move's notice (the new day) replaces it.
 */
export const CALL_OFF_HOLD_MS = 15 * 60_000;

/**
 * Whether a notice waits before it is sent, for a later notice of the order to replace it: the failure of a stop called
 * off by a closure holding there (`closureCallingOff`), as 配送未完成（原因：颱風停班停課），我們將盡快與您聯繫改約時間 followed a
 * minute later by the move's 配送時間已改為 12/3 would promise a call the second makes moot. Any other failure is told at once.
 */
export function holdsNotice(notice: OrderNotice, order: Pick<Order, 'requestedDate' | 'district'>, closures: readonly ClosurePeriod[]): boolean {
  return notice.kind === 'failed' && closureCallingOff(notice.reason, order, closures) !== undefined;
}
