import type { Container } from '../../adapters/container';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { customerOrdersIn } from '../../adapters/firestore/order-store';
import { firestoreServiceCallStore } from '../../adapters/firestore/service-call-store';
import { inTransaction } from '../../adapters/firestore/unit-of-work';
import {
  activeBranches,
  assertNoBranches,
  CUSTOMER_DEACTIVATED,
  deactivateCustomer,
  MAX_ORDERS_CANCELLED,
  ordersCancelledByDeactivation,
  type Customer,
  type DeactivateCustomerInput,
  type OpenOrderRef,
} from '../../domain/customers';
import { DomainError } from '../../domain/errors';
import { OPEN_STATUSES } from '../../domain/orders';
import { assertNoOpenServiceCalls } from '../../domain/service-calls';
import { actorOf, type Principal } from '../../http/auth/principal';
import type { Locale } from '../../http/locale';
import { messageFor } from '../../http/messages';
import { cancelOrderIn } from './cancel-order';

export interface DeactivatedCustomer {
  readonly customer: Customer;
  readonly cancelledOrderIds: readonly string[];
}

const LIST_SEPARATOR: Record<Locale, string> = { 'zh-TW': '、', en: ', ' };

/** A refusal naming orders gets `orderList`, the orders its text names, in the caller's words. */
export function withOrderList(err: unknown, locale: Locale): unknown {
  const orders = err instanceof DomainError ? (err.details?.['orders'] as readonly OpenOrderRef[] | undefined) : undefined;
  if (!(err instanceof DomainError) || !orders) return err;
  const count = Number(err.details?.['count']);
  const listed = orders.map((o) => messageFor('CUSTOMER.OPEN_ORDER', locale, o.id, { ...o }));
  const orderList = [...listed, ...(count > orders.length ? ['…'] : [])].join(LIST_SEPARATOR[locale]);
  return new DomainError(err.code, err.kind, err.message, { ...err.details, orderList });
}

/**
 * Deactivates a customer and, when asked, cancels their open orders not yet on a truck, all in one transaction: each
 * through the one cancel path (`cancelOrderIn`: its event, reason `customer_deactivated`), so the customer is never
 * inactive with an order still coming, nor left active with their orders cancelled. A retry finds them inactive
 * (`CUSTOMER.ALREADY_INACTIVE`) and cancels nothing again; the same Idempotency-Key replays the first answer.
 * @throws `CUSTOMER.NOT_FOUND`, `CUSTOMER.ALREADY_INACTIVE`, `CUSTOMER.PAYER_HAS_BRANCHES` (a head office of active branches),
 *   `CUSTOMER.OPEN_SERVICE_CALLS` (a service call not closed, whatever `cancelOpenOrders` says), and the refusals of `ordersCancelledByDeactivation` with
 *   `details.orderList` in the caller's language.
 */
export async function deactivateWithOrders(c: Container, id: string, input: DeactivateCustomerInput, principal: Principal, locale: Locale): Promise<DeactivatedCustomer> {
  const now = c.clock.now();
  try {
    return await inTransaction(c.db, c.publisher, { actor: actorOf(principal), now }, async (uow) => {
      const customers = firestoreCustomerStore(c.db);
      const { after } = await customers.updateIn(uow, id, (current) => deactivateCustomer(current, now));
      // A head office (分店／總公司付款) stays while active branches name it: their deliveries on account are billed to it.
      assertNoBranches(after, activeBranches(await customers.branchesOf(id, uow.tx)));
      // 報修 not closed (a leak reported, a driver on the way) must not leave the office's lists with the customer.
      assertNoOpenServiceCalls(id, await firestoreServiceCallStore(c.db, c.publisher).openOf(uow.tx, id));
      const open = await customerOrdersIn(uow, id, OPEN_STATUSES, MAX_ORDERS_CANCELLED + 1);
      const cancelled = ordersCancelledByDeactivation(id, open, input.cancelOpenOrders);
      for (const order of cancelled) await cancelOrderIn(uow, principal, order, { reason: CUSTOMER_DEACTIVATED }, now);
      return { customer: after, cancelledOrderIds: cancelled.map((o) => o.id) };
    });
  } catch (err) {
    throw withOrderList(err, locale);
  }
}
