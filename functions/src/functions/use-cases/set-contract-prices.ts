import type { Container } from '../../adapters/container';
import type { Versioned } from '../../adapters/firestore/aggregate-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { customerOrdersIn, loadPriceList } from '../../adapters/firestore/order-store';
import { inTransaction } from '../../adapters/firestore/unit-of-work';
import { canonicalJson } from '../../domain/canonical-json';
import type { Customer } from '../../domain/customers';
import { conflict } from '../../domain/errors';
import type { Actor } from '../../domain/events';
import { orderUpdatedEvent, repriceAllLines, REPRICEABLE_STATUSES, type Order } from '../../domain/orders';
import { assertContractPrices, customerPriceList, pricingTerms, type PricingTerm, type SetContractPricesInput } from '../../domain/pricing';
import { MAX_ORDERS_FOLLOWING } from './edit-customer';

export interface ContractPricesSet {
  readonly customer: Customer;
  /** The open orders that took the customer's new prices. */
  readonly repricedOrderIds: readonly string[];
}

/**
 * Gives a customer a new set of 合約價 terms and their open orders (pending, confirmed: those a list change re-prices) the
 * prices the terms make, in one transaction, as a list change would: an order on a route keeps the price on its sheet. A
 * head office's branches price by its terms where they have none of their own (`pricingTerms`), so their open orders
 * follow too, and the chain's together are held to `MAX_ORDERS_FOLLOWING`. Each order goes through the order aggregate
 * (version + 1, `order.updated` naming `items`); one already at its price is left alone, so a retried request changes
 * nothing twice.
 * @throws `CUSTOMER.NOT_FOUND`, what `assertContractPrices` throws, `CUSTOMER.TOO_MANY_OPEN_ORDERS` (conflict).
 */
export async function setContractPrices(c: Container, id: string, input: SetContractPricesInput, actor: Actor): Promise<ContractPricesSet> {
  const now = c.clock.now();
  const list = await loadPriceList(c.db);
  const customers = firestoreCustomerStore(c.db);
  return inTransaction(c.db, c.publisher, { actor, now }, async (uow) => {
    const { after } = await customers.updateIn(uow, id, (current) => {
      const stored = current.contractPrices ?? [];
      if (canonicalJson(stored) === canonicalJson(input.terms)) return current;
      assertContractPrices(list, input.terms, stored, input.confirmLargeDiscount);
      const { contractPrices: _old, ...rest } = current;
      const updatedAt = now.toISOString();
      return input.terms.length > 0 ? { ...rest, contractPrices: input.terms, updatedAt } : { ...rest, updatedAt };
    });
    const branches = await customers.branchesOf(id, uow.tx);
    const following = [
      { customerId: id, terms: await customers.pricingTermsOf(after, uow.tx) },
      ...branches.map((branch) => ({ customerId: branch.id, terms: pricingTerms(branch, after) })),
    ];
    const open: { order: Versioned<Order>; terms: PricingTerm[] | undefined }[] = [];
    for (const { customerId, terms } of following) {
      const orders = await customerOrdersIn(uow, customerId, REPRICEABLE_STATUSES, MAX_ORDERS_FOLLOWING + 1 - open.length);
      open.push(...orders.map((order) => ({ order, terms })));
      if (open.length > MAX_ORDERS_FOLLOWING) {
        throw conflict('CUSTOMER.TOO_MANY_OPEN_ORDERS', `More than ${MAX_ORDERS_FOLLOWING} orders of ${id} are still to be delivered`, { id, max: MAX_ORDERS_FOLLOWING });
      }
    }
    const repricedOrderIds = open.flatMap(({ order: current, terms }) => {
      const next = repriceAllLines(current, customerPriceList(list, terms), now);
      if (next === current) return [];
      uow.put('orders', current, next, [orderUpdatedEvent(next, ['items'])]);
      return [next.id];
    });
    return { customer: after, repricedOrderIds };
  });
}
