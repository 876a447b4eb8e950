import type { Container } from '../../adapters/container';
import { firestoreBooksStore } from '../../adapters/firestore/books-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { transferCylindersIn } from '../../adapters/firestore/cylinder-register-store';
import { depositsOf } from '../../adapters/firestore/deposit-store';
import { customerOrdersIn, customerOrdersSinceIn, loadPriceList } from '../../adapters/firestore/order-store';
import { activeRulesOfIn, putRuleIn } from '../../adapters/firestore/recurring-rule-store';
import { firestoreServiceCallStore } from '../../adapters/firestore/service-call-store';
import { inTransaction } from '../../adapters/firestore/unit-of-work';
import { firestoreUserStore } from '../../adapters/firestore/user-store';
import type { Deposit } from '../../domain/billing';
import { taipeiDate } from '../../domain/clock';
import {
  activeBranches,
  assertNoBranchesToErase,
  MAX_ORDERS_CANCELLED,
  ordersPassingToBuyer,
  recurringRuleAfterTransfer,
  transferCustomer,
  type Customer,
  type DepositMoved,
  type TransferCustomerInput,
} from '../../domain/customers';
import { OPEN_STATUSES, orderUpdatedEvent } from '../../domain/orders';
import { assertNoOpenServiceCalls } from '../../domain/service-calls';
import { orderForNewOwner, OWNER_CHANGE_FIELDS } from '../../domain/orders/owner-change';
import { actorOf, type Principal } from '../../http/auth/principal';
import type { Locale } from '../../http/locale';
import { messageFor } from '../../http/messages';
import { withOrderList } from './deactivate-customer';

export interface TransferredCustomer {
  readonly seller: Customer;
  readonly buyer: Customer;
  /** The seller's orders (handover day on, not yet on a route) now the buyer's. */
  readonly movedOrderIds: readonly string[];
  /** Registered cylinders (容器管理) at the shop, now under the buyer. */
  readonly cylinderSerials: readonly string[];
  /** The seller's 定期配送 rules, the buyer's now (`moveRecurring`) or ended. */
  readonly recurringRules: { readonly moved: readonly string[]; readonly ended: readonly string[] };
}

/** The pair of records a deposit moving accounts leaves: refunded on the seller's, collected on the buyer's. */
function depositRecords(moved: DepositMoved, seller: Customer, buyer: Customer, ctx: { on: string; by: string; now: Date; locale: Locale }): [Deposit, Deposit] {
  const base = { size: moved.size, count: moved.count, amount: moved.amount, method: 'transfer' as const, receivedOn: ctx.on, by: ctx.by, at: ctx.now.toISOString() };
  const note = (code: string, other: Customer) => messageFor(code, ctx.locale, code, { code: other.code, name: other.name, on: ctx.on.replaceAll('-', '/') });
  const id = `dep-${buyer.id}-${moved.size}`;
  return [
    { ...base, id, customerId: seller.id, kind: 'refund', note: note('CUSTOMER.TRANSFER_DEPOSIT_TO', buyer) },
    { ...base, id, customerId: buyer.id, kind: 'collect', note: note('CUSTOMER.TRANSFER_DEPOSIT_FROM', seller) },
  ];
}

/**
 * 過戶 in one transaction: the buyer's new customer record (the next running code), the seller's closed as 過戶 (inactive,
 * linked both ways), the cylinders on site and the registered ones at the shop under the buyer, the deposit moved by a
 * record on each side (dated the handover day, in open books) or left on the seller's to refund, and the seller's orders
 * from the handover day not yet on a route the buyer's (`order.updated`, priced as the buyer pays), and the seller's
 * 定期配送 rules the buyer's (`moveRecurring`) or ended (`recurringRuleAfterTransfer`). The seller's
 * deliveries before it stay theirs, invoiced to their 統一編號 by the month's run. Retried with the same Idempotency-Key,
 * the first answer; otherwise the seller is found inactive and nothing is done twice.
 * @throws `CUSTOMER.NOT_FOUND`, `CUSTOMER.TRANSFER_HAS_BRANCHES` (a head office, naming its active branches: a closed
 *   one takes no more deliveries for the buyer to pay for),
 *   `CUSTOMER.TRANSFER_OPEN_SERVICE_CALLS` (報修 not closed, naming them), `DEPOSIT.BOOKS_CLOSED` (path `handoverOn`), the refusals of `transferCustomer` and of
 *   `ordersPassingToBuyer` (with `details.orderList` in the caller's language).
 */
export async function transferToNewOwner(c: Container, sellerId: string, buyerId: string, input: TransferCustomerInput, principal: Principal, locale: Locale): Promise<TransferredCustomer> {
  const now = c.clock.now();
  const today = taipeiDate(now);
  const customers = firestoreCustomerStore(c.db);
  const [priceList, names] = await Promise.all([loadPriceList(c.db), firestoreUserStore(c.db).displayNames([principal.uid])]);
  const by = names.get(principal.uid) ?? principal.uid;
  try {
    return await inTransaction(c.db, c.publisher, { actor: actorOf(principal), now }, async (uow) => {
      const current = await customers.getIn(uow.tx, sellerId);
      assertNoBranchesToErase(current, activeBranches(await customers.branchesOf(sellerId, uow.tx)), 'CUSTOMER.TRANSFER_HAS_BRANCHES');
      assertNoOpenServiceCalls(sellerId, await firestoreServiceCallStore(c.db, c.publisher).openOf(uow.tx, sellerId), 'CUSTOMER.TRANSFER_OPEN_SERVICE_CALLS');
      const open = await customerOrdersIn(uow, sellerId, OPEN_STATUSES, MAX_ORDERS_CANCELLED + 1);
      const sinceHandover = await customerOrdersSinceIn(uow, sellerId, input.handoverOn);
      const rules = await activeRulesOfIn(uow, sellerId);
      await firestoreBooksStore(c.db).assertOpen(uow.tx, input.handoverOn, 'DEPOSIT.BOOKS_CLOSED', 'handoverOn');
      const transfer = transferCustomer(current, input, { buyerId, buyerCode: await customers.nextCodeIn(uow), today, now });
      const buyer = customers.putIn(uow, transfer.buyer);
      const seller = customers.putIn(uow, transfer.seller);
      const passing = ordersPassingToBuyer(sellerId, input.handoverOn, open, sinceHandover);
      for (const order of passing) {
        const next = orderForNewOwner(order, buyer, priceList, now);
        uow.put('orders', order, next, [orderUpdatedEvent(next, OWNER_CHANGE_FIELDS)]);
      }
      for (const moved of transfer.depositsMoved) {
        for (const record of depositRecords(moved, seller, buyer, { on: input.handoverOn, by, now, locale })) uow.set(depositsOf(record.customerId), record.id, record);
      }
      for (const rule of rules) putRuleIn(uow, recurringRuleAfterTransfer(rule, buyer.id, input.moveRecurring));
      const cylinderSerials = await transferCylindersIn(uow, sellerId, buyer.id, { id: `xfer-${buyer.id}`, by: actorOf(principal), now, today });
      const ruleIds = rules.map((r) => r.id);
      const recurringRules = input.moveRecurring ? { moved: ruleIds, ended: [] } : { moved: [], ended: ruleIds };
      return { seller, buyer, movedOrderIds: passing.map((o) => o.id), cylinderSerials, recurringRules };
    });
  } catch (err) {
    throw withOrderList(err, locale);
  }
}
