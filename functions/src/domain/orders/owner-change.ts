import type { Customer } from '../customers';
import { customerPriceList, type PriceList } from '../pricing';
import { repriceAllLines, type Order } from './order';
import { contactOf } from './place';

/** What an order passing to a new owner changes, as its `order.updated` names them. */
export const OWNER_CHANGE_FIELDS = ['customerId', 'customerName', 'phone', 'customerType', 'paymentMethod', 'items', 'total'] as const;

/**
 * The seller's order not yet on a route as the new owner's (過戶): their name and phone for the driver, their terms to
 * pay on, each line priced as the buyer pays on the order's day (the list: a seller's 合約價 was agreed with the seller,
 * and the buyer starts with none). The place stays: it is the same shop.
 */
export function orderForNewOwner(order: Order, buyer: Pick<Customer, 'id' | 'name' | 'phones' | 'type' | 'paymentTerms' | 'contractPrices'>, priceList: PriceList, at: Date): Order {
  const { phone: _seller, ...rest } = order;
  const moved: Order = { ...rest, customerId: buyer.id, ...contactOf(buyer), customerType: buyer.type, paymentMethod: buyer.paymentTerms, updatedAt: at.toISOString() };
  return repriceAllLines(moved, customerPriceList(priceList, buyer.contractPrices), at);
}
