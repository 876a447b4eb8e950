import type { Order, SizeQuantity } from '../../lib/types';

/**
 * What the order comes to for the cylinders the counts leave at the door, by the server's rule
 * (functions/src/domain/orders/delivery.ts `deliverOrder`, pinned by door-cash.test.ts): each size delivered at the unit
 * price the order was taken at. Null when a size delivered is not on the order: the server prices that one from the
 * price list of the order's day, which the phone does not have.
 */
export function deliveredTotal(order: Pick<Order, 'items'>, delivered: readonly SizeQuantity[]): number | null {
  let total = 0;
  for (const { size, quantity } of delivered) {
    if (quantity === 0) continue;
    const line = order.items.find((i) => i.size === size);
    if (!line) return null;
    total += line.unitPrice * quantity;
  }
  return total;
}

/**
 * The cash the deliver dialog pre-fills: what the delivery comes to for an order paid at the door; nothing for one on
 * account (月結) or by transfer, whose money does not change hands there. Null when the amount is not known on the phone.
 */
export function cashPrefill(order: Pick<Order, 'items' | 'paymentMethod'>, delivered: readonly SizeQuantity[]): number | null {
  return order.paymentMethod === 'cash' ? deliveredTotal(order, delivered) : 0;
}
