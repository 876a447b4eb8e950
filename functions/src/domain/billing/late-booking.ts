/**
 * 補登: a record of a day that is in the closed books (關帳) by the time it reaches the server — a driver's delivery or
 * door deposit queued on a phone without signal — is not refused (the gas was delivered, the driver holds the cash) but
 * booked on the first open day, as a bookkeeper posts a late voucher, so a closed month's statements stay as sent. The
 * record keeps the day it happened.
 */
import { addDays, taipeiInstant } from '../calendar';
import type { DeliveryRecord, Order } from '../orders/order';

/** The day a record of `day` is booked on: that day, or the first open day when the books are closed through it. */
export const bookedOn = (day: string, closedThrough: string | undefined): string => (closedThrough !== undefined && day <= closedThrough ? addDays(closedThrough, 1) : day);

/**
 * The delivered order with its charge booked on the first open day (`delivery.bookedOn`) when its Taipei delivery day is
 * in the closed books (`closedThrough`, read in the stop's transaction); any other order as it is.
 */
export function withLateBooking(order: Order, deliveryDay: string, closedThrough: string | undefined): Order {
  const day = bookedOn(deliveryDay, closedThrough);
  return order.delivery && day !== deliveryDay ? { ...order, delivery: { ...order.delivery, bookedOn: day } } : order;
}

/** The instant a delivery's charge counts at (statements, balances, ageing, 月報): the delivery's, or its booked day's first. */
export const billedAt = (delivery: Pick<DeliveryRecord, 'at' | 'bookedOn'>): string => (delivery.bookedOn ? taipeiInstant(delivery.bookedOn, '00:00') : delivery.at);

type BilledOrder = Pick<Order, 'total'> & { readonly delivery?: Pick<DeliveryRecord, 'at' | 'bookedOn' | 'cashCollected'> | undefined };

/**
 * What deliveries booked late move into the range [`from`, `until`) of billing instants (`from` absent: everything
 * before `until`) from where their delivery instants put them: added to sums taken over `delivery.at`, it gives the sums
 * over `billedAt`. `orders` must hold every late-booked order of the account booked on or after `from`'s day (or
 * `until`'s, without `from`); others change nothing.
 */
export function lateBookedShift(orders: readonly BilledOrder[], until: string, from?: string): { charges: number; cashCollected: number } {
  const within = (at: string) => at < until && (from === undefined || at >= from);
  return orders.reduce(
    (shift, o) => {
      if (!o.delivery?.bookedOn) return shift;
      const moved = Number(within(billedAt(o.delivery))) - Number(within(o.delivery.at));
      return { charges: shift.charges + moved * o.total, cashCollected: shift.cashCollected + moved * o.delivery.cashCollected };
    },
    { charges: 0, cashCollected: 0 },
  );
}
