import type { Container } from '../../adapters/container';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { relocatableOrdersOf } from '../../adapters/firestore/order-store';
import { inTransaction } from '../../adapters/firestore/unit-of-work';
import type { Customer } from '../../domain/customers';
import { conflict } from '../../domain/errors';
import type { Actor } from '../../domain/events';
import { deliveryPlaceOf, orderUpdatedEvent, placeChanges, relocateOrder } from '../../domain/orders';

/**
 * The most orders that follow their customer in the customer's own transaction. Each takes two of Firestore's 500 writes
 * (the order and its outbox entry), the customer one more. A customer has a few not yet on a route: recurring orders are
 * made a few days ahead, the forecast suggests one only to a customer without an open order, and the office and the
 * portal book one delivery at a time. Past this the edit is refused whole rather than written in part.
 */
export const MAX_ORDERS_FOLLOWING = 200;

export interface EditedCustomer {
  readonly customer: Customer;
  /** The orders that now go to the customer's new place. */
  readonly relocatedOrderIds: readonly string[];
}

/**
 * Changes a customer and, when the change moves where they are delivered to (pin, precision or address), takes their
 * orders not yet on a route (`RELOCATABLE_STATUSES`) along in the same transaction: planning plans each order at its own
 * copy of the place, so an order left behind would still be driven to the old one and keep its 位置約略 mark. Each order
 * goes through the order aggregate (version + 1, `order.updated` naming the fields, by the editor). An order already at
 * the new place is left alone, so a retried edit moves nothing twice.
 * @throws `CUSTOMER.NOT_FOUND`, whatever `change` throws, `CUSTOMER.TOO_MANY_OPEN_ORDERS` (conflict).
 */
export async function editCustomer(c: Container, id: string, change: (current: Customer) => Customer, actor: Actor): Promise<EditedCustomer> {
  const now = c.clock.now();
  return inTransaction(c.db, c.publisher, { actor, now }, async (uow) => {
    const { before, after } = await firestoreCustomerStore(c.db).updateIn(uow, id, change);
    if (placeChanges(deliveryPlaceOf(before), deliveryPlaceOf(after)).length === 0) return { customer: after, relocatedOrderIds: [] };
    const open = await relocatableOrdersOf(uow, id, MAX_ORDERS_FOLLOWING + 1);
    if (open.length > MAX_ORDERS_FOLLOWING) {
      throw conflict('CUSTOMER.TOO_MANY_OPEN_ORDERS', `More than ${MAX_ORDERS_FOLLOWING} orders of ${id} are not yet on a route`, {
        id,
        max: MAX_ORDERS_FOLLOWING,
      });
    }
    const relocatedOrderIds = open.flatMap((current) => {
      const { order, fields } = relocateOrder(current, after, now);
      if (fields.length === 0) return [];
      uow.put('orders', current, order, [orderUpdatedEvent(order, fields)]);
      return [order.id];
    });
    return { customer: after, relocatedOrderIds };
  });
}
