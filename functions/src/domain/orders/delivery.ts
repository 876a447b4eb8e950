import { invalid } from '../errors';
import type { Actor } from '../events';
import { priceFor, type PricedLine, type PriceList } from '../pricing';
import type { Customer } from '../customers';
import { assertSupplyOpen, isCollectionOnly, sameLines, type DeliveryRecord, type Order } from './order';
import { transition } from './transition';

/**
 * The order once the driver has recorded what was left at the door. A customer who takes fewer
 * cylinders than ordered, or one more, pays for what was delivered: the lines and total follow the
 * delivery, at the unit prices the order was taken at (a size it did not have at the price list's
 * price on its day), and the lines as ordered stay in `orderedItems`. Statements, the drivers'
 * settlement and the revenue counters all read `total`, so they bill the delivery.
 * A customer whose supply is stopped (`supplyStopped`, 停止供氣) may have only their empties taken back on any order.
 * @throws `PRICE.NOT_FOUND` for a delivered size without a price on the order's day; `ORDER.NOTHING_DELIVERED` when
 * nothing was left (nor, on a collection-only order, taken back): that stop failed.
 */
export function deliverOrder(order: Order, record: DeliveryRecord, ctx: { by: Actor; at: Date; priceList: PriceList; supplyStopped?: boolean }): Order {
  // Only a collection-only order is delivered with nothing left, and it must have taken something back.
  if (record.delivered.length === 0 && (!(isCollectionOnly(order) || ctx.supplyStopped) || record.emptiesCollected.length === 0)) {
    throw invalid('ORDER.NOTHING_DELIVERED', `Order ${order.id} delivered with nothing left or collected`, { path: 'delivered' });
  }
  const delivered = { ...transition(order, 'delivered', { by: ctx.by, at: ctx.at }), delivery: record };
  if (sameLines(order.items, record.delivered)) return delivered;
  const items: PricedLine[] = record.delivered.map(({ size, quantity }) => {
    const unitPrice = order.items.find((i) => i.size === size)?.unitPrice ?? priceFor(ctx.priceList, size, order.requestedDate);
    return { size, quantity, unitPrice, subtotal: unitPrice * quantity };
  });
  return { ...delivered, items, total: items.reduce((sum, l) => sum + l.subtotal, 0), orderedItems: order.orderedItems ?? order.items };
}

/**
 * The delivered order with the collected cylinders the register did not know as in service on its delivery record; with
 * none (or no delivery), the order as it is.
 */
export function withUnknownCollectedSerials(order: Order, serials: readonly string[]): Order {
  if (serials.length === 0 || !order.delivery) return order;
  return { ...order, delivery: { ...order.delivery, unknownCollectedSerials: [...serials] } };
}

/** An upload this long after the driver recorded it waited in the phone's queue (no signal): the driver has left the door. */
export const QUEUED_UPLOAD_MS = 2 * 60_000;

/**
 * 停止供氣 at the door: a delivery leaving cylinders with a customer whose supply a service call stopped is refused while
 * the driver is still there to take them back, an upload sent as it was recorded. One that waited in the phone's queue
 * (recorded `QUEUED_UPLOAD_MS` or more before it arrived) already happened: the cylinders are there, and refusing it would
 * only lose the record of it, so it is taken and the office must act at once. Taking the empties only is never held.
 * @returns whether the delivery left cylinders despite the stop (the office is to be alerted)
 * @throws `ORDER.SUPPLY_STOPPED` (in the driver's words: take the empties only, or record it failed) for one sent at once
 */
export function leftDespiteSupplyStop(customer: Pick<Customer, 'id' | 'supplyStop'>, record: Pick<DeliveryRecord, 'delivered'>, ctx: { by: Actor; at: Date; now: Date }): boolean {
  if (!customer.supplyStop || record.delivered.length === 0) return false;
  if (ctx.now.getTime() - ctx.at.getTime() < QUEUED_UPLOAD_MS) assertSupplyOpen(customer, { items: record.delivered }, ctx.by);
  return true;
}
