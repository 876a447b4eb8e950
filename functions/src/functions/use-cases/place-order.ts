import type { Container } from '../../adapters/container';
import { loadClosures } from '../../adapters/firestore/closure-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { firestoreOrderStore, loadPriceList } from '../../adapters/firestore/order-store';
import type { Versioned } from '../../adapters/firestore/aggregate-store';
import { taipeiDate } from '../../domain/clock';
import type { Actor } from '../../domain/events';
import { createOrder, orderCreatedEvent, type CreateOrderInput, type Order, type OrderSource } from '../../domain/orders';
import type { ClosureList } from '../../domain/closures';
import type { PriceList } from '../../domain/pricing';

export interface PlaceOrder {
  readonly id: string;
  readonly customerId: string;
  readonly input: CreateOrderInput;
  readonly by: Actor;
  readonly source: OrderSource;
  readonly recurringRuleId?: string;
  /** Jobs that place many orders load the price list once. */
  readonly priceList?: PriceList;
  /** Likewise the closures (those from today on suffice). */
  readonly closures?: ClosureList;
}

/**
 * Creates one order with its `order.created` event: the office and the portal, the recurring-order
 * job and the forecast's suggested orders all place orders this way. Idempotent by `id`.
 */
export async function placeOrder(c: Container, p: PlaceOrder): Promise<{ order: Versioned<Order>; created: boolean }> {
  const orders = firestoreOrderStore(c.db, c.publisher);
  const now = c.clock.now();
  const today = taipeiDate(now);
  const customers = firestoreCustomerStore(c.db);
  const [priceList, closures] = await Promise.all([p.priceList ?? loadPriceList(c.db), p.closures ?? loadClosures(c.db, today)]);
  const { doc, created } = await orders.create(
    p.id,
    async (tx) => {
      // Read in the order's transaction, serialised with a re-pin's (`editCustomer` reads the customer and their open
      // orders in one): the order is made either before it, and moved with the others, or after it, at the new place.
      const customer = await customers.getIn(tx, p.customerId);
      const order = createOrder(p.input, {
        id: p.id,
        customer,
        priceList,
        closures,
        by: p.by,
        at: now,
        today,
        source: p.source,
        ...(p.recurringRuleId ? { recurringRuleId: p.recurringRuleId } : {}),
      });
      return {
        next: order,
        events: [orderCreatedEvent(order)],
      };
    },
    { actor: p.by, now },
  );
  return { order: doc, created };
}
