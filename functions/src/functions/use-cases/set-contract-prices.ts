import type { Container } from '../../adapters/container';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { customerOrdersIn, loadPriceList } from '../../adapters/firestore/order-store';
import { inTransaction } from '../../adapters/firestore/unit-of-work';
import { canonicalJson } from '../../domain/canonical-json';
import type { Customer } from '../../domain/customers';
import { conflict } from '../../domain/errors';
import type { Actor } from '../../domain/events';
import { orderUpdatedEvent, repriceAllLines, REPRICEABLE_STATUSES } from '../../domain/orders';
import { assertContractPrices, customerPriceList, type SetContractPricesInput } from '../../domain/pricing';
import { MAX_ORDERS_FOLLOWING } from './edit-customer';

export interface ContractPricesSet {
  readonly customer: Customer;
  /** The open orders that took the customer's new prices. */
  readonly repricedOrderIds: readonly string[];
}

/**
 * Gives a customer a new set of 合約價 terms and their open orders (pending, confirmed: those a list change re-prices) the
 * prices the terms make, in one transaction, as a list change would: an order on a route keeps the price on its sheet. Each
 * order goes through the order aggregate (version + 1, `order.updated` naming `items`); one already at its price is left
 * alone, so a retried request changes nothing twice.
 * @throws `CUSTOMER.NOT_FOUND`, what `assertContractPrices` throws, `CUSTOMER.TOO_MANY_OPEN_ORDERS` (conflict).
 */
export async function setContractPrices(c: Container, id: string, input: SetContractPricesInput, actor: Actor): Promise<ContractPricesSet> {
  const now = c.clock.now();
  const list = await loadPriceList(c.db);
  return inTransaction(c.db, c.publisher, { actor, now }, async (uow) => {
    const { after } = await firestoreCustomerStore(c.db).updateIn(uow, id, (current) => {
      const stored = current.contractPrices ?? [];
      if (canonicalJson(stored) === canonicalJson(input.terms)) return current;
      assertContractPrices(list, input.terms, stored, input.confirmLargeDiscount);
      const { contractPrices: _old, ...rest } = current;
      const updatedAt = now.toISOString();
      return input.terms.length > 0 ? { ...rest, contractPrices: input.terms, updatedAt } : { ...rest, updatedAt };
    });
    const open = await customerOrdersIn(uow, id, REPRICEABLE_STATUSES, MAX_ORDERS_FOLLOWING + 1);
    if (open.length > MAX_ORDERS_FOLLOWING) {
      throw conflict('CUSTOMER.TOO_MANY_OPEN_ORDERS', `More than ${MAX_ORDERS_FOLLOWING} orders of ${id} are still to be delivered`, { id, max: MAX_ORDERS_FOLLOWING });
    }
    const prices = customerPriceList(list, after.contractPrices);
    const repricedOrderIds = open.flatMap((current) => {
      const next = repriceAllLines(current, prices, now);
      if (next === current) return [];
      uow.put('orders', current, next, [orderUpdatedEvent(next, ['items'])]);
      return [next.id];
    });
    return { customer: after, repricedOrderIds };
  });
}
