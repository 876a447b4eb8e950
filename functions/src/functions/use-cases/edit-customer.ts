import type { Container } from '../../adapters/container';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { customerOrdersIn, customerOrdersSinceIn } from '../../adapters/firestore/order-store';
import type { Versioned } from '../../adapters/firestore/aggregate-store';
import { inTransaction, type UnitOfWork } from '../../adapters/firestore/unit-of-work';
import { INVOICES } from '../../adapters/invoicing/invoice-store';
import { taipeiDate } from '../../domain/clock';
import { activeBranches, assertNoBranches, type Customer } from '../../domain/customers';
import { conflict } from '../../domain/errors';
import type { Actor } from '../../domain/events';
import { assertBuyerChangeInvoiced, buyerChangeLookbackFrom, changesInvoiceBuyer, monthInvoiceIdsOf } from '../../domain/invoicing';
import { followCustomer, orderUpdatedEvent, statusesFollowing, type Order } from '../../domain/orders';

/**
 * The most orders that follow their customer in the customer's own transaction. Each takes two of Firestore's 500 writes
 * (the order and its outbox entry), the customer one more. A customer has a few still to be delivered: recurring orders
 * are made a few days ahead, the forecast suggests one only to a customer without an open order, and the office and the
 * portal book one delivery at a time. Past this the edit is refused whole rather than written in part.
 */
export const MAX_ORDERS_FOLLOWING = 200;

export interface EditedCustomer {
  readonly customer: Customer;
  /** The orders that now have the customer's new place or contact. */
  readonly followingOrderIds: readonly string[];
}

/**
 * Changes a customer and takes their orders along in the same transaction when the change reaches what an order copies
 * of them (`followCustomer`): a new place (pin, precision or address) moves the orders not yet on a route, since planning
 * plans each order at its own copy and one left behind would still be driven to the old place and keep its 位置約略 mark;
 * a new name or first phone reaches every order still to be delivered, since the board, the 派車單 and the driver's card
 * read the order's copy and the driver would call the old number. Each order goes through the order aggregate
 * (version + 1, `order.updated` naming the fields, by the editor). An order that has them already is left alone, so a
 * retried edit changes nothing twice. A new buyer on the invoices (統一編號, 抬頭) is refused while deliveries on account
 * wait for a 月結發票 not yet issued (a head office's branches' too), unless `confirmBuyerChange` (`assertBuyerChangeInvoiced`);
 * a head office's terms stay 月結 while active branches name it (`assertNoBranches`).
 * @throws `CUSTOMER.NOT_FOUND`, whatever `change` throws, `CUSTOMER.TOO_MANY_OPEN_ORDERS`, `CUSTOMER.BUYER_CHANGE_UNINVOICED` (conflicts),
 *   `CUSTOMER.PAYER_HAS_BRANCHES`.
 */
export async function editCustomer(
  c: Container,
  id: string,
  change: (current: Customer) => Customer,
  actor: Actor,
  { confirmBuyerChange = false }: { readonly confirmBuyerChange?: boolean } = {},
): Promise<EditedCustomer> {
  const now = c.clock.now();
  return inTransaction(c.db, c.publisher, { actor, now }, async (uow) => {
    const { before, after } = await firestoreCustomerStore(c.db).updateIn(uow, id, change);
    const newBuyer = !confirmBuyerChange && changesInvoiceBuyer(before, after);
    const leavesMonthly = before.paymentTerms === 'monthly' && after.paymentTerms !== 'monthly';
    if (newBuyer || leavesMonthly) {
      const branches = await firestoreCustomerStore(c.db).branchesOf(id, uow.tx);
      if (leavesMonthly) assertNoBranches(after, activeBranches(branches));
      // A head office is the buyer of its branches' months too (分店／總公司付款).
      if (newBuyer) for (const billed of [id, ...branches.map((b) => b.id)]) await assertMonthsInvoiced(uow, billed, taipeiDate(now));
    }
    const statuses = statusesFollowing(before, after);
    if (statuses.length === 0) return { customer: after, followingOrderIds: [] };
    const open = await customerOrdersIn(uow, id, statuses, MAX_ORDERS_FOLLOWING + 1);
    if (open.length > MAX_ORDERS_FOLLOWING) {
      throw conflict('CUSTOMER.TOO_MANY_OPEN_ORDERS', `More than ${MAX_ORDERS_FOLLOWING} orders of ${id} are still to be delivered`, {
        id,
        max: MAX_ORDERS_FOLLOWING,
      });
    }
    const followingOrderIds = open.flatMap((current) => {
      const { order, fields } = followCustomer(current, after, now);
      if (fields.length === 0) return [];
      uow.put('orders', current, order, [orderUpdatedEvent(order, fields)]);
      return [order.id];
    });
    return { customer: after, followingOrderIds };
  });
}

/** The customer's deliveries on account of this month and the last, against the 月結發票 on file, read in the edit's transaction. */
async function assertMonthsInvoiced(uow: UnitOfWork, id: string, today: string): Promise<void> {
  const { orders, issued } = await monthsInvoiced(uow, id, today);
  assertBuyerChangeInvoiced(id, orders, issued);
}

/** The customer's orders of this month and the last and which of their 月結發票 are on file, read in `uow`'s transaction. */
export async function monthsInvoiced(uow: UnitOfWork, id: string, today: string): Promise<{ orders: Versioned<Order>[]; issued: Set<string> }> {
  const orders = await customerOrdersSinceIn(uow, id, buyerChangeLookbackFrom(today));
  const ids = monthInvoiceIdsOf(id, orders);
  const found = await uow.readAll<{ id: string }>(INVOICES, ids);
  return { orders, issued: new Set(ids.filter((_, i) => found[i] !== null)) };
}
